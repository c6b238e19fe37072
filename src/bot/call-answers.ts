/**
 * Use case: the mandate team (or an admin) reads the table of answers to a call for input:
 * one row per company it went to, with its latest answer, who gave it and when, or "no
 * answer yet". Anyone else is answered as for an unknown reference: the table holds every
 * company's answer, and one company's answer is not for another.
 */
import { maySeeAnswers } from '../domain/call';
import type { PlatformIdentity } from '../domain/types';
import { resolveActor } from './actor';
import { callView, companyNameIn, loadCallContext } from './call-delivery';
import { inUnitOfWork, type BotDeps } from './deps';
import { refusal } from './messages/catalogue';
import type { NeutralCard } from './ports';
import { callAnswersCard } from './views/call-card';
import { personVoice } from './voices';

/** Why: the table for the person who asked, privately, in their language and zone. */
export async function callAnswers(base: BotDeps, request: { actor: PlatformIdentity; ref: string }): Promise<NeutralCard> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, request.actor);
  const call = await deps.calls.get(request.ref);
  const mandate = call ? await deps.directory.getMandate(call.mandateKey) : null;
  if (!call || !maySeeAnswers(call, person, mandate)) throw refusal('not-found', { key: 'call.not-found', ref: request.ref }, { ref: request.ref });
  const ctx = await loadCallContext(deps, call);
  return callAnswersCard(callView(deps, ctx, personVoice(deps, person)), companyNameIn(ctx));
}

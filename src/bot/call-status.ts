/**
 * Use case: `status CI-…`, one call for input as the asker may see it. The mandate team and
 * the admins get the table of every company's answer (call-answers.ts); a person of a company
 * the call went to gets that company's card, with its own answer and the answer buttons;
 * anyone else is answered exactly as for a reference that does not exist.
 */
import { mayAnswerFor, maySeeAnswers } from '../domain/call';
import type { ChannelBinding, PlatformIdentity } from '../domain/types';
import { resolveActor } from './actor';
import { callView, loadCallContext } from './call-delivery';
import { callAnswers } from './call-answers';
import { inUnitOfWork, type BotDeps } from './deps';
import { refusal } from './messages/catalogue';
import type { NeutralCard } from './ports';
import { callCard } from './views/call-card';
import { personVoice } from './voices';

/** Why: who asks about which call, and where: in a company's channel, that company's card is the one shown. */
export interface CallStatusRequest {
  actor: PlatformIdentity;
  ref: string;
  channel?: ChannelBinding;
}

/** Why: the one answer to `status CI-…`, privately, in the asker's language and zone. */
export async function callStatus(base: BotDeps, request: CallStatusRequest): Promise<NeutralCard> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, request.actor);
  const call = await deps.calls.get(request.ref);
  const notFound = () => refusal('not-found', { key: 'call.not-found', ref: request.ref }, { ref: request.ref });
  if (!call) throw notFound();
  if (maySeeAnswers(call, person, await deps.directory.getMandate(call.mandateKey))) return callAnswers(deps, request);
  const theirs = (await deps.directory.companiesOfPerson(person.key)).filter((c) => mayAnswerFor(call, c, person.key));
  const bound = request.channel ? await deps.directory.findCompanyByChannel(request.channel) : null;
  const company = theirs.find((c) => c.key === bound?.key) ?? theirs[0];
  if (!company) throw notFound();
  const ctx = await loadCallContext(deps, call);
  return callCard(callView(deps, ctx, personVoice(deps, person, company)), company.key);
}

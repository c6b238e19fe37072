/**
 * Use case: a company's person answers a call for input for their company ("we will
 * contribute", "submitted", "not for us"). The answer is recorded by one atomic update
 * (a repeat is answered politely, a closed call refuses), the company's card shows it in
 * place, and the mandate team sees it in its own channel. Nobody else is told: one
 * company's answer never appears in another company's channel.
 */
import { mayAnswerFor, type CallAnswer, type CallForInput } from '../domain/call';
import type { ChannelBinding, Company, Person, PlatformIdentity } from '../domain/types';
import { resolveActor } from './actor';
import { loadCallContext, mandateChannelVoice, refreshCompanyCard, tellMandateChannel } from './call-delivery';
import { inUnitOfWork, type BotDeps } from './deps';
import type { ActionOutcome } from './letter-action';
import { refusal } from './messages/catalogue';
import type { CallActionId, Segment } from './ports';
import { noticeCard } from './views/notice-card';
import { personVoice } from './voices';

/** Who answers what, for which call; `channel` is where the button was pressed, when it was in a channel. */
export interface CallAnswerRequest {
  actor: PlatformIdentity;
  ref: string;
  answer: CallAnswer;
  /** A company's bound channel: its company is the one answering (needed when the person works with several). */
  channel?: ChannelBinding;
}

/** Why: each call button is one answer, so an adapter maps a click to `answerCall` in one line. */
export const CALL_BUTTON_ANSWERS: Record<CallActionId, CallAnswer> = {
  'call-contribute': 'contribute',
  'call-submitted': 'submitted',
  'call-declined': 'declined',
};

/**
 * The company the person answers for: one the call went to and that they may answer for;
 * the channel's company when the click came from a channel; refused when none is theirs,
 * or when several are and nothing says which.
 */
async function answeringCompany(deps: BotDeps, call: CallForInput, person: Person, channel?: ChannelBinding): Promise<Company> {
  const eligible = (await deps.directory.companiesOfPerson(person.key)).filter((c) => mayAnswerFor(call, c, person.key));
  const bound = channel ? await deps.directory.findCompanyByChannel(channel) : null;
  const chosen = bound ? eligible.filter((c) => c.key === bound.key) : eligible;
  if (chosen.length === 0) throw refusal('forbidden', { key: 'call.company-only', ref: call.ref }, { ref: call.ref });
  if (chosen.length > 1) throw refusal('invalid-input', { key: 'call.which-company', ref: call.ref }, { ref: call.ref, field: 'company' });
  return chosen[0]!;
}

function closedRefusal(call: CallForInput) {
  return refusal('conflict', { key: 'call.closed', ref: call.ref, at: call.closed!.at }, { ref: call.ref });
}

/** Why: records the company's answer once; its card and the mandate team follow; a repeat gets "already …". */
export async function answerCall(base: BotDeps, request: CallAnswerRequest): Promise<ActionOutcome> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, request.actor);
  const found = await deps.calls.get(request.ref);
  if (!found) throw refusal('not-found', { key: 'call.not-found', ref: request.ref }, { ref: request.ref });
  const company = await answeringCompany(deps, found, person, request.channel);
  if (found.closed) throw closedRefusal(found);
  const v = personVoice(deps, person, company);
  const title = v.t('call.answered-title', { ref: found.ref });

  const result = await deps.calls.answer(found.ref, company.key, request.answer, { at: deps.clock.now(), by: person.key });
  if (result.outcome === 'not-found' || result.outcome === 'not-recipient') throw refusal('not-found', { key: 'call.not-found', ref: found.ref }, { ref: found.ref });
  if (result.outcome === 'closed') throw closedRefusal(result.call);
  if (result.outcome === 'same') {
    const latest = result.call.answers[company.key]!;
    const name = latest.by === person.key ? person.name : ((await deps.directory.getPerson(latest.by))?.name ?? latest.by);
    return { reply: noticeCard(title, v.t('call.already', { ref: found.ref, company: company.name, answer: latest.answer, name, at: latest.at })), changed: false };
  }

  deps.logger.info({ ref: found.ref, companyKey: company.key, answer: request.answer }, 'call answered');
  const ctx = await loadCallContext(deps, result.call);
  const note = mandateChannelVoice(ctx).t('call.answer-note', { company: company.name, answer: request.answer, name: person.name });
  const cardDone = await refreshCompanyCard(deps, ctx, company.key);
  const mandateDone = await tellMandateChannel(deps, ctx, note);
  const body: Segment[][] = [[{ text: v.t('call.answered', { ref: found.ref, company: company.name, answer: request.answer }) }]];
  if (!cardDone || !mandateDone) body.push([{ text: v.t('call.card-behind') }]);
  return { reply: noticeCard(title, body, 'success'), changed: true };
}

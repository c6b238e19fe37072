/**
 * Use case: deliver one reminder of a call for input (planned by planCallReminders in
 * src/domain/call.ts; the sweep decides when and claims it). A company with a channel gets
 * the reminder in its card's thread, and the card's countdown is refreshed; an owner of a
 * company without one gets it by direct message. A reminder the call no longer calls for
 * (closed, or the company submitted or declined meanwhile) is dropped silently.
 */
import { isDoneAnswer, type CallScheduleContext, type PlannedCallReminder } from '../domain/call';
import { PreLetterError } from '../domain/errors';
import type { BotDeps } from './deps';
import { callView, companyChannelVoice, refreshCompanyCard, type CallContext } from './call-delivery';
import { reachPerson } from './reach';
import { callReminderCard } from './views/call-card';
import { personVoice } from './voices';

/** Why: the reminder plan's view of a loaded call, so the sweep plans from what it already read. */
export function callScheduleContextOf(deps: Pick<BotDeps, 'policy'>, ctx: CallContext): CallScheduleContext {
  return { policy: deps.policy, companies: ctx.companies, people: ctx.people };
}

/**
 * Why: sends one reminder where the company reads it; throws PreLetterError when it cannot
 * be delivered (no card in the channel, nobody reachable, the platform refused) so the
 * sweep retries or reports it. Returns false when the reminder was no longer called for.
 */
export async function sendCallReminder(deps: BotDeps, ctx: CallContext, reminder: PlannedCallReminder): Promise<boolean> {
  const { call } = ctx;
  const recipient = call.recipients.find((r) => r.companyKey === reminder.companyKey);
  if (!recipient || call.closed || isDoneAnswer(call.answers[reminder.companyKey]?.answer)) return false;
  const company = ctx.companies.get(reminder.companyKey);
  const name = company?.name ?? reminder.companyKey;
  if (reminder.via === 'channel') {
    const thread = recipient.thread;
    const platform = thread && deps.platforms[thread.platform];
    if (!thread || !platform) throw new PreLetterError('not-found', 'The call has no card in this company’s channel yet.', { key: reminder.key });
    await deps.delivery.pace(`${thread.platform}:${thread.channel.workspaceId}:${thread.channel.channelId}`);
    await platform.postInThread(thread.threadRef, callReminderCard(callView(deps, ctx, companyChannelVoice(ctx, reminder.companyKey)), reminder.companyKey, name));
  } else {
    const person = ctx.people.get(reminder.recipientKey);
    const target = person && reachPerson(deps, person);
    if (!person || !target) throw new PreLetterError('not-found', 'This person has no chat account PreLetter can message.', { key: reminder.key });
    await deps.delivery.pace(`${target.identity.platform}:dm:${target.identity.userId}`);
    await target.platform.sendDirect(target.identity, callReminderCard(callView(deps, ctx, personVoice(deps, person, company)), reminder.companyKey, name));
  }
  // The countdown on the card moves on with the reminder; a failure here is logged, never undoes the reminder.
  await refreshCompanyCard(deps, ctx, reminder.companyKey);
  return true;
}

/**
 * Use case: what is due for one call for input now, made once. Cards still missing (a
 * platform refused them at publication) are posted again while the call is open; each
 * countdown reminder goes through the letters' claims (src/bot/claims.ts), so any number
 * of instances send it once; then the call's agenda entry moves to its next reminder.
 * The agenda entry is held by whoever works on the call (the sweep's lease, or the
 * publisher's), so two instances never post the same missing card at once.
 */
import { latestCallReminders, nextCallReminderAt, planCallReminders, type CallForInput } from '../domain/call';
import { deliverCall, loadCallContext, type CallContext, type CallDelivery } from './call-delivery';
import { DeliveryClaims, emptyReport, type DeliveryReport } from './claims';
import type { BotDeps } from './deps';
import { callScheduleContextOf, sendCallReminder } from './remind-call';
import type { ScheduleEntry } from './repositories';

/** True while some card of the call is not where it should be (a company's, or the mandate's table). */
function missingCards(ctx: CallContext): boolean {
  const { call } = ctx;
  return call.recipients.some((r) => !r.thread && !r.copies) || Boolean(ctx.mandate.channel && !call.mandateThread);
}

/** Why: a call that is closed or past its deadline needs nothing more, but keeps its delivery records for the history period. */
async function finish(deps: BotDeps, call: CallForInput, entry: ScheduleEntry, report: DeliveryReport): Promise<void> {
  const ended = call.closed?.at ?? call.deadline;
  const pruneAt = new Date(ended.getTime() + deps.delivery.retentionMs);
  if (pruneAt > deps.clock.now()) return void (await deps.schedule.reschedule(call.ref, pruneAt, entry.version));
  await deps.deliveries.pruneLetter(call.ref);
  if (await deps.schedule.reschedule(call.ref, null, entry.version)) report.pruned += 1;
}

/** What one run did: the call as it is now (with the directory entries its cards name), and the card delivery when one was attempted. */
export interface CallRun {
  call: CallForInput | null;
  ctx?: CallContext;
  delivery?: CallDelivery;
  report: DeliveryReport;
}

/**
 * Why: the sweep's (and the publisher's) one way to work on a call. `entry` is the agenda
 * entry the caller holds (its version guards the reschedule); without one it is read here.
 * `first` is the publisher's own first run, when no card can have been posted yet.
 */
export async function deliverCallNow(deps: BotDeps, ref: string, report: DeliveryReport = emptyReport(), entry?: ScheduleEntry, first = false): Promise<CallRun> {
  const seen = entry ?? (await deps.schedule.entry(ref)) ?? (await deps.schedule.lower(ref, deps.clock.now()));
  const stored = await deps.calls.get(ref);
  if (!stored) {
    await deps.schedule.reschedule(ref, null, seen.version);
    return { call: null, report };
  }
  report.letters += 1;
  const claims = new DeliveryClaims(deps, report);
  const now = claims.now;
  let ctx = await loadCallContext(deps, stored);
  const open = !stored.closed && now < stored.deadline;
  let delivery: CallDelivery | undefined;
  if (open && missingCards(ctx)) {
    // Any run but the publisher's first may follow an attempt whose outcome was lost: look before posting.
    delivery = await deliverCall(deps, ctx, !first);
    ctx = { ...ctx, call: delivery.call };
    // A card still missing is tried again a few minutes on, like a letter whose handling failed.
    if (missingCards(ctx)) claims.pending.push(new Date(now.getTime() + deps.delivery.letterRetryMs));
  }
  const schedule = callScheduleContextOf(deps, ctx);
  for (const r of latestCallReminders(planCallReminders(ctx.call, schedule, now))) {
    const spec = { key: r.key, letterRef: ref, kind: r.kind, step: r.step, recipientKey: r.recipientKey, dueAt: r.dueAt };
    const attempts = await claims.claim(spec);
    if (attempts === null) continue;
    await claims.attempt(r.key, attempts, async () => void (await sendCallReminder(deps, ctx, r)), async () => {
      deps.logger.error({ key: r.key, ref }, 'call reminder given up');
    });
  }
  const next = claims.nextLook(nextCallReminderAt(ctx.call, schedule, now));
  if (next === null) await finish(deps, ctx.call, seen, report);
  else await deps.schedule.reschedule(ref, next, seen.version);
  return { call: ctx.call, ctx, ...(delivery ? { delivery } : {}), report };
}

/**
 * A flag's deliveries as pure functions of its facts, like a letter's (schedule.ts):
 * its card to each mandate it went to (in the mandate's own channel, or to each of its
 * team), the admins' copy when no mandate covers it, then, until someone acknowledges
 * it, the team's reminders and at last the admins told. Every delivery has a
 * deterministic key, so any instance can plan it and exactly one makes it.
 */
import { addWorkingDays } from './calendar';
import type { Flag } from './flag';
import type { ClockPolicy } from './policy';
import { deliveryKey, ONCE, sameChannel, type FlagDeliveryKind, type PlannedDelivery } from './schedule';
import type { Mandate } from './types';

/** The directory data a flag's plan needs, passed in so the rules stay free of I/O. */
export interface FlagScheduleContext {
  policy: ClockPolicy;
  /** The mandates the flag went to, by key (one gone from the directory is simply absent). */
  mandates: ReadonlyMap<string, Mandate>;
  /** Person keys of the admins, in the directory's order. */
  adminKeys: readonly string[];
}

const HOUR_MS = 3_600_000;
/** How far a flag's plan looks ahead for its next delivery: its last one is a few business days after it was raised. */
const LOOKAHEAD_MS = 60 * 24 * HOUR_MS;

type FlagNudge = Omit<PlannedDelivery, 'key' | 'letterRef' | 'kind'> & { kind: FlagDeliveryKind };

/** True once the flag's card is in this mandate's own channel. */
export function isFlagPosted(flag: Flag, mandate: Mandate): boolean {
  const channel = mandate.channel;
  return channel !== undefined && flag.threads.some((t) => sameChannel(t.channel, channel));
}

/** The step of a delivery to one of a mandate's team: the mandate is part of it, so two mandates sharing a person each reach them. */
export function teamStep(step: string, mandateKey: string): string {
  return `${step}@${mandateKey}`;
}

function publication(flag: Flag, ctx: FlagScheduleContext): FlagNudge[] {
  const dueAt = flag.raised.at;
  const nudges: FlagNudge[] = [];
  for (const key of flag.routing.mandateKeys) {
    const mandate = ctx.mandates.get(key);
    if (!mandate) continue;
    if (mandate.channel) {
      if (!isFlagPosted(flag, mandate)) nudges.push({ kind: 'flag-post', step: ONCE, recipientKey: key, dueAt });
    } else {
      nudges.push(...mandate.team.map((recipientKey) => ({ kind: 'flag-dm' as const, step: teamStep(ONCE, key), recipientKey, dueAt })));
    }
  }
  if (flag.routing.toAdmins) nudges.push(...ctx.adminKeys.map((recipientKey) => ({ kind: 'flag-admins' as const, step: ONCE, recipientKey, dueAt })));
  return nudges;
}

/** When the n-th business-day or elapsed-hour mark falls for a reader in `zone`. */
function mark(flag: Pick<Flag, 'raised' | 'urgent'>, policy: Pick<ClockPolicy, 'workdayStartHour'>, zone: string, days: number, hours: number): Date {
  const from = flag.raised.at;
  return flag.urgent ? new Date(from.getTime() + hours * HOUR_MS) : addWorkingDays(from, days, zone, policy.workdayStartHour);
}

/** Why: the clocks that say when the admins are told of a flag, for the schedule and the report alike. */
export type FlagEscalationPolicy = Pick<ClockPolicy, 'flag' | 'defaultTimeZone' | 'workdayStartHour'>;

/**
 * Why: the moment the admins are told of a flag nobody acknowledged (business days in the
 * admins' zone, or hours when urgent); the report calls an acknowledgement in time when it
 * came no later, so "in time" means exactly "before the admins were told".
 */
export function flagEscalationAt(flag: Pick<Flag, 'raised' | 'urgent'>, policy: FlagEscalationPolicy): Date {
  const { normal, urgent } = policy.flag;
  return mark(flag, policy, policy.defaultTimeZone, normal.escalateAdminsAfterBusinessDays, urgent.escalateAdminsAfterHours);
}

/**
 * Until acknowledged: each mandate's team reminded twice (in its thread when the card is
 * in its channel, else each member directly), then the admins told. A flag no mandate
 * covers is the admins' to acknowledge: they get the reminders, and there is nobody above.
 */
function reminders(flag: Flag, ctx: FlagScheduleContext): FlagNudge[] {
  const { normal, urgent } = ctx.policy.flag;
  const steps = [
    ['1', normal.remindAfterBusinessDays, urgent.remindAfterHours],
    ['2', normal.remindAgainAfterBusinessDays, urgent.remindAgainAfterHours],
  ] as const;
  const adminZone = ctx.policy.defaultTimeZone;
  if (flag.routing.toAdmins) {
    return steps.flatMap(([step, days, hours]) =>
      ctx.adminKeys.map((recipientKey) => ({ kind: 'flag-reminder' as const, step, recipientKey, dueAt: mark(flag, ctx.policy, adminZone, days, hours) })),
    );
  }
  const nudges: FlagNudge[] = [];
  for (const key of flag.routing.mandateKeys) {
    const mandate = ctx.mandates.get(key);
    if (!mandate) continue;
    for (const [step, days, hours] of steps) {
      const dueAt = mark(flag, ctx.policy, mandate.timeZone, days, hours);
      if (mandate.channel) nudges.push({ kind: 'flag-reminder', step, recipientKey: key, dueAt });
      else nudges.push(...mandate.team.map((recipientKey) => ({ kind: 'flag-reminder' as const, step: teamStep(step, key), recipientKey, dueAt })));
    }
  }
  const escalateAt = flagEscalationAt(flag, ctx.policy);
  nudges.push(...ctx.adminKeys.map((recipientKey) => ({ kind: 'flag-escalation' as const, step: ONCE, recipientKey, dueAt: escalateAt })));
  return nudges;
}

/** Every delivery due by `until` that the flag's facts still call for, earliest first (publication before reminders). */
export function planFlagDeliveries(flag: Flag, ctx: FlagScheduleContext, until: Date): PlannedDelivery[] {
  const nudges = [...publication(flag, ctx), ...(flag.acknowledged ? [] : reminders(flag, ctx))];
  return nudges
    .filter((n) => n.dueAt <= until)
    .map((n, order) => ({ ...n, order }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.order - b.order)
    .map(({ order: _order, ...n }) => ({ key: deliveryKey(flag.ref, n.kind, n.step, n.recipientKey), letterRef: flag.ref, ...n }));
}

/** When the flag next needs attention, for the agenda; null when nothing more is planned. */
export function nextFlagDueAt(flag: Flag, ctx: FlagScheduleContext, after: Date): Date | null {
  const next = planFlagDeliveries(flag, ctx, new Date(after.getTime() + LOOKAHEAD_MS)).find((d) => d.dueAt > after);
  return next ? next.dueAt : null;
}

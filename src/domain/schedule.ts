/**
 * The nudge and escalation schedule as pure functions of a letter's facts. Every
 * nudge has a deterministic key, so the scheduler can recompute the plan on any
 * instance at any time and claim each delivery exactly once.
 */
import {
  addWorkingDays,
  atLocalHour,
  atLocalStartOnOrBefore,
  firstWorkingDateOnOrAfter,
  localDateOf,
  plusDays,
  type LocalDate,
} from './calendar';
import { deadlineOf } from './deadline';
import type { ClockPolicy } from './policy';
import type { ChannelBinding, Company, Letter, Mandate, Person } from './types';

/**
 * Why a delivery is made; the same strings as the store's DeliveryKind, which domain
 * cannot import. The first four publish a new letter (its root card, the routing note
 * in its thread, the owners' direct messages and the admins' alert when nobody is on
 * file), the rest are reminders: all go through the same claim-and-retry machinery.
 */
export type NudgeKind =
  | 'post-root'
  | 'post-mirror'
  | 'thread-intro'
  | 'owner-dm'
  | 'unrouted-alert'
  | 'ack-reminder'
  | 'ack-escalation-backups'
  | 'ack-escalation-executive'
  | 'countdown'
  | 'due-day'
  | 'overdue'
  | FlagDeliveryKind;

/**
 * Why: a flag's deliveries go through the same claims as a letter's: its card in a
 * mandate's channel, or to its team one by one; the admins when no mandate covers it;
 * the team's reminders to acknowledge; the admins told when it is still unacknowledged.
 */
export type FlagDeliveryKind = 'flag-post' | 'flag-dm' | 'flag-admins' | 'flag-reminder' | 'flag-escalation';

/** One nudge the letter's facts call for; its key is the claim that makes it happen once. */
export interface PlannedDelivery {
  /** `<ref>:<kind>:<step>:<recipientKey>` */
  key: string;
  letterRef: string;
  kind: NudgeKind;
  step: string;
  recipientKey: string;
  dueAt: Date;
}

/** The directory data the schedule needs, passed in so the rules stay free of I/O. */
export interface ScheduleContext {
  policy: ClockPolicy;
  mandate: Mandate;
  company: Company;
  people: ReadonlyMap<string, Person>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far nextDueAt looks beyond the response window before it gives up. */
const LOOKAHEAD_EXTRA_DAYS = 400;

type Nudge = Omit<PlannedDelivery, 'key' | 'letterRef'>;

/** The recipient key of a delivery that posts in the letter's thread rather than to a person. */
export const THREAD_RECIPIENT = 'thread';
/** The recipient key of the root card, posted in the letter's bound channel. */
export const CHANNEL_RECIPIENT = 'channel';
/** Why: the recipient part of the mirror's delivery key: the mandate's own channel. */
export const MIRROR_RECIPIENT = 'mirror';
/** The recipient key of the alert that goes to every admin when a letter has nobody on file. */
export const ADMINS_RECIPIENT = 'admins';

/** The step of every delivery that happens once per letter (publication, acknowledgement reminders). */
export const ONCE = '1';

/** Why: a delivery's key names it everywhere (its claim, and the copy of the card it left): letter, kind, step, recipient. */
export function deliveryKey(ref: string, kind: NudgeKind, step: string, recipientKey: string): string {
  return `${ref}:${kind}:${step}:${recipientKey}`;
}

/** Kinds that publish a new letter, in the order they must happen. */
export const PUBLICATION_KINDS: readonly NudgeKind[] = ['post-root', 'post-mirror', 'thread-intro', 'owner-dm', 'unrouted-alert'];

/** True for the deliveries that publish a letter rather than remind anyone. */
export function isPublicationKind(kind: NudgeKind): boolean {
  return PUBLICATION_KINDS.includes(kind);
}

/** Why: one channel is the same binding only when platform, workspace and channel all match. */
export function sameChannel(a: ChannelBinding, b: ChannelBinding): boolean {
  return a.platform === b.platform && a.workspaceId === b.workspaceId && a.channelId === b.channelId;
}

/** Why: the mandate's copy of a letter is read by the mandate team only: it never mentions or links the company's people. */
export function isMirrorThread(letter: Letter, thread: { channel: ChannelBinding }): boolean {
  return letter.mirror !== undefined && sameChannel(thread.channel, letter.mirror);
}

/** True once a letter that is to be mirrored has its card in the mandate's channel too (or needs no mirror). */
export function isMirrored(letter: Letter): boolean {
  const mirror = letter.mirror;
  return !mirror || letter.threads.some((t) => sameChannel(t.channel, mirror));
}

/** True once the letter's root card is in its bound channel (a thread exists there). */
export function isPosted(letter: Letter): boolean {
  const channel = letter.channel;
  if (!channel) return letter.threads.length > 0;
  return letter.threads.some((t) => sameChannel(t.channel, channel));
}

/**
 * Publishing a letter: the root card until it is posted; then the routing note in its
 * thread, the owners' direct messages (unless someone already acknowledged) and, for
 * an unrouted letter, the admins' alert. All are due at the preview, so an outage only
 * delays them.
 */
function publicationNudges(letter: Letter): Nudge[] {
  if (!letter.channel) return [];
  const dueAt = letter.previewed.at;
  if (!isPosted(letter)) return [{ kind: 'post-root', step: ONCE, recipientKey: CHANNEL_RECIPIENT, dueAt }];
  const nudges: Nudge[] = [{ kind: 'thread-intro', step: ONCE, recipientKey: THREAD_RECIPIENT, dueAt }];
  if (!isMirrored(letter)) nudges.push({ kind: 'post-mirror', step: ONCE, recipientKey: MIRROR_RECIPIENT, dueAt });
  if (!letter.acknowledged) nudges.push(...letter.routing.owners.map((recipientKey) => ({ kind: 'owner-dm' as const, step: ONCE, recipientKey, dueAt })));
  if (letter.routing.unrouted) nudges.push({ kind: 'unrouted-alert', step: ONCE, recipientKey: ADMINS_RECIPIENT, dueAt });
  return nudges;
}

function zoneOf(key: string, ctx: ScheduleContext): string {
  return ctx.people.get(key)?.timeZone ?? ctx.company.timeZone ?? ctx.policy.defaultTimeZone;
}

function byDueAt(a: { dueAt: Date }, b: { dueAt: Date }): number {
  return a.dueAt.getTime() - b.dueAt.getTime();
}

function isUrgent(letter: Letter): boolean {
  return letter.type === 'UA' || letter.urgent;
}

/** True once nothing more is expected of anyone: replied or withdrawn. */
function isFinished(letter: Letter): boolean {
  return Boolean(letter.replied || letter.withdrawn);
}

/** When the letter finished (its latest ending fact), for the history retention rule; undefined while open. */
export function finishedAt(letter: Letter): Date | undefined {
  const ends = [letter.replied, letter.withdrawn].flatMap((f) => (f ? [f.at.getTime()] : []));
  return ends.length > 0 ? new Date(Math.max(...ends)) : undefined;
}

const KIND_ORDER = new Map<NudgeKind, number>(PUBLICATION_KINDS.map((kind, i) => [kind, i]));

/** Same instant: publication first (root card before its thread note and direct messages), then by key. */
function byOrder(a: PlannedDelivery, b: PlannedDelivery): number {
  const rank = (d: PlannedDelivery) => KIND_ORDER.get(d.kind) ?? PUBLICATION_KINDS.length;
  return rank(a) - rank(b) || (a.key < b.key ? -1 : Number(a.key > b.key));
}

function ackNudges(letter: Letter, ctx: ScheduleContext): Nudge[] {
  const { owners, backups, escalation } = letter.routing;
  const { normal, urgent, workdayStartHour } = ctx.policy;
  const stages = [
    ['ack-reminder', owners, urgent.remindAfterHours, normal.remindAfterBusinessDays],
    ['ack-escalation-backups', backups, urgent.escalateBackupsAfterHours, normal.escalateBackupsAfterBusinessDays],
    ['ack-escalation-executive', escalation, urgent.escalateExecutiveAfterHours, normal.escalateExecutiveAfterBusinessDays],
  ] as const;
  const from = letter.previewed.at;
  return stages.flatMap(([kind, recipients, hours, days]) =>
    recipients.map((recipientKey) => ({
      kind,
      step: ONCE,
      recipientKey,
      dueAt: isUrgent(letter)
        ? new Date(from.getTime() + hours * HOUR_MS)
        : addWorkingDays(from, days, zoneOf(recipientKey, ctx), workdayStartHour),
    })),
  );
}

/** Countdown and due-day nudges for one owner; equal instants (after a weekend move) keep only the later step. */
function countdownNudges(recipientKey: string, sentAt: Date, deadline: Date, ctx: ScheduleContext): Nudge[] {
  const zone = zoneOf(recipientKey, ctx);
  const lastDay = localDateOf(deadline, zone);
  const at = (date: LocalDate) => atLocalStartOnOrBefore(date, zone, ctx.policy.workdayStartHour, deadline);
  const nudges: Nudge[] = [
    ...ctx.policy.countdownDaysLeft.map((k) => ({
      kind: 'countdown' as const,
      step: `${k}d`,
      recipientKey,
      dueAt: at(plusDays(lastDay, -k)),
    })),
    { kind: 'due-day' as const, step: 'due', recipientKey, dueAt: at(lastDay) },
  ]
    .filter((nudge) => nudge.dueAt >= sentAt)
    .sort(byDueAt);
  return nudges.filter((nudge, i) => nudges[i + 1]?.dueAt.getTime() !== nudge.dueAt.getTime());
}

function overdueNudges(recipientKey: string, deadline: Date, until: Date, ctx: ScheduleContext): Nudge[] {
  const zone = zoneOf(recipientKey, ctx);
  const at = (date: LocalDate) => atLocalHour(firstWorkingDateOnOrAfter(date, zone), zone, ctx.policy.workdayStartHour);
  const firstDate = firstWorkingDateOnOrAfter(plusDays(localDateOf(deadline, zone), 1), zone);
  const repeatDays = ctx.policy.overdueRepeatDays;
  const nudges: Nudge[] = [];
  for (let n = 0; n === 0 || repeatDays > 0; n += 1) {
    const dueAt = at(plusDays(firstDate, n * repeatDays));
    if (dueAt > until) return nudges;
    nudges.push({ kind: 'overdue', step: `w${n}`, recipientKey, dueAt });
  }
  return nudges;
}

function replyNudges(letter: Letter, ctx: ScheduleContext, until: Date): Nudge[] {
  const sentAt = letter.formalSent?.at;
  if (!sentAt) return [];
  const deadline = deadlineOf(sentAt, ctx.mandate.timeZone, ctx.policy.responseWindowDays);
  const { owners, backups } = letter.routing;
  return [
    ...owners.flatMap((key) => countdownNudges(key, sentAt, deadline, ctx)),
    ...[...new Set([...owners, ...backups])].flatMap((key) => overdueNudges(key, deadline, until, ctx)),
  ];
}

/** Every nudge due by `until` that the letter's facts still call for, in the order to send them. */
export function planDeliveries(letter: Letter, ctx: ScheduleContext, until: Date): PlannedDelivery[] {
  if (isFinished(letter)) return [];
  const nudges = [
    ...publicationNudges(letter),
    ...(letter.acknowledged ? [] : ackNudges(letter, ctx)),
    ...replyNudges(letter, ctx, until),
  ];
  return nudges
    .filter((nudge) => nudge.dueAt <= until)
    .map((nudge) => ({
      key: deliveryKey(letter.ref, nudge.kind, nudge.step, nudge.recipientKey),
      letterRef: letter.ref,
      ...nudge,
    }))
    .sort((a, b) => byDueAt(a, b) || byOrder(a, b));
}

/** The nudges a sweep at `now` should claim and send (already-sent ones are skipped by their keys). */
export function dueDeliveries(letter: Letter, ctx: ScheduleContext, now: Date): PlannedDelivery[] {
  return planDeliveries(letter, ctx, now);
}

/** When this letter next needs attention, so the store can index it instead of rescanning letters. */
export function nextDueAt(letter: Letter, ctx: ScheduleContext, after: Date): Date | null {
  // Widening horizons: almost every letter has its next nudge within days, and planning
  // far ahead costs weekly overdue steps for a year; only a quiet letter needs the full look.
  const full = ctx.policy.responseWindowDays + LOOKAHEAD_EXTRA_DAYS;
  for (const days of [8, 64, full]) {
    const horizon = new Date(after.getTime() + Math.min(days, full) * DAY_MS);
    const next = planDeliveries(letter, ctx, horizon).find((delivery) => delivery.dueAt > after);
    if (next) return next.dueAt;
  }
  return null;
}

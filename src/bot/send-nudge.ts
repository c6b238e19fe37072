/**
 * Use case: deliver one reminder or escalation. The scheduler decides when and
 * claims the delivery; this module decides what each person reads and where: a
 * direct message to the recipient, and one post per step in the letter's thread.
 */
import {
  deliveryKey,
  dueDeliveries,
  isMirrorThread,
  ONCE,
  planDeliveries,
  THREAD_RECIPIENT,
  type NudgeKind,
  type PlannedDelivery,
  type ScheduleContext,
} from '../domain/schedule';
import { PreLetterError } from '../domain/errors';
import { errorDetails } from '../logger';
import type { BotDeps } from './deps';
import { reachPerson } from './reach';
import type { LetterContext } from './letter-context';
import type { NeutralCard } from './ports';
import { isAckKind, nudgeCard, type Reminded } from './views/nudge-card';
import { noticeCard } from './views/notice-card';
import { mentionList } from './views/preview-cards';
import { channelVoice, personVoice } from './voices';
import type { Voice } from './messages/catalogue';

/** Kinds where only the latest due step matters: a "3 days left" found late is replaced by "1 day left". */
const LATEST_ONLY = new Set<NudgeKind>(['countdown', 'due-day', 'overdue']);

/** Re-exported for the deliverer: the recipient key of thread posts. */
export { THREAD_RECIPIENT };

/** The schedule's view of a loaded letter. */
export function scheduleContextOf(deps: BotDeps, ctx: LetterContext): ScheduleContext {
  return { policy: deps.policy, mandate: ctx.mandate, company: ctx.company, people: ctx.people };
}

/**
 * What a sweep at `now` should send: every due acknowledgement nudge, and per
 * recipient only the latest countdown step (an outdated count would mislead).
 */
export function deliveriesToSend(deps: BotDeps, ctx: LetterContext, now: Date): PlannedDelivery[] {
  const due = dueDeliveries(ctx.letter, scheduleContextOf(deps, ctx), now);
  const latest = new Map<string, PlannedDelivery>();
  for (const d of due) if (LATEST_ONLY.has(d.kind)) latest.set(d.recipientKey, d);
  return due.filter((d) => !LATEST_ONLY.has(d.kind) || latest.get(d.recipientKey) === d);
}

/** Everyone a step is for, including those whose local morning is still to come, so one thread post names them all. */
export function stepRecipients(deps: BotDeps, ctx: LetterContext, step: Pick<PlannedDelivery, 'kind' | 'step'>, now: Date): PlannedDelivery[] {
  const horizon = new Date(now.getTime() + 2 * 24 * 3_600_000);
  return planDeliveries(ctx.letter, scheduleContextOf(deps, ctx), horizon).filter((d) => d.kind === step.kind && d.step === step.step);
}

/** The thread post's key for a group of deliveries of one kind and step. */
export function threadKey(d: Pick<PlannedDelivery, 'letterRef' | 'kind' | 'step'>): string {
  return `${d.letterRef}:${d.kind}:${d.step}:${THREAD_RECIPIENT}`;
}

async function remindedBefore(deps: BotDeps, ctx: LetterContext, kind: NudgeKind): Promise<Reminded[]> {
  if (kind === 'ack-reminder' || !isAckKind(kind)) return [];
  const { routing, ref } = ctx.letter;
  const earlier: Array<[NudgeKind, string]> = routing.owners.map((k) => ['ack-reminder', k]);
  if (kind === 'ack-escalation-executive') earlier.push(...routing.backups.map((k): [NudgeKind, string] => ['ack-escalation-backups', k]));
  const records = await Promise.all(earlier.map(([k, who]) => deps.deliveries.get(deliveryKey(ref, k, ONCE, who))));
  return records.flatMap((r) =>
    r?.status === 'sent' && r.sentAt ? [{ name: ctx.people.get(r.recipientKey)?.name ?? r.recipientKey, at: r.sentAt }] : [],
  );
}

/** Called before each post with a key for its channel or person, so the caller can pace bursts. */
export type Pace = (key: string) => Promise<void>;

const noPace: Pace = async () => undefined;

/** Sends one person their nudge by direct message; throws PreLetterError when they cannot be reached. */
export async function sendPersonalNudge(deps: BotDeps, ctx: LetterContext, d: PlannedDelivery, pace: Pace = noPace): Promise<void> {
  const person = ctx.people.get(d.recipientKey);
  const target = person && reachPerson(deps, person, ctx.letter.threads.map((t) => t.platform));
  if (!person || !target) {
    throw new PreLetterError('not-found', 'This person has no chat account PreLetter can message.', { key: d.key });
  }
  const now = deps.clock.now();
  const reminded = await remindedBefore(deps, ctx, d.kind);
  const voice = personVoice(deps, person, ctx.company);
  const card = nudgeCard(ctx, deps.policy, { kind: d.kind, step: d.step, voice, now, reminded });
  // The link goes to the company's thread, never to the mandate team's copy of the letter.
  const thread = ctx.letter.threads.find((t) => t.platform === target.platform.platform && !isMirrorThread(ctx.letter, t));
  const link = thread ? await target.platform.threadLink(thread.threadRef) : undefined;
  await pace(`${target.identity.platform}:dm:${target.identity.userId}`);
  await target.platform.sendDirect(target.identity, { ...card, ...(link ? { threadLink: { url: link, label: voice.t('button.open-thread') } } : {}) });
}

/** Posts one step's nudge in every thread of the letter, mentioning the people it is for. */
export async function sendThreadNudge(deps: BotDeps, ctx: LetterContext, group: PlannedDelivery[], pace: Pace = noPace): Promise<void> {
  const [first] = group;
  if (!first) return;
  const now = deps.clock.now();
  const reminded = await remindedBefore(deps, ctx, first.kind);
  for (const thread of ctx.letter.threads) {
    const platform = deps.platforms[thread.platform];
    if (!platform) throw new PreLetterError('unavailable', 'The letter\'s chat platform is not connected.', { ref: first.letterRef });
    const voice = channelVoice(ctx);
    // In the mandate team's copy the company's people are named, not notified: they are not in that channel.
    const mentions = isMirrorThread(ctx.letter, thread)
      ? [{ text: voice.list(group.map((d) => ctx.people.get(d.recipientKey)?.name ?? d.recipientKey)) }]
      : mentionList(ctx, group.map((d) => d.recipientKey), thread.platform, voice);
    const card = nudgeCard(ctx, deps.policy, { kind: first.kind, step: first.step, voice, now, reminded, mentions });
    await pace(`${thread.platform}:${thread.channel.workspaceId}:${thread.channel.channelId}`);
    await platform.postInThread(thread.threadRef, card);
  }
}

function undeliveredCard(ctx: LetterContext, key: string, recipientKey: string, v: Voice): NeutralCard {
  const { ref } = ctx.letter;
  const company = ctx.company.name;
  const kind = key.split(':')[1];
  if (kind === 'post-root') return noticeCard(v.t('undelivered.post-title', { ref }), v.t('undelivered.post', { ref, company }), 'warning');
  const to = recipientKey === THREAD_RECIPIENT ? 'thread' : recipientKey === 'admins' ? 'admins' : 'person';
  const reminder = !(kind === 'owner-dm' || kind === 'thread-intro' || kind === 'unrouted-alert' || kind === 'post-mirror');
  const name = ctx.people.get(recipientKey)?.name ?? recipientKey;
  return noticeCard(v.t('undelivered.title', { ref, reminder }), v.t('undelivered.text', { ref, company, reminder, to, name }), 'warning');
}

/** Tells the mandate team and admins that a nudge could not be delivered after every attempt; never silent. */
export async function reportUndelivered(deps: BotDeps, ctx: LetterContext, key: string, recipientKey: string): Promise<void> {
  const admins = await deps.directory.listAdmins();
  const people = [...ctx.mandate.team.flatMap((k) => ctx.people.get(k) ?? []), ...admins];
  const unique = [...new Map(people.map((p) => [p.key, p])).values()];
  for (const person of unique) {
    const target = reachPerson(deps, person, ctx.letter.threads.map((t) => t.platform));
    if (!target) continue;
    const card = undeliveredCard(ctx, key, recipientKey, personVoice(deps, person, ctx.company));
    await target.platform.sendDirect(target.identity, card).catch((err: unknown) => {
      deps.logger.warn({ key, personKey: person.key, code: (err as PreLetterError).code, ...errorDetails(err) }, 'undelivered report failed');
    });
  }
  deps.logger.error({ key, ref: ctx.letter.ref, reported: unique.map((p) => p.key).join(', ') }, 'delivery abandoned after last attempt');
}

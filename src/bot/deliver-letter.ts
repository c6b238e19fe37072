/**
 * Use case: make what is due for one letter, once. Every delivery (the letter's
 * publication and its reminders) is claimed by inserting its deterministic key, then
 * made, then recorded; a claim whose lease ended (its instance died, or it waits for a
 * retry) is taken over by one instance with a conditional update. Afterwards the
 * letter's entry in the scheduler's agenda moves to the next planned delivery or
 * pending lease, only if nothing changed the letter meanwhile. The scheduler runs this
 * for due letters; a preview runs it at once so the person hears what happened.
 */
import { finishedAt, isPublicationKind, nextDueAt, type PlannedDelivery } from '../domain/schedule';
import type { Letter } from '../domain/types';
import { DeliveryClaims, emptyReport, type DeliveryOutcome, type DeliveryReport } from './claims';
import type { BotDeps } from './deps';
import { withDirectory, type LetterContext } from './letter-context';
import { sendPublication, type ThreadLinks } from './publish-letter';
import type { ScheduleEntry } from './repositories';
import {
  deliveriesToSend,
  reportUndelivered,
  scheduleContextOf,
  sendPersonalNudge,
  sendThreadNudge,
  stepRecipients,
  threadKey,
  THREAD_RECIPIENT,
  type Pace,
} from './send-nudge';

/** How deliveries are claimed, retried, paced and kept; defaults suit production. */
export interface DeliverySettings {
  /** Names this instance on its claims. */
  instanceId: string;
  /** How long a claim is held before another instance may take it over. */
  leaseMs: number;
  /** Attempts before a delivery is given up and reported to the mandate team and admins. */
  maxAttempts: number;
  /** First retry delay; doubles with each attempt. */
  retryBaseMs: number;
  /** How long a letter whose handling failed (a directory entry gone, a database error) waits before the next try. */
  letterRetryMs: number;
  /** How long a finished letter keeps its delivery records and its place in status lists. */
  retentionMs: number;
  pace: Pace;
}

/** Production defaults: 5-minute lease, 5 attempts from 1 minute apart, 30 days of history. */
export const DEFAULT_DELIVERY_SETTINGS: Omit<DeliverySettings, 'instanceId' | 'pace'> = {
  leaseMs: 5 * 60_000,
  maxAttempts: 5,
  retryBaseMs: 60_000,
  letterRetryMs: 5 * 60_000,
  retentionMs: 30 * 24 * 3_600_000,
};

class LetterRun {
  private readonly claims: DeliveryClaims;
  /** Thread links asked for in this run: every owner's message links the same thread. */
  private readonly links: ThreadLinks = new Map();
  private readonly now: Date;

  constructor(
    private readonly deps: BotDeps,
    private readonly report: DeliveryReport,
  ) {
    this.claims = new DeliveryClaims(deps, report);
    this.now = this.claims.now;
  }

  /** The outcome of each delivery this run attempted, by key. */
  get outcomes(): ReadonlyMap<string, DeliveryOutcome> {
    return this.claims.outcomes;
  }

  private get settings(): DeliverySettings {
    return this.deps.delivery;
  }

  private claim(d: PlannedDelivery): Promise<number | null> {
    return this.claims.claim(d);
  }

  private claimAll(due: PlannedDelivery[]): Promise<void> {
    return this.claims.claimAll(due);
  }

  /** Makes one claimed delivery; after the last attempt the mandate team and admins hear it was not delivered. */
  private attempt(ctx: LetterContext, key: string, recipientKey: string, attempts: number, send: () => Promise<string | void>): Promise<DeliveryOutcome> {
    return this.claims.attempt(key, attempts, send, () => reportUndelivered(this.deps, ctx, key, recipientKey));
  }

  /** The root card first: until it is posted, nothing else of the publication can be made. */
  private async publish(ctx: LetterContext, due: PlannedDelivery[]): Promise<LetterContext> {
    let current = ctx;
    const publication = due.filter((x) => isPublicationKind(x.kind));
    if (!publication.some((d) => d.kind === 'post-root')) await this.claimAll(publication);
    for (const d of publication) {
      const attempts = await this.claim(d);
      if (attempts === null) {
        if (d.kind === 'post-root') return current;
        continue;
      }
      let updated: Letter | undefined;
      const outcome = await this.attempt(current, d.key, d.recipientKey, attempts, async () => {
        const made = await sendPublication(this.deps, current, d, attempts, this.links);
        updated = made.letter;
        return made.messageRef;
      });
      if (updated) current = { ...current, letter: updated };
      if (d.kind === 'post-root') {
        // Posted now: plan the thread note and direct messages from the letter as it is.
        return outcome === 'sent' ? this.publish(current, deliveriesToSend(this.deps, current, this.now)) : current;
      }
    }
    return current;
  }

  /** Reminders, one kind-and-step group at a time: its people by direct message, then one thread post. */
  private async remind(ctx: LetterContext, due: PlannedDelivery[]): Promise<void> {
    const groups = new Map<string, PlannedDelivery[]>();
    for (const d of due.filter((x) => !isPublicationKind(x.kind))) {
      const id = `${d.kind}:${d.step}`;
      groups.set(id, [...(groups.get(id) ?? []), d]);
    }
    const pace = this.settings.pace;
    for (const group of groups.values()) {
      for (const d of group) {
        const attempts = await this.claim(d);
        if (attempts !== null) await this.attempt(ctx, d.key, d.recipientKey, attempts, () => sendPersonalNudge(this.deps, ctx, d, pace));
      }
      const post = { ...group[0]!, key: threadKey(group[0]!), recipientKey: THREAD_RECIPIENT };
      if (ctx.letter.threads.length === 0) continue;
      const attempts = await this.claim(post);
      if (attempts === null) continue;
      const everyone = stepRecipients(this.deps, ctx, post, this.now);
      await this.attempt(ctx, post.key, THREAD_RECIPIENT, attempts, () => sendThreadNudge(this.deps, ctx, everyone, pace));
    }
  }

  /** A finished letter keeps its history for the retention period, then its records are pruned and it leaves the lists. */
  private async finish(letter: Letter, entry: ScheduleEntry): Promise<void> {
    const ended = finishedAt(letter)!;
    const pruneAt = new Date(ended.getTime() + this.settings.retentionMs);
    if (pruneAt > this.now) return void (await this.deps.schedule.reschedule(letter.ref, pruneAt, entry.version));
    const removed = await this.deps.deliveries.pruneLetter(letter.ref);
    await this.deps.letters.unlist(letter);
    if (await this.deps.schedule.reschedule(letter.ref, null, entry.version)) {
      this.report.pruned += 1;
      this.deps.logger.info({ ref: letter.ref, deliveries: removed }, 'finished letter history pruned');
    }
  }

  async run(ref: string, entry: ScheduleEntry): Promise<void> {
    const letter = await this.deps.letters.get(ref);
    if (!letter) return void (await this.deps.schedule.reschedule(ref, null, entry.version));
    this.report.letters += 1;
    if (finishedAt(letter)) return this.finish(letter, entry);
    await this.deliver(await withDirectory(this.deps, letter), entry);
  }

  /** Makes what is due for an open letter, then moves its agenda entry; returns the letter as it is afterwards. */
  async deliver(start: LetterContext, entry: ScheduleEntry): Promise<LetterContext> {
    const ctx = await this.publish(start, deliveriesToSend(this.deps, start, this.now));
    await this.remind(ctx, deliveriesToSend(this.deps, ctx, this.now));
    const next = this.claims.nextLook(nextDueAt(ctx.letter, scheduleContextOf(this.deps, ctx), this.now));
    await this.deps.schedule.reschedule(ctx.letter.ref, next, entry.version);
    return ctx;
  }
}

/** What delivering a letter just saved left: the letter as it is now, and the outcome of each delivery made. */
export interface NewLetterDelivery {
  ctx: LetterContext;
  outcomes: ReadonlyMap<string, DeliveryOutcome>;
  report: DeliveryReport;
}

/**
 * Delivers what is due for a letter the caller has just saved, from the letter and
 * directory entries in its hands (a preview read them a moment ago), so publishing
 * costs no reads of them. Claims keep it safe all the same: whatever another
 * instance took meanwhile is not made here, and is missing from `outcomes`. `saved` is
 * the agenda entry the save returned (its version guards the reschedule, as a read would).
 */
export async function deliverNewLetter(deps: BotDeps, ctx: LetterContext, saved?: ScheduleEntry): Promise<NewLetterDelivery> {
  const ref = ctx.letter.ref;
  const report = emptyReport();
  const entry = saved ?? (await deps.schedule.entry(ref)) ?? (await deps.schedule.lower(ref, deps.clock.now()));
  report.letters += 1;
  const run = new LetterRun(deps, report);
  return { ctx: await run.deliver(ctx, entry), outcomes: run.outcomes, report };
}

/**
 * Delivers what is due for one letter now. `entry` is the agenda entry the caller
 * read (its version guards the reschedule); without one it is read here, and a letter
 * with none is made due first.
 */
export async function deliverLetter(deps: BotDeps, ref: string, report: DeliveryReport = emptyReport(), entry?: ScheduleEntry): Promise<DeliveryReport> {
  const seen = entry ?? (await deps.schedule.entry(ref)) ?? (await deps.schedule.lower(ref, deps.clock.now()));
  await new LetterRun(deps, report).run(ref, seen);
  return report;
}

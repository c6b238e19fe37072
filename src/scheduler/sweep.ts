/**
 * One scheduler sweep: take over nudges whose sender died or that wait to be
 * retried, then look at the letters whose next nudge is due (an indexed query on
 * nextDueAt, never all letters), claim each due nudge by inserting its
 * deterministic key, send it, and record the outcome. Any number of instances
 * can sweep at once: a claim is won by exactly one of them.
 */
import type { BotDeps } from '../bot/deps';
import { withDirectory, type LetterContext } from '../bot/letter-context';
import type { DeliveryRecord } from '../bot/repositories';
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
} from '../bot/send-nudge';
import { isPreLetterError } from '../domain/errors';
import { nextDueAt, type PlannedDelivery } from '../domain/schedule';

/** How a sweep claims, retries and paces; defaults suit production. */
export interface SweepOptions {
  /** Names this instance on its claims. */
  instanceId: string;
  /** How long a claim is held before another instance may take it over. */
  leaseMs: number;
  /** Attempts before a nudge is given up and reported to the mandate team and admins. */
  maxAttempts: number;
  /** First retry delay; doubles with each attempt. */
  retryBaseMs: number;
  /** Letters and reclaimed claims handled per batch. */
  batchSize: number;
  pace: Pace;
}

/** What one sweep did, for logs and tests. */
export interface SweepReport {
  letters: number;
  sent: number;
  retrying: number;
  abandoned: number;
  cancelled: number;
}

/** Production defaults: 5-minute lease, 5 attempts from 1 minute apart, 200 letters a batch. */
export const DEFAULT_SWEEP_OPTIONS: Omit<SweepOptions, 'instanceId' | 'pace'> = {
  leaseMs: 5 * 60_000,
  maxAttempts: 5,
  retryBaseMs: 60_000,
  batchSize: 200,
};

type Claimed = Pick<DeliveryRecord, 'key' | 'recipientKey' | 'attempts'>;

class Sweep {
  readonly report: SweepReport = { letters: 0, sent: 0, retrying: 0, abandoned: 0, cancelled: 0 };
  private readonly now: Date;

  constructor(
    private readonly deps: BotDeps,
    private readonly options: SweepOptions,
  ) {
    this.now = deps.clock.now();
  }

  private leaseUntil(): Date {
    return new Date(this.now.getTime() + this.options.leaseMs);
  }

  private async attempt(ctx: LetterContext, claim: Claimed, send: () => Promise<void>): Promise<void> {
    const { deliveries, logger } = this.deps;
    const owner = this.options.instanceId;
    try {
      await send();
      await deliveries.markSent(claim.key, owner, this.deps.clock.now());
      this.report.sent += 1;
    } catch (err) {
      const code = isPreLetterError(err) ? err.code : 'internal';
      const unreachable = code === 'not-found';
      if (unreachable || claim.attempts >= this.options.maxAttempts) {
        await deliveries.markFailed(claim.key, owner, code, null);
        this.report.abandoned += 1;
        if (unreachable) logger.warn({ key: claim.key }, 'nudge recipient has no reachable account');
        else await reportUndelivered(this.deps, ctx, claim.key, claim.recipientKey);
        return;
      }
      const retryAt = new Date(this.now.getTime() + this.options.retryBaseMs * 2 ** (claim.attempts - 1));
      await deliveries.markFailed(claim.key, owner, code, retryAt);
      this.report.retrying += 1;
      logger.warn({ key: claim.key, code, attempt: claim.attempts }, 'nudge failed; will retry');
    }
  }

  private async claim(d: PlannedDelivery): Promise<boolean> {
    return this.deps.deliveries.claim(d, this.options.instanceId, this.leaseUntil());
  }

  /** Sends what is due for one letter, one kind-and-step group at a time (its people, then its thread post). */
  private async sendDue(ctx: LetterContext): Promise<void> {
    const groups = new Map<string, PlannedDelivery[]>();
    for (const d of deliveriesToSend(this.deps, ctx, this.now)) {
      const id = `${d.kind}:${d.step}`;
      groups.set(id, [...(groups.get(id) ?? []), d]);
    }
    for (const group of groups.values()) {
      for (const d of group) {
        if (await this.claim(d)) await this.attempt(ctx, { ...d, attempts: 1 }, () => sendPersonalNudge(this.deps, ctx, d, this.options.pace));
      }
      const post = { ...group[0]!, key: threadKey(group[0]!), recipientKey: THREAD_RECIPIENT };
      if (ctx.letter.threads.length > 0 && (await this.claim(post))) {
        const everyone = stepRecipients(this.deps, ctx, post, this.now);
        await this.attempt(ctx, { ...post, attempts: 1 }, () => sendThreadNudge(this.deps, ctx, everyone, this.options.pace));
      }
    }
  }

  private async load(ref: string): Promise<LetterContext | null> {
    const letter = await this.deps.letters.get(ref);
    return letter ? withDirectory(this.deps, letter) : null;
  }

  /** A claim taken over after its lease: sent only if the letter still calls for it, else cancelled. */
  async resend(record: DeliveryRecord): Promise<void> {
    const ctx = await this.load(record.letterRef);
    const due = ctx ? deliveriesToSend(this.deps, ctx, this.now) : [];
    const group = due.filter((d) => d.kind === record.kind && d.step === record.step);
    const mine = group.find((d) => d.key === record.key);
    const everyone = ctx ? stepRecipients(this.deps, ctx, record, this.now) : [];
    if (!ctx || (record.recipientKey === THREAD_RECIPIENT ? group.length === 0 : !mine)) {
      await this.deps.deliveries.cancel(record.key, this.options.instanceId);
      this.report.cancelled += 1;
      return;
    }
    const send =
      record.recipientKey === THREAD_RECIPIENT
        ? () => sendThreadNudge(this.deps, ctx, everyone, this.options.pace)
        : () => sendPersonalNudge(this.deps, ctx, mine!, this.options.pace);
    await this.attempt(ctx, record, send);
  }

  /** Handles one due letter and records when it is next due, unless its facts changed meanwhile. */
  async letter(ref: string): Promise<void> {
    const ctx = await this.load(ref);
    if (!ctx) return void (await this.deps.letters.setNextDueAt(ref, null));
    this.report.letters += 1;
    await this.sendDue(ctx);
    const next = nextDueAt(ctx.letter, scheduleContextOf(this.deps, ctx), this.now);
    await this.deps.letters.setNextDueAt(ref, next, ctx.letter.audit.length);
  }
}

/** One letter's trouble (a directory entry gone, a database hiccup) must not stop the others' nudges. */
async function isolated(deps: BotDeps, ref: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    deps.logger.error({ ref, code: isPreLetterError(err) ? err.code : 'internal', errorName: (err as Error).name }, 'sweep skipped a letter');
  }
}

/** Runs one sweep at the clock's current time. */
export async function sweep(deps: BotDeps, options: SweepOptions): Promise<SweepReport> {
  const run = new Sweep(deps, options);
  const { deliveries, letters, clock } = deps;
  const now = clock.now();
  for (;;) {
    const lease = new Date(now.getTime() + options.leaseMs);
    const reclaimed = await deliveries.reclaimExpired(now, options.instanceId, lease, options.batchSize);
    for (const record of reclaimed) await isolated(deps, record.letterRef, () => run.resend(record));
    if (reclaimed.length < options.batchSize) break;
  }
  const seen = new Set<string>();
  for (;;) {
    const refs = (await letters.listDueRefs(now, options.batchSize)).filter((ref) => !seen.has(ref));
    if (refs.length === 0) break;
    for (const ref of refs) {
      seen.add(ref);
      await isolated(deps, ref, () => run.letter(ref));
    }
  }
  return run.report;
}

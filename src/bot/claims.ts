/**
 * Claim, make, record: the machinery every durable delivery shares (a letter's, a flag's,
 * a call's). A delivery is claimed by inserting its deterministic key, made, then
 * recorded sent or failed; a claim whose lease ended (its instance died, or it waits for
 * a retry) is taken over by one instance with a conditional update, so any number of
 * instances make each delivery exactly once. One run of it serves one item at one moment.
 */
import { isPreLetterError } from '../domain/errors';
import { errorDetails } from '../logger';
import type { BotDeps } from './deps';
import type { DeliveryRecord } from './repositories';

/** What deliveries did, for logs, tests and the answer to the person who started them. */
export interface DeliveryReport {
  letters: number;
  sent: number;
  retrying: number;
  abandoned: number;
  pruned: number;
  /** The last failure of each delivery that failed in this run, by key (code and neutral reason only). */
  failures: Record<string, { code: string; reason?: string }>;
}

/** Why: every run adds to a report that starts at zero. */
export function emptyReport(): DeliveryReport {
  return { letters: 0, sent: 0, retrying: 0, abandoned: 0, pruned: 0, failures: {} };
}

/** What became of a delivery a run made: sent, given up (recorded failed), or waiting for a retry. */
export type DeliveryOutcome = 'sent' | 'failed' | 'pending';

/** What a claim is made from: the planned delivery's key and facts. */
export type ClaimSpec = Pick<DeliveryRecord, 'key' | 'letterRef' | 'kind' | 'step' | 'recipientKey' | 'dueAt'>;

/** Why: one item's deliveries at one moment share a clock reading, a lease, and what is left pending. */
export class DeliveryClaims {
  /** Lease ends of claims left waiting (in flight elsewhere, or retrying): the item must be looked at again then. */
  readonly pending: Date[] = [];
  /** The outcome of each delivery this run attempted, by key; a delivery it could not claim is not here. */
  readonly outcomes = new Map<string, DeliveryOutcome>();
  /** What claimAll found for each key it tried: true when this run inserted the claim. */
  private readonly claimed = new Map<string, boolean>();
  readonly now: Date;

  constructor(
    private readonly deps: BotDeps,
    private readonly report: DeliveryReport,
  ) {
    this.now = deps.clock.now();
  }

  private leaseUntil(): Date {
    return new Date(this.now.getTime() + this.deps.delivery.leaseMs);
  }

  /** Claims several deliveries in one insert before they are made one by one (moments apart, well within the lease). */
  async claimAll(due: ClaimSpec[]): Promise<void> {
    if (due.length < 2) return;
    const mine = await this.deps.deliveries.claimMany(due, this.deps.delivery.instanceId, this.leaseUntil());
    for (const d of due) this.claimed.set(d.key, mine.has(d.key));
  }

  /** Claims a delivery, or takes over its expired claim; the attempt number to make, or null when it is not ours to make. */
  async claim(d: ClaimSpec): Promise<number | null> {
    const { deliveries } = this.deps;
    const owner = this.deps.delivery.instanceId;
    const early = this.claimed.get(d.key);
    this.claimed.delete(d.key);
    if (early === true) return 1;
    if (early === undefined && (await deliveries.claim(d, owner, this.leaseUntil()))) return 1;
    const record = await deliveries.get(d.key);
    if (!record || record.status !== 'claimed') return null;
    if (record.leaseUntil > this.now) {
      this.pending.push(record.leaseUntil);
      return null;
    }
    const taken = await deliveries.takeOver(record, owner, this.leaseUntil());
    if (!taken) this.pending.push(this.leaseUntil());
    return taken ? taken.attempts : null;
  }

  /**
   * Makes one claimed delivery and records the outcome. A failure waits for a retry
   * (backing off, or as long as the platform asked), or after the last attempt is given
   * up and `giveUp` tells whoever must know; a recipient with no reachable account is
   * given up at once, since retrying cannot help.
   */
  async attempt(key: string, attempts: number, send: () => Promise<string | void>, giveUp: () => Promise<void>): Promise<DeliveryOutcome> {
    const outcome = await this.make(key, attempts, send, giveUp);
    this.outcomes.set(key, outcome);
    return outcome;
  }

  private async make(key: string, attempts: number, send: () => Promise<string | void>, giveUp: () => Promise<void>): Promise<DeliveryOutcome> {
    const { deliveries, logger } = this.deps;
    const settings = this.deps.delivery;
    const owner = settings.instanceId;
    try {
      // A send that leaves a copy of a card (an owner's message) returns its ref, kept to update it later.
      const messageRef = await send();
      await deliveries.markSent(key, owner, this.deps.clock.now(), messageRef ?? undefined);
      this.report.sent += 1;
      return 'sent';
    } catch (err) {
      const code = isPreLetterError(err) ? err.code : 'internal';
      const reason = isPreLetterError(err) && typeof err.context.reason === 'string' ? err.context.reason : undefined;
      this.report.failures[key] = { code, ...(reason ? { reason } : {}) };
      const unreachable = code === 'not-found';
      if (unreachable || attempts >= settings.maxAttempts) {
        await deliveries.markFailed(key, owner, code, null);
        this.report.abandoned += 1;
        if (unreachable) logger.warn({ key }, 'delivery recipient has no reachable account');
        else await giveUp();
        return 'failed';
      }
      const asked = isPreLetterError(err) && typeof err.context.retryAfterMs === 'number' ? err.context.retryAfterMs : 0;
      const backoff = settings.retryBaseMs * 2 ** (attempts - 1);
      const retryAt = new Date(this.now.getTime() + Math.max(backoff, asked));
      await deliveries.markFailed(key, owner, code, retryAt);
      this.pending.push(retryAt);
      this.report.retrying += 1;
      logger.warn({ key, code, attempt: attempts, ...errorDetails(err) }, 'delivery failed; will retry');
      return 'pending';
    }
  }

  /** Why: the item's next look is its next planned delivery or the end of a pending lease, whichever is sooner. */
  nextLook(planned: Date | null): Date | null {
    const times = [...(planned ? [planned] : []), ...this.pending].map((d) => d.getTime());
    return times.length > 0 ? new Date(Math.min(...times)) : null;
  }
}

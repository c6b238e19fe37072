/**
 * Deliveries: inserting the deterministic key is the claim, and every later change
 * is one conditional command on that key (who holds the claim, or which attempt was
 * seen), so several bot instances can run the same sweep and each delivery is still
 * made once. Every command names the `_id`, so none of them reads history.
 */
import type { DeliveryRecord, DeliveryRepository } from '../bot/repositories';
import { isDuplicateKeyError } from './db-errors';
import { fromDeliveryDoc, type DeliveryDoc } from './delivery-model';
import type { StoreContext } from './store-connection';

/** What a claim is made from. */
type ClaimSpec = Pick<DeliveryRecord, 'key' | 'letterRef' | 'kind' | 'step' | 'recipientKey' | 'dueAt'>;

/** The positions an unordered insert refused for a duplicate key, or undefined when anything else went wrong. */
function duplicateIndexes(err: unknown): Set<number> | undefined {
  const writeErrors = (err as { writeErrors?: Array<{ index: number; code?: number; err?: { code?: number } }> }).writeErrors;
  if (!Array.isArray(writeErrors) || writeErrors.length === 0) return isDuplicateKeyError(err) ? new Set([0]) : undefined;
  if (!writeErrors.every((w) => (w.code ?? w.err?.code) === 11000)) return undefined;
  return new Set(writeErrors.map((w) => w.index));
}

/** The condition for changing a claim: still claimed, by this owner. */
const held = (key: string, owner: string) => ({ _id: key, claimedBy: owner, status: 'claimed' as const });

/** DeliveryRepository on mongoose. */
export class MongoDeliveryRepository implements DeliveryRepository {
  constructor(private readonly ctx: StoreContext) {}

  /** A claim with attempts = 1; a duplicate key means another instance claimed it already. */
  async claim(delivery: ClaimSpec, owner: string, leaseUntil: Date): Promise<boolean> {
    return (await this.claimMany([delivery], owner, leaseUntil)).has(delivery.key);
  }

  /**
   * One unordered insert of every claim (the documents are built whole here, so they go
   * in without being hydrated): each duplicate key is a claim someone else holds, and
   * does not stop the others.
   */
  claimMany(deliveries: ClaimSpec[], owner: string, leaseUntil: Date): Promise<Set<string>> {
    return this.ctx.run('claimDeliveries', { count: deliveries.length, owner }, async () => {
      const docs = deliveries.map((d): DeliveryDoc => ({
        _id: d.key,
        key: d.key,
        letterRef: d.letterRef,
        kind: d.kind,
        step: d.step,
        recipientKey: d.recipientKey,
        dueAt: d.dueAt,
        status: 'claimed',
        claimedBy: owner,
        leaseUntil,
        attempts: 1,
      }));
      try {
        await this.ctx.models.delivery.insertMany(docs, { ordered: false, lean: true });
        return new Set(docs.map((d) => d._id));
      } catch (err) {
        const taken = duplicateIndexes(err);
        if (!taken) throw err;
        return new Set(docs.filter((_, i) => !taken.has(i)).map((d) => d._id));
      }
    });
  }

  takeOver(seen: DeliveryRecord, owner: string, leaseUntil: Date): Promise<DeliveryRecord | null> {
    return this.ctx.run('takeOverDelivery', { key: seen.key, owner }, async () => {
      const taken = await this.ctx.models.delivery
        .findOneAndUpdate(
          { _id: seen.key, status: 'claimed', attempts: seen.attempts },
          { $set: { claimedBy: owner, leaseUntil }, $inc: { attempts: 1 } },
          { returnDocument: 'after' },
        )
        .lean<DeliveryDoc>()
        .exec();
      if (taken) this.ctx.logger.info({ key: seen.key, owner, attempt: taken.attempts }, 'delivery claim taken over');
      return taken ? fromDeliveryDoc(taken) : null;
    });
  }

  /**
   * Records that the message went out. Not conditional on still holding the claim: if
   * the lease ran out and another instance took over, the message was still sent, and
   * saying so is the truth (and one `_id` write instead of a conditional one). The
   * answer says whether this owner still held it.
   */
  markSent(key: string, owner: string, at: Date, messageRef?: string): Promise<boolean> {
    return this.ctx.run('markSent', { key, owner }, async () => {
      const before = await this.ctx.models.delivery
        .findOneAndUpdate({ _id: key }, { $set: { status: 'sent', sentAt: at, ...(messageRef ? { messageRef } : {}) } })
        .lean<DeliveryDoc>()
        .exec();
      return before?.status === 'claimed' && before.claimedBy === owner;
    });
  }

  /**
   * With `retryAt` the claim stays 'claimed' with its lease moved to `retryAt`, so
   * any instance takes it over after that time; with null it becomes 'failed' for good.
   * Only the current owner can record a failure.
   */
  markFailed(key: string, owner: string, errorCode: string, retryAt: Date | null): Promise<void> {
    return this.ctx.run('markFailed', { key, owner, errorCode }, async () => {
      const set = retryAt
        ? { leaseUntil: retryAt, lastErrorCode: errorCode }
        : { status: 'failed' as const, lastErrorCode: errorCode };
      const result = await this.ctx.models.delivery.updateOne(held(key, owner), { $set: set }).exec();
      if (result.matchedCount === 0) {
        this.ctx.logger.warn({ key, owner }, 'delivery failure not recorded: claim no longer held');
      }
    });
  }

  /** Cancels one claim, only while this owner still holds it. */
  cancel(key: string, owner: string): Promise<void> {
    return this.ctx.run('cancelDelivery', { key, owner }, async () => {
      await this.ctx.models.delivery.updateOne(held(key, owner), { $set: { status: 'cancelled' } }).exec();
    });
  }

  get(key: string): Promise<DeliveryRecord | null> {
    return this.ctx.run('getDelivery', { key }, async () => {
      const doc = await this.ctx.models.delivery.findOne({ _id: key }).lean<DeliveryDoc>();
      return doc ? fromDeliveryDoc(doc) : null;
    });
  }

  /** Housekeeping for a finished letter: its records are no longer needed to prevent a second send. */
  pruneLetter(letterRef: string): Promise<number> {
    return this.ctx.run('pruneDeliveries', { ref: letterRef }, async () => {
      const result = await this.ctx.models.delivery.deleteMany({ letterRef }).exec();
      return result.deletedCount;
    });
  }
}

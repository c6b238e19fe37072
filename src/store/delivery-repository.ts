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

/** The condition for changing a claim: still claimed, by this owner. */
const held = (key: string, owner: string) => ({ _id: key, claimedBy: owner, status: 'claimed' as const });

/** DeliveryRepository on mongoose. */
export class MongoDeliveryRepository implements DeliveryRepository {
  constructor(private readonly ctx: StoreContext) {}

  /** insertOne with attempts = 1; a duplicate key means another instance claimed it already. */
  claim(
    delivery: Pick<DeliveryRecord, 'key' | 'letterRef' | 'kind' | 'step' | 'recipientKey' | 'dueAt'>,
    owner: string,
    leaseUntil: Date,
  ): Promise<boolean> {
    return this.ctx.run('claimDelivery', { key: delivery.key, owner }, async () => {
      const doc: DeliveryDoc = {
        _id: delivery.key,
        key: delivery.key,
        letterRef: delivery.letterRef,
        kind: delivery.kind,
        step: delivery.step,
        recipientKey: delivery.recipientKey,
        dueAt: delivery.dueAt,
        status: 'claimed',
        claimedBy: owner,
        leaseUntil,
        attempts: 1,
      };
      try {
        await this.ctx.models.delivery.create(doc);
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
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
  markSent(key: string, owner: string, at: Date): Promise<boolean> {
    return this.ctx.run('markSent', { key, owner }, async () => {
      const before = await this.ctx.models.delivery
        .findOneAndUpdate({ _id: key }, { $set: { status: 'sent', sentAt: at } })
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

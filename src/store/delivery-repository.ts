/**
 * Nudge deliveries: inserting the deterministic key is the claim, and every later
 * change is conditional on who holds the claim, so several bot instances can run
 * the same sweep and each nudge is still posted once.
 */
import type { DeliveryKind, DeliveryRecord, DeliveryRepository } from '../bot/repositories';
import { isDuplicateKeyError } from './db-errors';
import { fromDeliveryDoc, type DeliveryDoc } from './delivery-model';
import type { StoreContext } from './store-connection';

/** The condition for changing a claim: still claimed, by this owner. */
const held = (owner: string) => ({ claimedBy: owner, status: 'claimed' });

/** DeliveryRepository on mongoose. */
export class MongoDeliveryRepository implements DeliveryRepository {
  constructor(private readonly ctx: StoreContext) {}

  /** insertOne with attempts = 1; a duplicate key means another instance already claimed it. */
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

  /**
   * Finds claims whose lease ended by `now`, then takes each over with an update
   * conditional on the lease it saw: if another instance got there first the lease
   * has changed, nothing matches, and that claim is not returned.
   */
  reclaimExpired(now: Date, owner: string, leaseUntil: Date, limit: number): Promise<DeliveryRecord[]> {
    return this.ctx.run('reclaimExpired', { owner, limit }, async () => {
      if (limit <= 0) return [];
      const { delivery } = this.ctx.models;
      const candidates = await delivery
        .find({ status: 'claimed', leaseUntil: { $lte: now } })
        .sort({ leaseUntil: 1 })
        .limit(limit)
        .lean<DeliveryDoc[]>();
      const won: DeliveryRecord[] = [];
      for (const candidate of candidates) {
        const taken = await this.ctx.updateById(
          delivery,
          candidate.key,
          { status: 'claimed', leaseUntil: candidate.leaseUntil },
          { $set: { claimedBy: owner, leaseUntil }, $inc: { attempts: 1 } },
        );
        if (taken) won.push(fromDeliveryDoc(taken));
      }
      if (won.length > 0) this.ctx.logger.info({ owner, count: won.length }, 'expired delivery claims taken over');
      return won;
    });
  }

  markSent(key: string, owner: string, at: Date): Promise<boolean> {
    return this.ctx.run('markSent', { key, owner }, async () => {
      const { delivery } = this.ctx.models;
      const sent = await this.ctx.updateById(delivery, key, held(owner), { $set: { status: 'sent', sentAt: at } });
      return sent !== null;
    });
  }

  /**
   * With `retryAt` the claim stays 'claimed' with its lease moved to `retryAt`, so
   * any instance reclaims it after that time; with null it becomes 'failed' for good.
   * Only the current owner can record a failure.
   */
  markFailed(key: string, owner: string, errorCode: string, retryAt: Date | null): Promise<void> {
    return this.ctx.run('markFailed', { key, owner, errorCode }, async () => {
      const { delivery } = this.ctx.models;
      const set = retryAt
        ? { leaseUntil: retryAt, lastErrorCode: errorCode }
        : { status: 'failed' as const, lastErrorCode: errorCode };
      const recorded = await this.ctx.updateById(delivery, key, held(owner), { $set: set });
      if (!recorded) {
        this.ctx.logger.warn({ key, owner }, 'delivery failure not recorded: claim no longer held');
      }
    });
  }

  /** Cancels one claim, only while this owner still holds it. */
  cancel(key: string, owner: string): Promise<void> {
    return this.ctx.run('cancelDelivery', { key, owner }, async () => {
      const { delivery } = this.ctx.models;
      await this.ctx.updateById(delivery, key, held(owner), { $set: { status: 'cancelled' } });
    });
  }

  /** Cancels unsent claims (including ones waiting to retry); sent and failed ones are history. */
  cancelForLetter(letterRef: string, kinds?: DeliveryKind[]): Promise<number> {
    return this.ctx.run('cancelDeliveries', { ref: letterRef }, async () => {
      const { delivery } = this.ctx.models;
      const filter = kinds ? { letterRef, status: 'claimed', kind: { $in: kinds } } : { letterRef, status: 'claimed' };
      const result = await this.ctx.atomic(delivery, () =>
        delivery.updateMany(filter, { $set: { status: 'cancelled' } }).exec(),
      );
      return result.modifiedCount;
    });
  }

  get(key: string): Promise<DeliveryRecord | null> {
    return this.ctx.run('getDelivery', { key }, async () => {
      const doc = await this.ctx.models.delivery.findOne({ _id: key }).lean<DeliveryDoc>();
      return doc ? fromDeliveryDoc(doc) : null;
    });
  }
}

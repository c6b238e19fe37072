/** Seen platform events: the unique insert answers "first time?" atomically across instances. */
import type { InboundEventRepository } from '../bot/repositories';
import { isDuplicateKeyError } from './db-errors';
import { inboundEventId } from './inbound-event-model';
import type { StoreContext } from './store-connection';

/** Housekeeping for seen events, needed because FerretDB has no TTL indexes to expire them. */
export interface InboundEventPruning {
  /** Deletes ids recorded before `before` (platforms stop retrying within minutes); returns how many. */
  pruneBefore(before: Date): Promise<number>;
}

/** InboundEventRepository on mongoose. */
export class MongoInboundEventRepository implements InboundEventRepository, InboundEventPruning {
  constructor(private readonly ctx: StoreContext) {}

  recordOnce(platform: string, eventId: string, at: Date): Promise<boolean> {
    return this.ctx.run('recordInboundEvent', { platform, eventId }, async () => {
      try {
        await this.ctx.models.inbound.create({ _id: inboundEventId(platform, eventId), platform, eventId, at });
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    });
  }

  pruneBefore(before: Date): Promise<number> {
    return this.ctx.run('pruneInboundEvents', {}, async () => {
      const { inbound } = this.ctx.models;
      const result = await inbound.deleteMany({ at: { $lt: before } }).exec();
      return result.deletedCount;
    });
  }
}

/**
 * Named leases: one document per lease, taken or renewed by one atomic conditional
 * write (the lease is mine, or it has ended), so however many instances try at once,
 * one holds it. When the document does not exist yet, the write is an upsert, and a
 * racing instance's insert makes the loser's a duplicate key: lost, on every server.
 */
import type { LeaseRepository, LeaseState } from '../scheduler/ports';
import { isDuplicateKeyError } from './db-errors';
import type { LeaseDoc } from './lease-model';
import type { StoreContext } from './store-connection';

/** What a released lease ends at: before any instance's clock, so the next try takes it whatever the clocks say. */
const ENDED = new Date(0);

/** LeaseRepository on mongoose. */
export class MongoLeaseRepository implements LeaseRepository {
  constructor(private readonly ctx: StoreContext) {}

  acquire(name: string, holder: string, now: Date, until: Date): Promise<LeaseState> {
    return this.ctx.run('acquireLease', { lease: name, holder }, async () => {
      const { lease } = this.ctx.models;
      try {
        await lease
          .findOneAndUpdate(
            { _id: name, $or: [{ holder }, { expiresAt: { $lte: now } }] },
            { $set: { holder, expiresAt: until } },
            { upsert: true, returnDocument: 'after' },
          )
          .lean<LeaseDoc>()
          .exec();
        return { held: true, holder, expiresAt: until };
      } catch (err) {
        // Someone else holds it (the upsert found the document, but not a matching one), or inserted it first.
        if (!isDuplicateKeyError(err)) throw err;
      }
      const current = await lease.findOne({ _id: name }).lean<LeaseDoc>().exec();
      return { held: false, holder: current?.holder ?? null, expiresAt: current?.expiresAt ?? null };
    });
  }

  release(name: string, holder: string): Promise<boolean> {
    return this.ctx.run('releaseLease', { lease: name, holder }, async () => {
      const result = await this.ctx.models.lease.updateOne({ _id: name, holder }, { $set: { expiresAt: ENDED } }).exec();
      return result.matchedCount === 1;
    });
  }
}

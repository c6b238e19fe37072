/**
 * Each channel's next free posting slot, shared by every instance. A reservation is one
 * atomic conditional write: while the channel is busy (its next slot is later than now)
 * `$inc` moves the slot on and hands out the one before; when it is free the slot is set
 * to now plus the interval, only if it is still free. Two instances reserving at once get
 * two slots an interval apart, whichever of them posts.
 */
import type { PaceRepository } from '../scheduler/ports';
import { isDuplicateKeyError } from './db-errors';
import type { PaceDoc } from './lease-model';
import type { StoreContext } from './store-connection';

/** Rounds of busy-then-free before giving up on pacing one post: each round loses only to another reservation. */
const ROUNDS = 10;

/** PaceRepository on mongoose. */
export class MongoPaceRepository implements PaceRepository {
  constructor(private readonly ctx: StoreContext) {}

  reserve(key: string, now: Date, intervalMs: number): Promise<Date> {
    return this.ctx.run('reservePace', { key }, async () => {
      const { pace } = this.ctx.models;
      const at = now.getTime();
      for (let round = 0; round < ROUNDS; round += 1) {
        const busy = await pace
          .findOneAndUpdate({ _id: key, next: { $gt: at } }, { $inc: { next: intervalMs } }, { returnDocument: 'before' })
          .lean<PaceDoc>()
          .exec();
        if (busy) return new Date(busy.next);
        try {
          await pace.updateOne({ _id: key, next: { $lte: at } }, { $set: { next: at + intervalMs } }, { upsert: true }).exec();
          return now;
        } catch (err) {
          // Another reservation made it busy between the two writes: take the slot after it.
          if (!isDuplicateKeyError(err)) throw err;
        }
      }
      this.ctx.logger.warn({ key, rounds: ROUNDS }, 'pacing slot not reserved: posting now');
      return now;
    });
  }
}

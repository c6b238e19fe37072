/**
 * The scheduler's agenda: one small document per letter with something ahead of it,
 * and one "wake" document no later than the earliest of them. Whatever makes a letter
 * due earlier lowers both (`$min`, atomic on every server) and raises their versions
 * before it writes the letter; the sweep moves an entry later, or settles the wake
 * time, only with a compare-and-set on the version it read. So an idle sweep reads one
 * document by `_id`, and a change can delay a letter's next look but never lose it.
 */
import type { ScheduleEntry, ScheduleRepository } from '../bot/repositories';
import { isDuplicateKeyError, retryOnDuplicateKey } from './db-errors';
import type { MetaDoc, ScheduleDoc } from './letter-index-models';
import type { StoreContext } from './store-connection';

/** The wake singleton's `_id` in the meta collection. */
export const WAKE_ID = 'wake';

/** A wake time that means "look now": used before the first settle and after migrations. */
export const EPOCH = new Date(0);

/**
 * The stored wake time when nothing is planned. A date, not null: `$min` orders null
 * before every date, so a null wake could never be lowered.
 */
export const NEVER = new Date('9999-12-31T00:00:00Z');

function entryOf(doc: ScheduleDoc): ScheduleEntry {
  return { ref: doc._id, at: doc.at, version: doc.v ?? 0 };
}

/** ScheduleRepository on mongoose. */
export class MongoScheduleRepository implements ScheduleRepository {
  constructor(private readonly ctx: StoreContext) {}

  wake(): Promise<{ at: Date | null; version: number }> {
    return this.ctx.run('readWake', {}, async () => {
      const doc = await this.ctx.models.meta.findOne({ _id: WAKE_ID }).lean<MetaDoc>();
      // No wake document yet (a new or migrated database): look now, then settle.
      if (!doc) return { at: EPOCH, version: 0 };
      const at = doc.at ?? NEVER;
      return { at: at.getTime() >= NEVER.getTime() ? null : at, version: doc.v ?? 0 };
    });
  }

  due(now: Date, limit: number): Promise<ScheduleEntry[]> {
    return this.ctx.run('listDue', { limit }, async () => {
      if (limit <= 0) return [];
      const docs = await this.ctx.models.schedule
        .find({ at: { $lte: now } })
        .sort({ at: 1, _id: 1 })
        .limit(limit)
        .lean<ScheduleDoc[]>();
      return docs.map(entryOf);
    });
  }

  entry(ref: string): Promise<ScheduleEntry | null> {
    return this.ctx.run('readScheduleEntry', { ref }, async () => {
      const doc = await this.ctx.models.schedule.findOne({ _id: ref }).lean<ScheduleDoc>();
      return doc ? entryOf(doc) : null;
    });
  }

  /** Wake first, then the entry: at every moment the wake time is no later than any entry. */
  lower(ref: string, at: Date): Promise<ScheduleEntry> {
    return this.ctx.run('lowerSchedule', { ref }, async () => {
      const { meta, schedule } = this.ctx.models;
      await meta.updateOne({ _id: WAKE_ID }, { $min: { at }, $inc: { v: 1 } }, { upsert: true }).exec();
      const doc = await retryOnDuplicateKey(() =>
        schedule.findOneAndUpdate({ _id: ref }, { $min: { at }, $inc: { v: 1 } }, { upsert: true, returnDocument: 'after' }).lean<ScheduleDoc>().exec(),
      );
      if (!doc) throw new Error('schedule upsert returned no document');
      return entryOf(doc);
    });
  }

  reschedule(ref: string, at: Date | null, seenVersion: number): Promise<boolean> {
    return this.ctx.run('reschedule', { ref }, async () => {
      const { schedule } = this.ctx.models;
      if (at === null) {
        const result = await schedule.deleteOne({ _id: ref, v: seenVersion }).exec();
        return result.deletedCount === 1;
      }
      const result = await schedule.updateOne({ _id: ref, v: seenVersion }, { $set: { at } }).exec();
      return result.matchedCount === 1;
    });
  }

  /**
   * The earliest entry (a read of the small agenda), written as the wake time only if
   * nothing lowered the wake since `seenVersion`; with no entries, nothing is planned.
   */
  settleWake(seenVersion: number): Promise<void> {
    return this.ctx.run('settleWake', {}, async () => {
      const { meta, schedule } = this.ctx.models;
      const earliest = await schedule.find({}).sort({ at: 1 }).limit(1).lean<ScheduleDoc[]>();
      const at = earliest[0]?.at ?? NEVER;
      try {
        await meta.updateOne({ _id: WAKE_ID, v: seenVersion }, { $set: { at } }, { upsert: seenVersion === 0 }).exec();
      } catch (err) {
        // Two first settles raced to create the wake document: the other one's is as good.
        if (!isDuplicateKeyError(err)) throw err;
      }
    });
  }
}

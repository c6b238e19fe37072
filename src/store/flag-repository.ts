/**
 * Flags in MongoDB: numbered from their own yearly sequence, read by reference, and
 * acknowledged by one atomic conditional update, so two mandate team members (on any
 * instance) acknowledging at once leave exactly one acknowledgement.
 */
import type { FlagReportQuery, FlagRepository } from '../bot/repositories';
import { formatFlagRef, type Flag } from '../domain/flag';
import type { ReportFlag } from '../domain/report';
import type { LetterThread } from '../domain/types';
import { retryOnDuplicateKey } from './db-errors';
import { flagFields, type FlagDoc } from './flag-model';
import { copyThread } from './letter-model';
import { reportFlags } from './report-flags';
import type { StoreContext } from './store-connection';

/** FlagRepository on mongoose. */
export class MongoFlagRepository implements FlagRepository {
  constructor(private readonly ctx: StoreContext) {}

  nextRef(year: number): Promise<string> {
    return this.ctx.run('nextFlagRef', { year }, async () => {
      const doc = await retryOnDuplicateKey(() =>
        this.ctx.models.counter.findOneAndUpdate({ _id: `flag-ref-${year}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean<{ seq: number }>().exec(),
      );
      if (!doc) throw new Error('counter upsert returned no document');
      return formatFlagRef(year, doc.seq);
    });
  }

  create(flag: Flag): Promise<void> {
    return this.ctx.run('createFlag', { ref: flag.ref }, async () => {
      await this.ctx.models.flag.create({ _id: flag.ref, ...flagFields(flag) });
    });
  }

  get(ref: string): Promise<Flag | null> {
    return this.ctx.run('getFlag', { ref }, async () => {
      const doc = await this.ctx.models.flag.findOne({ _id: ref }).lean<FlagDoc>().exec();
      return doc ? flagFields(doc) : null;
    });
  }

  acknowledge(ref: string, fact: { at: Date; by: string; mandateKey?: string }): Promise<{ applied: boolean; flag: Flag | null }> {
    return this.ctx.run('acknowledgeFlag', { ref }, async () => {
      const updated = await this.ctx.models.flag
        .findOneAndUpdate({ _id: ref, acknowledged: { $exists: false } }, { $set: { acknowledged: { at: fact.at, by: fact.by, ...(fact.mandateKey ? { mandateKey: fact.mandateKey } : {}) } } }, { returnDocument: 'after' })
        .lean<FlagDoc>()
        .exec();
      if (updated) return { applied: true, flag: flagFields(updated) };
      return { applied: false, flag: await this.get(ref) };
    });
  }

  addThread(ref: string, thread: LetterThread): Promise<Flag | null> {
    return this.ctx.run('addFlagThread', { ref, platform: thread.platform }, async () => {
      const updated = await this.ctx.models.flag
        .findOneAndUpdate({ _id: ref, 'threads.threadRef': { $ne: thread.threadRef } }, { $push: { threads: copyThread(thread) } }, { returnDocument: 'after' })
        .lean<FlagDoc>()
        .exec();
      return updated ? flagFields(updated) : this.get(ref);
    });
  }

  forReport(query: FlagReportQuery): Promise<ReportFlag[]> {
    return reportFlags(this.ctx, query);
  }
}

/**
 * Flags in MongoDB: numbered from their own yearly sequence, read by reference, and
 * acknowledged by one atomic conditional update, so two mandate team members (on any
 * instance) acknowledging at once leave exactly one acknowledgement. Status lists read one
 * small list document by `_id` (the company's or a mandate's), then each flag by `_id`.
 */
import { companyScope, mandateScope, type FlagListQuery, type FlagReportQuery, type FlagRepository } from '../bot/repositories';
import { flagStatus, formatFlagRef, type Flag } from '../domain/flag';
import type { ReportFlag } from '../domain/report';
import type { LetterThread } from '../domain/types';
import { retryOnDuplicateKey } from './db-errors';
import { flagFields, type FlagDoc, type FlagListDoc } from './flag-model';
import { copyThread } from './letter-model';
import { reportFlags } from './report-flags';
import type { StoreContext } from './store-connection';

/** Why: the lists a flag is in: its company's, and the list of each mandate it went to. */
function scopesOf(flag: Pick<Flag, 'companyKey' | 'routing'>): string[] {
  return [companyScope(flag.companyKey), ...flag.routing.mandateKeys.map(mandateScope)];
}

/** Newest first: references of one series (and years) sort by year, then number. */
const newestFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

/** The year a reference was numbered in (`FL-2026-0001` → `2026`). */
const yearOf = (ref: string) => ref.split('-')[1] ?? '';

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

  /**
   * The lists name the flag first, so no reader ever misses it; a list entry whose flag was
   * never written (a crash between the two) is skipped when read. One ordered command.
   */
  create(flag: Flag): Promise<void> {
    return this.ctx.run('createFlag', { ref: flag.ref }, async () => {
      const year = yearOf(flag.ref);
      const upsert = (_id: string, update: Record<string, unknown>) => ({ updateOne: { filter: { _id }, update, upsert: true } });
      const listed = scopesOf(flag).flatMap((scope) => [upsert(scope, { $addToSet: { years: year, open: flag.ref } }), upsert(`${scope}|${year}`, { $addToSet: { refs: flag.ref } })]);
      await this.ctx.models.flagList.bulkWrite(listed, { ordered: true });
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
      if (!updated) return { applied: false, flag: await this.get(ref) };
      const flag = flagFields(updated);
      // Out of the open lists; an entry left behind (a crash here) is filtered out when read.
      const unlisted = scopesOf(flag).map((_id) => ({ updateOne: { filter: { _id }, update: { $pull: { open: ref } } } }));
      await this.ctx.models.flagList.bulkWrite(unlisted, { ordered: true });
      return { applied: true, flag };
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

  list(query: FlagListQuery): Promise<Flag[]> {
    return this.ctx.run('listFlags', { scope: query.scope, openOnly: Boolean(query.openOnly) }, async () => {
      const { flagList } = this.ctx.models;
      const index = await flagList.findOne({ _id: query.scope }).lean<FlagListDoc>().exec();
      const found: Flag[] = [];
      const take = async (refs: string[]) => {
        // Newest first, in batches, until enough are found: an entry without its flag (or no longer open) is skipped.
        const sorted = [...new Set(refs)].sort(newestFirst);
        for (let at = 0; at < sorted.length && found.length < query.limit; at += query.limit) {
          const batch = await Promise.all(sorted.slice(at, at + query.limit).map((ref) => this.get(ref)));
          for (const flag of batch) if (flag && (!query.openOnly || flagStatus(flag) === 'awaiting-ack') && found.length < query.limit) found.push(flag);
        }
      };
      if (query.openOnly) await take(index?.open ?? []);
      else {
        for (const year of [...(index?.years ?? [])].sort(newestFirst)) {
          if (found.length >= query.limit) break;
          await take((await flagList.findOne({ _id: `${query.scope}|${year}` }).lean<FlagListDoc>().exec())?.refs ?? []);
        }
      }
      return found;
    });
  }

  forReport(query: FlagReportQuery): Promise<ReportFlag[]> {
    return reportFlags(this.ctx, query);
  }
}

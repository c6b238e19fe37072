/**
 * Letters and their audit trails. Every change is one atomic single-document
 * update, so two people acting at once can never both set the same fact.
 */
import type { FilterQuery } from 'mongoose';
import type { LetterFilter, LetterRepository } from '../bot/repositories';
import { PreLetterError } from '../domain/errors';
import type { AuditEvent, Fact, FactName, Letter, LetterThread } from '../domain/types';
import { isDuplicateKeyError, retryOnDuplicateKey } from './db-errors';
import { copyAudit, copyThread, fromLetterDoc, toLetterDoc, type LetterDoc } from './letter-model';
import type { StoreContext } from './store-connection';

/** Letters listed when the filter gives no limit. */
export const DEFAULT_LIST_LIMIT = 50;

/** Scheduler access to letters: when each letter next needs attention, queried through an index. */
export interface LetterSchedule {
  /** Sets (or, with null, clears) when the scheduler should next look at this letter. */
  setNextDueAt(ref: string, at: Date | null, expectedAuditLength?: number): Promise<boolean>;
  /** References of letters due at or before `now`, earliest first. */
  listDueRefs(now: Date, limit: number): Promise<string[]>;
}

/** `PL-<year>-<NNNN>`; sequences past 9999 keep all their digits rather than wrap. */
export function formatRef(year: number, seq: number): string {
  return `PL-${year}-${String(seq).padStart(4, '0')}`;
}

/** LetterRepository (plus the scheduler's LetterSchedule) on mongoose. */
export class MongoLetterRepository implements LetterRepository, LetterSchedule {
  constructor(private readonly ctx: StoreContext) {}

  /** One atomic `$inc` on the year's counter; a lost upsert race (E11000) is retried. */
  nextRef(year: number): Promise<string> {
    return this.ctx.run('nextRef', { year }, async () => {
      const { counter } = this.ctx.models;
      const doc = await retryOnDuplicateKey(() =>
        this.ctx.atomic(counter, () =>
          counter
            .findOneAndUpdate({ _id: `letter-ref-${year}` }, { $inc: { seq: 1 } }, { upsert: true, new: true })
            .lean<{ seq: number }>()
            .exec(),
        ),
      );
      if (!doc) throw new Error('counter upsert returned no document');
      return formatRef(year, doc.seq);
    });
  }

  create(letter: Letter): Promise<void> {
    return this.ctx.run('createLetter', { ref: letter.ref }, async () => {
      try {
        // A new letter is due for a first look at once: the scheduler plans from there.
        await this.ctx.models.letter.create({ _id: letter.ref, ...toLetterDoc(letter), nextDueAt: letter.previewed.at });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        throw new PreLetterError(
          'conflict',
          `A letter with the reference ${letter.ref} already exists, so nothing was saved. Please try again.`,
          { ref: letter.ref },
          { cause: err },
        );
      }
    });
  }

  get(ref: string): Promise<Letter | null> {
    return this.ctx.run('getLetter', { ref }, () => this.read(ref));
  }

  /** The letter one of whose threads has this opaque ref (refs are adapter-encoded and carry their channel). */
  findByThread(threadRef: string): Promise<Letter | null> {
    return this.ctx.run('findLetterByThread', {}, async () => {
      const doc = await this.ctx.models.letter.findOne({ threadRefs: threadRef }).lean<LetterDoc>();
      return doc ? fromLetterDoc(doc) : null;
    });
  }

  private async read(ref: string): Promise<Letter | null> {
    const doc = await this.ctx.models.letter.findOne({ _id: ref }).lean<LetterDoc>();
    return doc ? fromLetterDoc(doc) : null;
  }

  /**
   * One findOneAndUpdate whose filter requires the fact and every `absent` fact to be
   * unset; it sets the fact and pushes the audit event together. When nothing matched,
   * the current letter is read back so the caller can answer "already done by …".
   */
  setFact(
    ref: string,
    fact: FactName,
    value: Fact,
    options: { absent: FactName[]; audit: AuditEvent; officialSymbol?: string; withdrawReason?: string },
  ): Promise<{ applied: boolean; letter: Letter | null }> {
    return this.ctx.run('setFact', { ref, fact }, async () => {
      const { letter } = this.ctx.models;
      const unset = Object.fromEntries([...new Set([fact, ...options.absent])].map((name) => [name, { $exists: false }]));
      const set: Record<string, unknown> = { [fact]: { at: value.at, by: value.by } };
      if (options.officialSymbol !== undefined) set.officialSymbol = options.officialSymbol;
      if (options.withdrawReason !== undefined) set.withdrawReason = options.withdrawReason;
      // In the same atomic update: the scheduler must look again, so a new fact can never go unplanned.
      set.nextDueAt = value.at;
      const updated = await this.ctx.updateById(letter, ref, unset, { $set: set, $push: { audit: copyAudit(options.audit) } });
      if (updated) {
        this.ctx.logger.info({ ref, fact }, 'letter fact set');
        return { applied: true, letter: fromLetterDoc(updated) };
      }
      return { applied: false, letter: await this.read(ref) };
    });
  }

  addThread(ref: string, thread: LetterThread, audit: AuditEvent): Promise<void> {
    return this.ctx.run('addThread', { ref, platform: thread.platform }, async () => {
      await this.push(ref, { threads: copyThread(thread), threadRefs: thread.threadRef, audit: copyAudit(audit) });
    });
  }

  appendAudit(ref: string, event: AuditEvent): Promise<void> {
    return this.ctx.run('appendAudit', { ref, action: event.action }, async () => {
      await this.push(ref, { audit: copyAudit(event) });
    });
  }

  private async push(ref: string, values: Record<string, unknown>): Promise<void> {
    const updated = await this.ctx.updateById(this.ctx.models.letter, ref, {}, { $push: values });
    if (!updated) {
      throw new PreLetterError('not-found', `There is no letter with the reference ${ref}.`, { ref });
    }
  }

  /** Newest preview first; a letter matches when any given key list contains it. */
  list(filter: LetterFilter): Promise<Letter[]> {
    return this.ctx.run('listLetters', { all: filter.all === true }, async () => {
      const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
      let query: FilterQuery<LetterDoc>;
      if (filter.all) {
        query = {};
      } else {
        const or: FilterQuery<LetterDoc>[] = [];
        if (filter.companyKeys?.length) or.push({ companyKey: { $in: filter.companyKeys } });
        if (filter.mandateKeys?.length) or.push({ mandateKey: { $in: filter.mandateKeys } });
        if (filter.routedTo) or.push({ routedKeys: filter.routedTo });
        if (or.length === 0) return [];
        query = { $or: or };
      }
      if (limit <= 0) return [];
      const docs = await this.ctx.models.letter
        .find(query)
        .sort({ 'previewed.at': -1, ref: -1 })
        .limit(limit)
        .lean<LetterDoc[]>();
      return docs.map(fromLetterDoc);
    });
  }

  setNextDueAt(ref: string, at: Date | null, expectedAuditLength?: number): Promise<boolean> {
    return this.ctx.run('setNextDueAt', { ref }, async () => {
      const update = at ? { $set: { nextDueAt: at } } : { $unset: { nextDueAt: 1 as const } };
      const unchanged = expectedAuditLength === undefined ? {} : { audit: { $size: expectedAuditLength } };
      return (await this.ctx.updateById(this.ctx.models.letter, ref, unchanged, update)) !== null;
    });
  }

  listDueRefs(now: Date, limit: number): Promise<string[]> {
    return this.ctx.run('listDueRefs', { limit }, async () => {
      if (limit <= 0) return [];
      const docs = await this.ctx.models.letter
        .find({ nextDueAt: { $lte: now } })
        .sort({ nextDueAt: 1, ref: 1 })
        .limit(limit)
        .select({ ref: 1 })
        .lean<{ ref: string }[]>();
      return docs.map((d) => d.ref);
    });
  }
}

/**
 * Letters and their audit trails. Every change is one atomic single-document
 * command whose filter names the reference, so two people acting at once can never
 * both set the same fact, and the embedded server answers it from its `_id` index.
 * Lists and thread lookups are small documents kept beside the letters: a secondary
 * index is written before the letter it points to and cleaned after, so it may hold
 * a reference too many for a moment (readers skip it), never one too few.
 */
import type { ListedLetter, LetterListQuery, LetterRepository, ReportQuery, ScheduleEntry, ScheduleRepository } from '../bot/repositories';
import { ALL_SCOPE, companyScope, mandateScope, personScope } from '../bot/repositories';
import { PreLetterError } from '../domain/errors';
import type { ReportLetter } from '../domain/report';
import type { AuditEvent, Fact, FactName, Letter, LetterThread } from '../domain/types';
import { isDuplicateKeyError, retryOnDuplicateKey } from './db-errors';
import type { LetterThreadDoc } from './letter-index-models';
import { entryOf, fromEntry, LetterLines } from './letter-lines';
import { LetterLists } from './letter-lists';
import { copyAudit, copyThread, fromLetterDoc, routedKeysOf, toLetterDoc, type LetterDoc } from './letter-model';
import { reportLetters } from './report-letters';
import type { StoreContext } from './store-connection';

/** `PL-<year>-<NNNN>`; sequences past 9999 keep all their digits rather than wrap. */
export function formatRef(year: number, seq: number): string {
  return `PL-${year}-${String(seq).padStart(4, '0')}`;
}

/** Newest first by (year, sequence): references are handed out in preview order. */
export function compareRefsNewestFirst(a: string, b: string): number {
  const parse = (ref: string) => {
    const match = /^PL-(\d+)-(\d+)$/.exec(ref);
    return match ? [Number(match[1]), Number(match[2])] : [0, 0];
  };
  const [ya, sa] = parse(a);
  const [yb, sb] = parse(b);
  return yb! - ya! || sb! - sa! || (a < b ? 1 : a > b ? -1 : 0);
}

/** Every list scope a letter appears in. */
export function scopesOf(letter: Letter): string[] {
  return [ALL_SCOPE, companyScope(letter.companyKey), mandateScope(letter.mandateKey), ...routedKeysOf(letter).map(personScope)];
}

/** LetterRepository on mongoose. */
export class MongoLetterRepository implements LetterRepository {
  private readonly lines: LetterLines;
  private readonly lists: LetterLists;

  constructor(
    private readonly ctx: StoreContext,
    private readonly schedule: ScheduleRepository,
  ) {
    this.lines = new LetterLines(ctx);
    this.lists = new LetterLists(ctx);
  }

  /** One atomic `$inc` on the year's counter; a lost upsert race (E11000) is retried. */
  nextRef(year: number): Promise<string> {
    return this.ctx.run('nextRef', { year }, async () => {
      const { counter } = this.ctx.models;
      const doc = await retryOnDuplicateKey(() =>
        counter
          .findOneAndUpdate({ _id: `letter-ref-${year}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
          .lean<{ seq: number }>()
          .exec(),
      );
      if (!doc) throw new Error('counter upsert returned no document');
      return formatRef(year, doc.seq);
    });
  }

  create(letter: Letter): Promise<ScheduleEntry> {
    return this.ctx.run('createLetter', { ref: letter.ref }, async () => {
      const { letter: letters } = this.ctx.models;
      await this.lists.add(scopesOf(letter), letter.ref);
      for (const key of letter.threads.flatMap(threadKeysOf)) {
        await this.ctx.models.letterThread.updateOne({ _id: key }, { $set: { letterRef: letter.ref } }, { upsert: true }).exec();
      }
      // No list entry yet: the first status list to need one writes it from the letter, and
      // posting the root card writes it anyway, a moment from now.
      // Due at once: the scheduler's first look publishes it (root card, thread note, direct messages).
      const entry = await this.schedule.lower(letter.ref, letter.previewed.at);
      try {
        // Built whole from the domain letter, so it goes in without being hydrated.
        await letters.insertMany([toLetterDoc(letter)], { lean: true });
        return entry;
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

  /** Why: a thread ref or a thread key (LetterThread.threadKey): both are indexed when the thread is added. */
  findByThread(threadRef: string): Promise<Letter | null> {
    return this.ctx.run('findLetterByThread', {}, async () => {
      const thread = await this.ctx.models.letterThread.findOne({ _id: threadRef }).lean<LetterThreadDoc>();
      return thread ? this.read(thread.letterRef) : null;
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
      const unset = Object.fromEntries([...new Set([fact, ...options.absent])].map((name) => [name, { $exists: false }]));
      const set: Record<string, unknown> = { [fact]: { at: value.at, by: value.by } };
      if (options.officialSymbol !== undefined) set.officialSymbol = options.officialSymbol;
      if (options.withdrawReason !== undefined) set.withdrawReason = options.withdrawReason;
      // Before the fact: the scheduler must look again, so a new fact can never go unplanned.
      await this.schedule.lower(ref, value.at);
      const updated = await this.ctx.models.letter
        .findOneAndUpdate({ _id: ref, ...unset }, { $set: set, $push: { audit: copyAudit(options.audit) } }, { returnDocument: 'after' })
        .lean<LetterDoc>()
        .exec();
      if (updated) {
        this.ctx.logger.info({ ref, fact }, 'letter fact set');
        const changed = fromLetterDoc(updated);
        await this.lines.write(changed); // a newer entry already stored stays (letter-lines.ts)
        return { applied: true, letter: changed };
      }
      return { applied: false, letter: await this.read(ref) };
    });
  }

  /** The thread lookup first (so a reply finds the letter as soon as it can be seen), then the letter, once per thread ref. */
  addThread(ref: string, thread: LetterThread, audit: AuditEvent): Promise<Letter | null> {
    return this.ctx.run('addThread', { ref, platform: thread.platform }, async () => {
      const { letterThread, letter } = this.ctx.models;
      for (const key of threadKeysOf(thread)) await letterThread.updateOne({ _id: key }, { $set: { letterRef: ref } }, { upsert: true }).exec();
      const updated = await letter
        .findOneAndUpdate(
          { _id: ref, 'threads.threadRef': { $ne: thread.threadRef } },
          { $push: { threads: copyThread(thread), audit: copyAudit(audit) } },
          { returnDocument: 'after' },
        )
        .lean<LetterDoc>()
        .exec();
      if (updated) {
        const changed = fromLetterDoc(updated);
        await this.lines.write(changed); // a newer entry already stored stays (letter-lines.ts)
        return changed;
      }
      const current = await this.read(ref);
      if (!current) throw new PreLetterError('not-found', `There is no letter with the reference ${ref}.`, { ref });
      return current;
    });
  }

  appendAudit(ref: string, event: AuditEvent): Promise<void> {
    return this.ctx.run('appendAudit', { ref, action: event.action }, async () => {
      const result = await this.ctx.models.letter.updateOne({ _id: ref }, { $push: { audit: copyAudit(event) } }).exec();
      if (result.matchedCount === 0) {
        throw new PreLetterError('not-found', `There is no letter with the reference ${ref}.`, { ref });
      }
    });
  }

  list(query: LetterListQuery): Promise<ListedLetter[]> {
    return this.ctx.run('listLetters', { scopes: query.scopes.length, limit: query.limit }, async () => {
      if (query.limit <= 0 || query.scopes.length === 0) return [];
      // Everything in the asker's scopes that is also in `within`: just `within` when one of the scopes covers it.
      const covered = query.within && (query.scopes.includes(query.within) || query.scopes.includes(ALL_SCOPE));
      const found = !query.within
        ? (await Promise.all(query.scopes.map((scope) => this.lists.newest(scope, query.limit)))).flat()
        : covered
          ? await this.lists.newest(query.within, query.limit)
          : await this.lists.newestWithin(query.scopes, query.within, query.limit);
      const refs = [...new Set(found)].sort(compareRefsNewestFirst);
      const listed: ListedLetter[] = [];
      // A list may name a letter whose save did not finish: skip it and read further.
      for (let start = 0; start < refs.length && listed.length < query.limit; ) {
        const page = refs.slice(start, start + query.limit - listed.length);
        start += page.length;
        const entries = await this.lines.read(page);
        const missing = page.filter((ref) => !entries.has(ref));
        // No entry (a letter from before entries existed): read the letter and write its entry for next time.
        for (const letter of await Promise.all(missing.map((ref) => this.read(ref)))) {
          if (!letter) continue;
          entries.set(letter.ref, fromEntry(entryOf(letter)));
          await this.lines.write(letter);
        }
        listed.push(...page.flatMap((ref) => entries.get(ref) ?? []));
      }
      return listed;
    });
  }

  unlist(letter: Letter): Promise<void> {
    return this.ctx.run('unlistLetter', { ref: letter.ref }, async () => {
      await this.lists.remove(scopesOf(letter), letter.ref);
      await this.lines.remove(letter.ref);
    });
  }

  forReport(query: ReportQuery): Promise<ReportLetter[]> {
    return reportLetters(this.ctx, query);
  }
}

/** Why: every key a reply may name its thread by: the thread ref, and the adapter's second key when it has one. */
function threadKeysOf(thread: LetterThread): string[] {
  return thread.threadKey ? [thread.threadRef, thread.threadKey] : [thread.threadRef];
}

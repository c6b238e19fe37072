/**
 * List entries of letters: each letter's facts and threads (never its text), twenty
 * consecutive references to a document, so a status list of 25 letters reads two or
 * three documents instead of 25 letters. Each entry is stored as one JSON string:
 * the embedded server decodes every stored value one by one (a hundred entries of
 * nested fields cost 70 ms to read, a hundred strings 7 ms), and nothing ever queries
 * inside an entry. An entry is a copy of the letter kept up
 * to date by every write that changes it; a reader that finds none falls back to the
 * letter itself, so a missing entry costs time, never correctness.
 */
import type { ListedLetter } from '../bot/repositories';
import type { Fact, Letter, LetterThread } from '../domain/types';
import type { LetterLinesDoc } from './letter-index-models';
import { copyThread } from './letter-model';
import { isDuplicateKeyError, retryOnDuplicateKey } from './db-errors';
import type { StoreContext } from './store-connection';

const FACTS = ['previewed', 'acknowledged', 'formalSent', 'replied', 'withdrawn'] as const;

/** The bucket a reference's place in the scope lists lives in: `PL-2026-0042` → `PL-2026/0` (a hundred references). */
export function bucketOf(ref: string): string {
  const match = /^(.*)-(\d+)$/.exec(ref);
  return match ? `${match[1]}/${Math.floor(Number(match[2]) / 100)}` : `${ref}/x`;
}

/**
 * The document a reference's entry lives in: `PL-2026-0042` → `PL-2026:2` (twenty
 * entries). Every change of a letter rewrites its entry's document, which the embedded
 * server decodes and encodes whole, twice for a conditional write; twenty entries keep
 * that small, and a status list of 25 still reads two or three documents.
 */
export function entryBucketOf(ref: string): string {
  const match = /^(.*)-(\d+)$/.exec(ref);
  return match ? `${match[1]}:${Math.floor(Number(match[2]) / ENTRIES_PER_DOCUMENT)}` : `${ref}:x`;
}

/** Entries per document (see entryBucketOf). */
export const ENTRIES_PER_DOCUMENT = 20;

/** The entry of a letter, as stored (the audit length says how recent it is). */
export function entryOf(letter: Letter): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    ref: letter.ref,
    type: letter.type,
    urgent: letter.urgent,
    mandateKey: letter.mandateKey,
    companyKey: letter.companyKey,
    threads: letter.threads.map(copyThread),
    version: letter.audit.length,
  };
  for (const name of FACTS) {
    const fact = letter[name];
    if (fact) entry[name] = { at: fact.at, by: fact.by };
  }
  return entry;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** An entry as stored: one string. */
export function encodeEntry(entry: Record<string, unknown>): string {
  return JSON.stringify(entry);
}

/** A stored entry read back, with its dates as dates. */
export function decodeEntry(stored: string): Record<string, unknown> {
  return JSON.parse(stored, (_key, value: unknown) => (typeof value === 'string' && ISO.test(value) ? new Date(value) : value)) as Record<string, unknown>;
}

/** The list entry as the core reads it (a letter's facts and threads, nothing more). */
export function fromEntry(entry: Record<string, unknown>): ListedLetter {
  const listed: ListedLetter = {
    ref: String(entry.ref),
    type: entry.type as ListedLetter['type'],
    urgent: Boolean(entry.urgent),
    mandateKey: String(entry.mandateKey),
    companyKey: String(entry.companyKey),
    previewed: entry.previewed as Fact,
    threads: ((entry.threads as LetterThread[] | undefined) ?? []).map(copyThread),
  };
  for (const name of FACTS) {
    const fact = entry[name] as Fact | undefined;
    if (fact && name !== 'previewed') listed[name] = { at: fact.at, by: fact.by };
  }
  return listed;
}

/** Reading and writing entries; every call is one command by `_id`. */
export class LetterLines {
  constructor(private readonly ctx: StoreContext) {}

  /**
   * Writes the letter's entry unless a newer one is stored. Each entry's version is the
   * letter's audit length, which only grows: whichever writer saw the letter last wins,
   * in whatever order the writes land, and nobody reads the letter again to make sure.
   */
  async write(letter: Letter): Promise<void> {
    const { ref } = letter;
    const version = letter.audit.length;
    const write = () =>
      this.ctx.models.letterLines
        .updateOne(
          { _id: entryBucketOf(ref), [`versions.${ref}`]: { $not: { $gte: version } } },
          { $set: { [`lines.${ref}`]: encodeEntry(entryOf(letter)), [`versions.${ref}`]: version } },
          { upsert: true },
        )
        .exec();
    // A duplicate key: the document exists and did not match. Another writer created it meanwhile
    // (once more, now as an update), or it holds a newer entry (the second try fails the same way).
    await retryOnDuplicateKey(write, 2).catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err;
    });
  }

  async remove(ref: string): Promise<void> {
    await this.ctx.models.letterLines.updateOne({ _id: entryBucketOf(ref) }, { $unset: { [`lines.${ref}`]: 1, [`versions.${ref}`]: 1 } }).exec();
  }

  /** The entries of these references that exist, by reference. */
  async read(refs: string[]): Promise<Map<string, ListedLetter>> {
    const buckets = [...new Set(refs.map(entryBucketOf))];
    const docs = await Promise.all(buckets.map((id) => this.ctx.models.letterLines.findOne({ _id: id }).lean<LetterLinesDoc>()));
    const wanted = new Set(refs);
    const found = new Map<string, ListedLetter>();
    for (const doc of docs) {
      for (const [ref, entry] of Object.entries(doc?.lines ?? {})) {
        if (wanted.has(ref) && typeof entry === 'string') found.set(ref, fromEntry(decodeEntry(entry)));
      }
    }
    return found;
  }
}

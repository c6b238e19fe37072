/**
 * List entries of letters: each letter's facts and threads (never its text), a
 * hundred consecutive references to a document, so a status list of 25 letters reads
 * one or two documents instead of 25 letters. Each entry is stored as one JSON string:
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
import type { StoreContext } from './store-connection';

const FACTS = ['previewed', 'acknowledged', 'formalSent', 'replied', 'withdrawn'] as const;

/** The bucket a reference's entry lives in: `PL-2026-0042` → `PL-2026/0`. */
export function bucketOf(ref: string): string {
  const match = /^(.*)-(\d+)$/.exec(ref);
  return match ? `${match[1]}/${Math.floor(Number(match[2]) / 100)}` : `${ref}/x`;
}

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

  write(letter: Letter): Promise<unknown> {
    return this.ctx.models.letterLines
      .updateOne({ _id: bucketOf(letter.ref) }, { $set: { [`lines.${letter.ref}`]: encodeEntry(entryOf(letter)) } }, { upsert: true })
      .exec();
  }

  remove(ref: string): Promise<unknown> {
    return this.ctx.models.letterLines.updateOne({ _id: bucketOf(ref) }, { $unset: { [`lines.${ref}`]: 1 } }).exec();
  }

  /** The entries of these references that exist, by reference. */
  async read(refs: string[]): Promise<Map<string, ListedLetter>> {
    const buckets = [...new Set(refs.map(bucketOf))];
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

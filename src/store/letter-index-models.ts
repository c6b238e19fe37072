/**
 * The small documents that keep letter history out of the hot paths. Every one is
 * read by `_id` (the only filter the embedded server answers from an index) or lives
 * in a collection that stays small: which letter a thread belongs to, which letters
 * a list scope shows, when each letter next needs the scheduler, and singletons.
 */
import { Schema } from 'mongoose';
import { SCHEMA_OPTIONS } from './model-common';

/** `_id` is the adapter's opaque thread ref. */
export interface LetterThreadDoc {
  _id: string;
  letterRef: string;
}

/**
 * A list scope's index (`_id` is the scope: `company:<key>`, `mandate:<key>`,
 * `person:<key>`, `all`) naming its buckets, or one bucket of it (`_id` is
 * `<scope>|<bucket>`) holding that bucket's references (see letter-lists.ts).
 */
export interface LetterListDoc {
  _id: string;
  buckets?: string[];
  refs?: string[];
}

/**
 * `_id` is a bucket of a hundred consecutive references (`PL-2026/0` holds PL-2026-0000
 * to -0099): each letter's list entry (its facts and threads, no text), kept up to date
 * with the letter, so a status list reads a few buckets instead of every letter it shows.
 */
export interface LetterLinesDoc {
  _id: string;
  /** Reference → the entry as one JSON string (see letter-lines.ts). */
  lines: Record<string, string>;
  /** Reference → the stored entry's version (the letter's audit length), so an older entry never replaces a newer one. */
  versions?: Record<string, number>;
}

/** `_id` is a letter reference; only letters with something ahead of them have one. */
export interface ScheduleDoc {
  _id: string;
  at: Date;
  /** Raised by every change that makes the letter due earlier, so the sweep can tell it read a stale letter. */
  v: number;
}

/** Singletons by name: `wake` (at, v) and `schema` (version). */
export interface MetaDoc {
  _id: string;
  at?: Date | null;
  v?: number;
  version?: number;
  /** The directory import token (directory-cache.ts). */
  token?: string;
}

/** Thread lookups by `_id`. */
export const letterThreadSchema = new Schema<LetterThreadDoc>(
  { _id: { type: String, required: true }, letterRef: { type: String, required: true } },
  SCHEMA_OPTIONS,
);

/** List scopes and their buckets by `_id`. */
export const letterListSchema = new Schema<LetterListDoc>(
  { _id: { type: String, required: true }, buckets: { type: [String], default: undefined }, refs: { type: [String], default: undefined } },
  SCHEMA_OPTIONS,
);

/** Buckets of list entries by `_id`; the entries are written whole, so their shape is the repository's. */
export const letterLinesSchema = new Schema<LetterLinesDoc>(
  { _id: { type: String, required: true }, lines: { type: Schema.Types.Mixed, default: {} }, versions: { type: Schema.Types.Mixed, default: {} } },
  { ...SCHEMA_OPTIONS, minimize: false },
);

/** The scheduler's agenda; `at` is indexed for MongoDB (the embedded server scans this small collection). */
export const scheduleSchema = new Schema<ScheduleDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true, index: true },
    v: { type: Number, required: true, default: 0 },
  },
  SCHEMA_OPTIONS,
);

/** Singletons; free-form on purpose (each has its own fields). */
export const metaSchema = new Schema<MetaDoc>(
  {
    _id: { type: String, required: true },
    at: Date,
    v: Number,
    version: Number,
    token: String,
  },
  SCHEMA_OPTIONS,
);

/** Stored shape of a flag a company raised with the Special Procedures (src/domain/flag.ts). */
import { Schema } from 'mongoose';
import type { Flag, FlagRouting } from '../domain/flag';
import { copyThread, factSchema, threadSchema } from './letter-model';
import { channelBindingSchema, copyChannel, SCHEMA_OPTIONS, strings, SUBDOCUMENT_OPTIONS } from './model-common';

/** A flag as stored: the domain fields, with its reference as `_id`. */
export type FlagDoc = Flag & { _id: string };

const routingSchema = new Schema<FlagRouting>(
  {
    mandateKeys: { type: [String], default: [] },
    toAdmins: { type: Boolean, default: false },
    matchedTopics: { type: [String], default: [] },
  },
  SUBDOCUMENT_OPTIONS,
);

const acknowledgedSchema = new Schema(
  { at: { type: Date, required: true }, by: { type: String, required: true }, mandateKey: { type: String, required: false } },
  SUBDOCUMENT_OPTIONS,
);

/** Flag collection schema; the reference is the `_id`, read by `_id` only. */
export const flagSchema = new Schema<FlagDoc>(
  {
    _id: { type: String, required: true },
    ref: { type: String, required: true },
    companyKey: { type: String, required: true },
    topics: { type: [String], default: [] },
    summary: { type: String, default: '' },
    mandateKey: String,
    urgent: { type: Boolean, default: false },
    routing: { type: routingSchema, required: true },
    channel: channelBindingSchema,
    raised: { type: factSchema, required: true },
    acknowledged: acknowledgedSchema,
    threads: { type: [threadSchema], default: [] },
  },
  SCHEMA_OPTIONS,
);

/**
 * A flag list (`_id` is its scope: `company:<key>` or `mandate:<key>`, as for letters) naming
 * the years it has flags in and the flags not yet acknowledged (`open`); or one year of it
 * (`_id` is `<scope>|<year>`) holding that year's references (`refs`). Every one is read by
 * `_id`, so a status answer reads a few small documents, then each flag it shows by `_id`.
 */
export interface FlagListDoc {
  _id: string;
  years?: string[];
  open?: string[];
  refs?: string[];
}

/** Flag lists and their years by `_id`. */
export const flagListSchema = new Schema<FlagListDoc>(
  {
    _id: { type: String, required: true },
    years: { type: [String], default: undefined },
    open: { type: [String], default: undefined },
    refs: { type: [String], default: undefined },
  },
  SCHEMA_OPTIONS,
);

/** Why: plain fields only, both ways, so nothing of mongoose's leaks into the domain or the database. */
export function flagFields(f: Flag): Flag {
  return {
    ref: f.ref,
    companyKey: f.companyKey,
    topics: strings(f.topics),
    summary: f.summary ?? '',
    ...(f.mandateKey ? { mandateKey: f.mandateKey } : {}),
    urgent: Boolean(f.urgent),
    routing: { mandateKeys: strings(f.routing.mandateKeys), toAdmins: Boolean(f.routing.toAdmins), matchedTopics: strings(f.routing.matchedTopics) },
    ...(f.channel ? { channel: copyChannel(f.channel) } : {}),
    raised: { at: f.raised.at, by: f.raised.by },
    ...(f.acknowledged ? { acknowledged: { at: f.acknowledged.at, by: f.acknowledged.by, ...(f.acknowledged.mandateKey ? { mandateKey: f.acknowledged.mandateKey } : {}) } } : {}),
    threads: (f.threads ?? []).map(copyThread),
  };
}

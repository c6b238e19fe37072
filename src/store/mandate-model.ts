/** Stored shape of a Special Procedures mandate; `team` is indexed for "my mandates". */
import { Schema } from 'mongoose';
import type { Mandate } from '../domain/types';
import { channelBindingSchema, copyChannel, SCHEMA_OPTIONS, strings } from './model-common';


/** A mandate as stored: the domain fields, with the key as `_id`. */
export type MandateDoc = Mandate & { _id: string };

/** Mandate collection schema; the key is the `_id`, so an import upserts instead of duplicating. */
export const mandateSchema = new Schema<MandateDoc>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    title: { type: String, required: true },
    timeZone: { type: String, required: true },
    team: { type: [String], default: [], index: true },
    topics: { type: [String], default: [] },
    channel: { type: channelBindingSchema, required: false },
  },
  SCHEMA_OPTIONS,
);

/** Builds the stored document with list defaults applied. */
export function toMandateDoc(mandate: Mandate): MandateDoc {
  return {
    _id: mandate.key,
    key: mandate.key,
    title: mandate.title,
    timeZone: mandate.timeZone,
    team: strings(mandate.team),
    topics: strings(mandate.topics),
    ...(mandate.channel ? { channel: copyChannel(mandate.channel) } : {}),
  };
}


/** Maps a lean document back to the plain domain type (no _id or __v). */
export function fromMandateDoc(doc: MandateDoc): Mandate {
  return {
    key: doc.key,
    title: doc.title,
    timeZone: doc.timeZone,
    team: strings(doc.team),
    topics: strings(doc.topics),
    ...(doc.channel ? { channel: copyChannel(doc.channel) } : {}),
  };
}

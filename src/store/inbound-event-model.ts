/** Stored shape of a seen platform event; the unique (platform, eventId) pair makes "first time" atomic. */
import { Schema } from 'mongoose';
import { SCHEMA_OPTIONS } from './model-common';

/** One platform event id, recorded before PreLetter acts on it. */
export interface InboundEventDoc {
  platform: string;
  eventId: string;
  at: Date;
}

/** Inbound event schema; `at` is indexed so old ids can be pruned (TTL indexes are not available on FerretDB). */
export const inboundEventSchema = new Schema<InboundEventDoc>(
  {
    platform: { type: String, required: true },
    eventId: { type: String, required: true },
    at: { type: Date, required: true, index: true },
  },
  SCHEMA_OPTIONS,
);
inboundEventSchema.index({ platform: 1, eventId: 1 }, { unique: true });

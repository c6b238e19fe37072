/** Stored shape of a seen platform event; its `_id` (platform and event id) makes "first time" one atomic insert. */
import { Schema } from 'mongoose';
import { SCHEMA_OPTIONS } from './model-common';

/** One platform event id, recorded before PreLetter acts on it. */
export interface InboundEventDoc {
  /** `<platform>:<eventId>`. */
  _id: string;
  platform: string;
  eventId: string;
  at: Date;
}

/** The `_id` of a platform event's record. */
export function inboundEventId(platform: string, eventId: string): string {
  return `${platform}:${eventId}`;
}

/** Inbound event schema; `at` is indexed so old ids can be pruned (TTL indexes are not available on the embedded server). */
export const inboundEventSchema = new Schema<InboundEventDoc>(
  {
    _id: { type: String, required: true },
    platform: { type: String, required: true },
    eventId: { type: String, required: true },
    at: { type: Date, required: true, index: true },
  },
  SCHEMA_OPTIONS,
);

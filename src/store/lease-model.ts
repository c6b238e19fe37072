/**
 * Documents that coordinate instances, each addressed by `_id` and changed only by one
 * conditional write: named leases (the sweeper) and each channel's next free posting slot.
 */
import { Schema } from 'mongoose';
import { SCHEMA_OPTIONS } from './model-common';

/** `_id` names the lease (`sweeper`); who holds it and until when. */
export interface LeaseDoc {
  _id: string;
  holder: string;
  expiresAt: Date;
}

/** `_id` is a pacing key (a channel, or a person's direct messages); `next` is its next free slot in epoch milliseconds. */
export interface PaceDoc {
  _id: string;
  /** A number, not a date: the slot after it is reserved with `$inc`, which only numbers take. */
  next: number;
}

/** Leases by name; the string `_id` makes "who holds it" one document. */
export const leaseSchema = new Schema<LeaseDoc>(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  SCHEMA_OPTIONS,
);

/** Pacing slots by key; a few per channel and person, never history. */
export const paceSchema = new Schema<PaceDoc>(
  {
    _id: { type: String, required: true },
    next: { type: Number, required: true },
  },
  SCHEMA_OPTIONS,
);

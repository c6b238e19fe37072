/** Named sequences (one per reference year), advanced with an atomic `$inc`. */
import { Schema } from 'mongoose';
import { SCHEMA_OPTIONS } from './model-common';

/** A sequence: `_id` names it (`letter-ref-<year>`), `seq` is the last value handed out. */
export interface CounterDoc {
  _id: string;
  seq: number;
}

/** Counter schema; the string `_id` is the unique key, so no extra index is needed. */
export const counterSchema = new Schema<CounterDoc>(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true, default: 0 },
  },
  SCHEMA_OPTIONS,
);

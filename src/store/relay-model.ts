/** Stored shape of one relayed message: where its copies are, so an edit or deletion reaches them. */
import { Schema } from 'mongoose';
import { SCHEMA_OPTIONS, SUBDOCUMENT_OPTIONS } from './model-common';

/** One copy of a relayed message: the platform it was posted on and the adapter's message ref. */
export interface RelayCopyDoc {
  platform: string;
  messageRef: string;
}

/** `_id` names the original message (`platform:workspace:channel:message id`); its letter and its copies. */
export interface RelayDoc {
  _id: string;
  letterRef: string;
  copies: RelayCopyDoc[];
  at: Date;
}

const copySchema = new Schema<RelayCopyDoc>(
  {
    platform: { type: String, required: true },
    messageRef: { type: String, required: true },
  },
  SUBDOCUMENT_OPTIONS,
);

/** Relayed messages by original: one `_id` read when the original is edited or deleted. */
export const relaySchema = new Schema<RelayDoc>(
  {
    _id: { type: String, required: true },
    letterRef: { type: String, required: true },
    copies: { type: [copySchema], default: [] },
    at: { type: Date, required: true },
  },
  SCHEMA_OPTIONS,
);

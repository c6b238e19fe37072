/**
 * Stored shape of a delivery (a letter's publication or a reminder). Its deterministic
 * key is the `_id`, so the insert is the claim on every server; letterRef lets the
 * history retention delete a finished letter's records.
 */
import { Schema } from 'mongoose';
import type { DeliveryRecord } from '../bot/repositories';
import { optional, SCHEMA_OPTIONS } from './model-common';

/** A delivery as stored: exactly the repository record. */
export type DeliveryDoc = DeliveryRecord & { _id: string };

/** Delivery collection schema: the key is the `_id`, the one filter the embedded server answers from an index. */
export const deliverySchema = new Schema<DeliveryDoc>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    letterRef: { type: String, required: true, index: true },
    kind: { type: String, required: true },
    step: { type: String, required: true },
    recipientKey: { type: String, required: true },
    dueAt: { type: Date, required: true },
    status: { type: String, required: true, enum: ['claimed', 'sent', 'failed', 'cancelled'] },
    claimedBy: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    attempts: { type: Number, required: true, default: 1 },
    sentAt: Date,
    lastErrorCode: String,
    messageRef: String,
  },
  SCHEMA_OPTIONS,
);

/** Maps a lean document back to the plain record (no _id or __v). */
export function fromDeliveryDoc(doc: DeliveryDoc): DeliveryRecord {
  return {
    key: doc.key,
    letterRef: doc.letterRef,
    kind: doc.kind,
    step: doc.step,
    recipientKey: doc.recipientKey,
    dueAt: doc.dueAt,
    status: doc.status,
    claimedBy: doc.claimedBy,
    leaseUntil: doc.leaseUntil,
    attempts: doc.attempts,
    ...optional({ sentAt: doc.sentAt, lastErrorCode: doc.lastErrorCode, messageRef: doc.messageRef }),
  };
}

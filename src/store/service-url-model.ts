/** Stored shape of a Teams tenant's service URL, as the newest inbound activity told it. */
import { Schema } from 'mongoose';
import { SCHEMA_OPTIONS } from './model-common';

/** `_id` is the tenant id; the URL it last came from and when that was heard. */
export interface ServiceUrlDoc {
  _id: string;
  url: string;
  at: Date;
}

/** Service URLs by tenant: one `_id` read before a proactive post. */
export const serviceUrlSchema = new Schema<ServiceUrlDoc>(
  {
    _id: { type: String, required: true },
    url: { type: String, required: true },
    at: { type: Date, required: true },
  },
  SCHEMA_OPTIONS,
);

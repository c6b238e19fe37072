/**
 * One owner per platform account and per channel, kept by the database: each account
 * and each channel binding is a document whose `_id` is the account or channel itself,
 * so a second person or company claiming it fails with a duplicate key on every
 * server (MongoDB and the embedded one alike), and "who is this?" is an `_id` lookup.
 */
import { Schema } from 'mongoose';
import { SCHEMA_OPTIONS } from './model-common';

/** `_id` is identityKey(platform, userId); the person it belongs to. */
export interface AccountDoc {
  _id: string;
  personKey: string;
}

/** `_id` is channelKey(platform, workspace, channel); the company bound to it. */
export interface ChannelBindingDoc {
  _id: string;
  companyKey: string;
}

/** Account claims: the `_id` is the uniqueness the directory relies on. */
export const accountSchema = new Schema<AccountDoc>(
  {
    _id: { type: String, required: true },
    personKey: { type: String, required: true, index: true },
  },
  SCHEMA_OPTIONS,
);

/** Channel claims: the `_id` is the uniqueness the directory relies on. */
export const channelBindingSchema = new Schema<ChannelBindingDoc>(
  {
    _id: { type: String, required: true },
    companyKey: { type: String, required: true, index: true },
  },
  SCHEMA_OPTIONS,
);

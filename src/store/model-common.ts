/**
 * Settings and helpers shared by every schema and mapper, so all models behave the
 * same way on MongoDB and on the embedded FerretDB server.
 */

import { Schema } from 'mongoose';
import type { ChannelBinding } from '../domain/types';

/**
 * Indexes are built explicitly once the connection is open (see store-connection.ts),
 * never in the background, so unique keys are enforced before the first write.
 */
export const SCHEMA_OPTIONS = { autoIndex: false, autoCreate: false } as const;

/** Sub-document options: no `_id` inside embedded values, so mapped domain objects stay plain. */
export const SUBDOCUMENT_OPTIONS = { _id: false, autoIndex: false, autoCreate: false } as const;

/** Copies only the optional fields that are set, so absent stays absent (no `undefined` or `null` keys). */
export function optional<T extends object>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(fields) as [keyof T, T[keyof T]][]) {
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** Copies a string list, tolerating documents written before the field existed. */
export function strings(values: readonly string[] | undefined | null): string[] {
  return values ? [...values] : [];
}

/** Why: a channel binding as letters (their channel, mirror and threads) and mandates store it. */
export const channelBindingSchema = new Schema<ChannelBinding>(
  {
    platform: { type: String, required: true },
    workspaceId: { type: String, required: true },
    channelId: { type: String, required: true },
  },
  SUBDOCUMENT_OPTIONS,
);

/** Why: a binding's three fields and nothing else, whatever mongoose handed back. */
export function copyChannel(c: ChannelBinding): ChannelBinding {
  return { platform: c.platform, workspaceId: c.workspaceId, channelId: c.channelId };
}

/**
 * Stored shape of a directory person. Identities are also flattened into
 * `identityKeys` so lookups use a plain indexed string match, not a query into an
 * array of sub-documents.
 */
import { Schema } from 'mongoose';
import type { Person, PlatformIdentity } from '../domain/types';
import { optional, SCHEMA_OPTIONS, SUBDOCUMENT_OPTIONS } from './model-common';

/** A person as stored: the domain fields plus the derived identity lookup keys. */
export interface PersonDoc extends Person {
  identityKeys: string[];
}

/**
 * `platform:userId`: one indexed string per identity. The workspace is left out on
 * purpose: Slack user ids and Teams AAD object ids are globally unique, while the
 * team or tenant id a payload carries differs between shared (Slack Connect, Teams
 * shared channel) and home channels, so matching on it would refuse partner people.
 */
export function identityKey(identity: Pick<PlatformIdentity, 'platform' | 'userId'>): string {
  return `${identity.platform}:${identity.userId}`;
}

const identitySchema = new Schema<PlatformIdentity>(
  {
    platform: { type: String, required: true },
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
  },
  SUBDOCUMENT_OPTIONS,
);

/** Person collection schema; `key` is unique so an import upserts instead of duplicating. */
export const personSchema = new Schema<PersonDoc>(
  {
    key: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    email: { type: String, default: '' },
    timeZone: String,
    locale: String,
    identities: { type: [identitySchema], default: [] },
    admin: { type: Boolean, default: false },
    identityKeys: { type: [String], default: [], index: true },
  },
  SCHEMA_OPTIONS,
);

/** Builds the stored document, with defaults applied and the lookup keys derived. */
export function toPersonDoc(person: Person): PersonDoc {
  const identities = (person.identities ?? []).map(({ platform, workspaceId, userId }) => ({
    platform,
    workspaceId,
    userId,
  }));
  return {
    key: person.key,
    name: person.name,
    email: person.email,
    ...optional({ timeZone: person.timeZone, locale: person.locale }),
    identities,
    admin: person.admin ?? false,
    identityKeys: [...new Set(identities.map(identityKey))],
  };
}

/** Maps a lean document back to the plain domain type (no _id, __v or derived keys). */
export function fromPersonDoc(doc: PersonDoc): Person {
  return {
    key: doc.key,
    name: doc.name,
    email: doc.email ?? '',
    ...optional({ timeZone: doc.timeZone, locale: doc.locale }),
    identities: (doc.identities ?? []).map(({ platform, workspaceId, userId }) => ({
      platform,
      workspaceId,
      userId,
    })),
    admin: doc.admin ?? false,
  };
}

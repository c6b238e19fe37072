/**
 * Stored shape of a directory person, addressed by its key (`_id`). Who an account
 * belongs to is answered by the accounts collection (claim-models.ts), by `_id`.
 */
import { Schema } from 'mongoose';
import type { Person, PlatformIdentity } from '../domain/types';
import { optional, SCHEMA_OPTIONS, SUBDOCUMENT_OPTIONS } from './model-common';

/** A person as stored: the domain fields, with the key as `_id`. */
export interface PersonDoc extends Person {
  _id: string;
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

/** Person collection schema; the key is the `_id`, so an import upserts instead of duplicating. */
export const personSchema = new Schema<PersonDoc>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    name: { type: String, required: true },
    email: { type: String, default: '' },
    timeZone: String,
    locale: String,
    identities: { type: [identitySchema], default: [] },
    admin: { type: Boolean, default: false },
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
    _id: person.key,
    key: person.key,
    name: person.name,
    email: person.email,
    ...optional({ timeZone: person.timeZone, locale: person.locale }),
    identities,
    admin: person.admin ?? false,
  };
}

/** Maps a lean document back to the plain domain type (no _id or __v). */
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

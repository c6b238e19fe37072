/**
 * Stored shape of a company, addressed by its key (`_id`). Members and names are also
 * flattened into string arrays so "which companies list this person" and "find by
 * name or alias" are plain matches over this small collection; which company a
 * channel is bound to is answered by the channel bindings (claim-models.ts), by `_id`.
 */
import { Schema } from 'mongoose';
import type { ChannelBinding, Company, Route } from '../domain/types';
import { optional, SCHEMA_OPTIONS, strings, SUBDOCUMENT_OPTIONS } from './model-common';

/** A company as stored: the domain fields plus the derived lookup keys. */
export interface CompanyDoc extends Company {
  _id: string;
  memberKeys: string[];
  nameKeys: string[];
}

/** `platform:workspaceId:channelId`: a binding only matches the exact platform, workspace and channel. */
export function channelKey(channel: ChannelBinding): string {
  return `${channel.platform}:${channel.workspaceId}:${channel.channelId}`;
}

/** Lower-cased, trimmed form used for case-insensitive name lookups (FerretDB has no collations). */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

const channelSchema = new Schema<ChannelBinding>(
  {
    platform: { type: String, required: true },
    workspaceId: { type: String, required: true },
    channelId: { type: String, required: true },
  },
  SUBDOCUMENT_OPTIONS,
);

const routeSchema = new Schema<Route>(
  {
    topics: { type: [String], default: [] },
    owners: { type: [String], default: [] },
    backups: { type: [String], default: [] },
  },
  SUBDOCUMENT_OPTIONS,
);

/** Company collection schema; the key is the `_id`, so an import upserts instead of duplicating. */
export const companySchema = new Schema<CompanyDoc>(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    name: { type: String, required: true },
    aliases: { type: [String], default: [] },
    timeZone: String,
    locale: String,
    channels: { type: [channelSchema], default: [] },
    defaultContacts: { type: [String], default: [] },
    escalationContacts: { type: [String], default: [] },
    urgentLine: { type: [String], default: [] },
    routes: { type: [routeSchema], default: [] },
    memberKeys: { type: [String], default: [], index: true },
    nameKeys: { type: [String], default: [], index: true },
  },
  SCHEMA_OPTIONS,
);

function copyChannels(channels: readonly ChannelBinding[] | undefined): ChannelBinding[] {
  return (channels ?? []).map(({ platform, workspaceId, channelId }) => ({ platform, workspaceId, channelId }));
}

function copyRoutes(routes: readonly Route[] | undefined): Route[] {
  return (routes ?? []).map((r) => ({ topics: strings(r.topics), owners: strings(r.owners), backups: strings(r.backups) }));
}

/** Builds the stored document, with list defaults applied and the lookup keys derived. */
export function toCompanyDoc(company: Company): CompanyDoc {
  const channels = copyChannels(company.channels);
  const routes = copyRoutes(company.routes);
  const doc: Company = {
    key: company.key,
    name: company.name,
    aliases: strings(company.aliases),
    ...optional({ timeZone: company.timeZone, locale: company.locale }),
    channels,
    defaultContacts: strings(company.defaultContacts),
    escalationContacts: strings(company.escalationContacts),
    urgentLine: strings(company.urgentLine),
    routes,
  };
  const members = [
    ...doc.defaultContacts,
    ...doc.escalationContacts,
    ...doc.urgentLine,
    ...routes.flatMap((r) => [...r.owners, ...r.backups]),
  ];
  return {
    _id: doc.key,
    ...doc,
    memberKeys: [...new Set(members)],
    nameKeys: [...new Set([doc.key, doc.name, ...doc.aliases].map(nameKey))],
  };
}

/** Maps a lean document back to the plain domain type (no _id, __v or derived keys). */
export function fromCompanyDoc(doc: CompanyDoc): Company {
  return {
    key: doc.key,
    name: doc.name,
    aliases: strings(doc.aliases),
    ...optional({ timeZone: doc.timeZone, locale: doc.locale }),
    channels: copyChannels(doc.channels),
    defaultContacts: strings(doc.defaultContacts),
    escalationContacts: strings(doc.escalationContacts),
    urgentLine: strings(doc.urgentLine),
    routes: copyRoutes(doc.routes),
  };
}

/** Shared fictional directory and letter builders for the domain tests, so each test states only what differs. */
import { DateTime } from 'luxon';
import type { Company, Letter, Mandate, Person } from '../../src/domain/types';

/** A directory person with no platform identities; only key, zone and admin flag matter to the rules. */
export function person(key: string, timeZone?: string, admin = false): Person {
  return { key, name: key, email: `${key}@example.org`, timeZone, identities: [], admin };
}

/** The fictional mandate every test letter belongs to. */
export const mandate: Mandate = {
  key: 'sr-privacy',
  title: 'Special Rapporteur on the right to privacy',
  timeZone: 'Europe/Zurich',
  team: ['mara', 'tom'],
  topics: ['privacy'],
};

/** The fictional company every test letter is addressed to. */
export const company: Company = {
  key: 'acme',
  name: 'Acme Social',
  aliases: ['acme'],
  channels: [],
  defaultContacts: ['dana'],
  escalationContacts: ['eva'],
  urgentLine: ['uri'],
  routes: [
    { topics: ['privacy', 'surveillance'], owners: ['ana', 'wei'], backups: ['bea'] },
    { topics: ['content moderation'], owners: ['carl'], backups: [] },
  ],
};

/** A letter previewed at `previewedAt`, routed to ana and wei, with bea as backup and eva as escalation. */
export function letter(previewedAt: string, overrides: Partial<Letter> = {}): Letter {
  return {
    ref: 'PL-2026-0007',
    type: 'AL',
    urgent: false,
    mandateKey: mandate.key,
    companyKey: company.key,
    topics: ['privacy'],
    summary: 'Confidential summary.',
    routing: { owners: ['ana', 'wei'], backups: ['bea'], escalation: ['eva'], unrouted: false, matchedTopics: ['privacy'] },
    previewed: { at: new Date(previewedAt), by: 'mara' },
    threads: [],
    audit: [],
    ...overrides,
  };
}

/** A fact set by someone at an ISO instant. */
export function fact(at: string, by: string): { at: Date; by: string } {
  return { at: new Date(at), by };
}

/** An instant as a person in `zone` reads it, so expectations state local wall-clock times. */
export function local(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale('en-US').toFormat('ccc yyyy-MM-dd HH:mm');
}

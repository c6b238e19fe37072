/**
 * The zod schema of a routing directory file: strict objects (a typo is an error,
 * not a silently ignored field), keys, emails, IANA time zones and locales.
 */
import { z } from 'zod';

const KEY = /^[a-z0-9][a-z0-9-]*$/;
const text = z.string().trim().min(1, 'must not be empty');
const key = z.string().regex(KEY, 'is not a valid key — use lowercase letters, digits and hyphens, like "ana-ruiz"');
const personRefs = z.array(key).default([]);
const platform = z.enum(['slack', 'teams']);

function accepts(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}
const isTimeZone = (zone: string) => accepts(() => new Intl.DateTimeFormat(undefined, { timeZone: zone }));
const isLocale = (locale: string) => accepts(() => Intl.getCanonicalLocales(locale));
const timeZone = z.string().refine(isTimeZone, 'is not a known IANA time zone — use a name like "Europe/Zurich"');

const person = z
  .object({
    key,
    name: text,
    email: z.string().email('is not a valid email address'),
    timeZone: timeZone.optional(),
    locale: z.string().refine(isLocale, 'is not a valid locale — use a language tag like "en" or "fr-CH"').optional(),
    identities: z.array(z.object({ platform, workspaceId: text, userId: text }).strict()).default([]),
    admin: z.boolean().default(false),
  })
  .strict();
const mandate = z
  .object({ key, title: text, timeZone: timeZone.default('Europe/Zurich'), team: z.array(key), topics: z.array(text) })
  .strict();
const route = z
  .object({
    topics: z.array(text).min(1, 'needs at least one topic'),
    owners: z.array(key).min(1, 'needs at least one owner'),
    backups: personRefs,
  })
  .strict();
const company = z
  .object({
    key,
    name: text,
    aliases: z.array(text).default([]),
    timeZone: timeZone.optional(),
    channels: z.array(z.object({ platform, workspaceId: text, channelId: text }).strict()).default([]),
    defaultContacts: personRefs,
    escalationContacts: personRefs,
    urgentLine: personRefs,
    routes: z.array(route).default([]),
  })
  .strict();
/** Sections default to empty, so a file may carry only the documents it updates. */
/** The whole file: people, mandates and companies, each defaulting to empty. */
export const directorySchema = z
  .object({ people: z.array(person).default([]), mandates: z.array(mandate).default([]), companies: z.array(company).default([]) })
  .strict();

/**
 * The zod schema of a routing directory file: strict objects (a typo is an error,
 * not a silently ignored field), keys, emails, IANA time zones and locales, and a
 * maximum length for every text and list, each named in its error message.
 */
import { z } from 'zod';

/**
 * Why: a directory is read into every bot instance and shown in chat, so no field
 * or list may grow without bound. Generous for real directories (the longest Special
 * Procedures title is about 130 characters; there are about 60 mandates).
 */
export const DIRECTORY_LIMITS = {
  keyLength: 64,
  nameLength: 200,
  titleLength: 300,
  /** The longest address SMTP carries (RFC 5321). */
  emailLength: 254,
  /** Slack's limit for the text of an option in the preview form's topic list. */
  topicLength: 150,
  aliasLength: 200,
  /** Platform ids: Slack `T…`/`U…`/`C…`, Teams tenant and AAD object GUIDs, `19:…@thread.tacv2` channel ids. */
  idLength: 256,
  timeZoneLength: 64,
  localeLength: 35,
  people: 10_000,
  mandates: 500,
  companies: 2_000,
  identities: 20,
  team: 100,
  /** Slack's preview form lists at most 100 topics. */
  topics: 100,
  aliases: 50,
  channels: 100,
  contacts: 100,
  routes: 200,
} as const;

const L = DIRECTORY_LIMITS;
const KEY = /^[a-z0-9][a-z0-9-]*$/;

const atMost = (n: number, why?: string) => `must be at most ${n} characters${why ? ` — ${why}` : ''}`;
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, atMost(max));
const listOf = <T extends z.ZodTypeAny>(item: T, max: number) => z.array(item).max(max, `may list at most ${max} entries`);

const key = z
  .string()
  .max(L.keyLength, atMost(L.keyLength))
  .regex(KEY, 'is not a valid key — use lowercase letters, digits and hyphens, like "ana-ruiz"');
const personRefs = listOf(key, L.contacts).default([]);
const platform = z.enum(['slack', 'teams']);
const id = text(L.idLength);
const topic = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(L.topicLength, atMost(L.topicLength, "Slack's preview form cannot offer a longer topic"))
  .refine(
    (t) => !t.includes(','),
    'contains a comma — the Teams preview form sends the chosen topics as one comma-separated list, so it would arrive as two topics',
  );
const topics = listOf(topic, L.topics);

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
const timeZone = z
  .string()
  .max(L.timeZoneLength, atMost(L.timeZoneLength))
  .refine(isTimeZone, 'is not a known IANA time zone — use a name like "Europe/Zurich"');
/** A language tag; PreLetter writes in English, French or Spanish and reads other tags as English. */
const locale = z
  .string()
  .max(L.localeLength, atMost(L.localeLength))
  .refine(isLocale, 'is not a valid locale — use a language tag like "en" or "fr-CH"');

const person = z
  .object({
    key,
    name: text(L.nameLength),
    email: z.string().max(L.emailLength, atMost(L.emailLength)).email('is not a valid email address'),
    timeZone: timeZone.optional(),
    locale: locale.optional(),
    identities: listOf(z.object({ platform, workspaceId: id, userId: id }).strict(), L.identities).default([]),
    admin: z.boolean().default(false),
  })
  .strict();
const mandate = z
  .object({
    key,
    title: text(L.titleLength),
    timeZone: timeZone.default('Europe/Zurich'),
    team: listOf(key, L.team),
    topics,
    /** The mandate team's own channel: letters to companies on the other platform are mirrored there. */
    channel: z.object({ platform, workspaceId: id, channelId: id }).strict().optional(),
  })
  .strict();
const route = z
  .object({
    topics: topics.min(1, 'needs at least one topic'),
    owners: listOf(key, L.contacts).min(1, 'needs at least one owner'),
    backups: personRefs,
  })
  .strict();
const company = z
  .object({
    key,
    name: text(L.nameLength),
    aliases: listOf(text(L.aliasLength), L.aliases).default([]),
    timeZone: timeZone.optional(),
    locale: locale.optional(),
    channels: listOf(z.object({ platform, workspaceId: id, channelId: id }).strict(), L.channels).default([]),
    defaultContacts: personRefs,
    escalationContacts: personRefs,
    urgentLine: personRefs,
    routes: listOf(route, L.routes).default([]),
  })
  .strict();

/** The whole file: people, mandates and companies, each defaulting to empty, so a file may carry only what it updates. */
export const directorySchema = z
  .object({
    people: listOf(person, L.people).default([]),
    mandates: listOf(mandate, L.mandates).default([]),
    companies: listOf(company, L.companies).default([]),
  })
  .strict();

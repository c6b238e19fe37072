/**
 * How moments, days and lists read in each language, for a reader in one time zone.
 * The zone is always named ("Tue 3 Mar 2026, 19:00 SGT"), so a shared channel is
 * never ambiguous; the words around them live in the catalogue.
 */
import { zoneAbbreviation } from '../format';

/** The languages of the catalogue: the UN working languages PreLetter's readers use. */
export const LANGUAGES = ['en', 'fr', 'es'] as const;

/** One catalogue language. */
export type Language = (typeof LANGUAGES)[number];

/** Why: a directory locale ("fr-CH", "es-419", "EN") picks its language; anything else reads English. */
export function languageOf(locale: string | undefined): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

/** Why: the formats a catalogue entry may use, bound to one reader's language and zone. */
export interface Formats {
  readonly language: Language;
  readonly zone: string;
  /** A moment with weekday, date, time and the zone named. */
  moment(at: Date): string;
  /** A calendar day (an ISO date such as the expected formal date), without time or zone. */
  day(isoDate: string): string;
  /** Names joined as the language joins them: "A, B and C", "A, B et C", "A, B y C". */
  list(items: string[]): string;
}

const MOMENT: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
/** English reads as in Geneva (day before month), whatever English locale a person has. */
const TAGS: Record<Language, string> = { en: 'en-GB', fr: 'fr-CH', es: 'es-ES' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.ListFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (!found) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

function dateParts(format: Intl.DateTimeFormat, at: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
}

/** Why: one reader's formats; formatters are built once per language and zone and kept. */
export function formatsFor(language: Language, zone: string): Formats {
  const tag = TAGS[language];
  const moments = cached(`m|${tag}|${zone}`, () => new Intl.DateTimeFormat(tag, { ...MOMENT, timeZone: zone })) as Intl.DateTimeFormat;
  const days = cached(`d|${tag}`, () => new Intl.DateTimeFormat(tag, DAY)) as Intl.DateTimeFormat;
  const lists = cached(`l|${tag}`, () => new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' })) as Intl.ListFormat;
  return {
    language,
    zone,
    moment(at) {
      const p = dateParts(moments, at);
      const zoneName = zoneAbbreviation(at, zone);
      return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${zoneName}`;
    },
    day(isoDate) {
      const p = dateParts(days, new Date(`${isoDate}T12:00:00Z`));
      return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
    },
    list: (items) => lists.format(items),
  };
}

/**
 * How moments, days and lists read in each language, for a reader in one time zone.
 * The zone is always named ("Tue 3 Mar 2026, 19:00 SGT"), so a shared channel is
 * never ambiguous; the words around them live in the catalogue.
 */

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
  /** The same list as parts: each item by its index, and the language's joining words between them. */
  listParts(items: string[]): Array<{ item: number } | { text: string }>;
}

const OPTIONS = {
  moment: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  day: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  zone: { timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
/** English reads as in Geneva (day before month), whatever English locale a person has. */
const TAGS: Record<Language, string> = { en: 'en-GB', fr: 'fr-CH', es: 'es-ES' };
/** Zone names are English abbreviations in every language (CET, SGT): the first English locale that has one. */
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IE', 'en-SG', 'en-AU', 'en-IN'];

/**
 * Building an Intl formatter costs about a millisecond and a status list names dozens
 * of moments, so formatters are kept by what they were built for (there are few of each).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function dateFormat(tag: string, kind: keyof typeof OPTIONS, zone: string): Intl.DateTimeFormat {
  const key = `${kind}|${tag}|${zone}`;
  let found = dateFormats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(tag, { ...OPTIONS[kind], timeZone: zone });
    dateFormats.set(key, found);
  }
  return found;
}

function listFormat(tag: string): Intl.ListFormat {
  let found = listFormats.get(tag);
  if (!found) {
    found = new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' });
    listFormats.set(tag, found);
  }
  return found;
}

function dateParts(format: Intl.DateTimeFormat, at: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
}

/** A zone's short name at an instant (CEST, PDT, SGT…) from the first English locale that has one; else GMT+n. */
export function zoneAbbreviation(at: Date, zone: string): string {
  let last = '';
  for (const tag of ABBREVIATION_LOCALES) {
    last = dateParts(dateFormat(tag, 'zone', zone), at).timeZoneName ?? '';
    if (!/^(GMT|UTC)[+-]/.test(last)) return last;
  }
  return last;
}

/** Why: one reader's formats; formatters are built once per language and zone and kept. */
export function formatsFor(language: Language, zone: string): Formats {
  const tag = TAGS[language];
  return {
    language,
    zone,
    moment(at) {
      const p = dateParts(dateFormat(tag, 'moment', zone), at);
      return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${zoneAbbreviation(at, zone)}`;
    },
    day(isoDate) {
      const p = dateParts(dateFormat(tag, 'day', 'UTC'), new Date(`${isoDate}T12:00:00Z`));
      return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
    },
    list: (items) => listFormat(tag).format(items),
    listParts(items) {
      // Items are formatted as their indexes, so each element part says which item stands there.
      let next = 0;
      return listFormat(tag)
        .formatToParts(items.map(() => '_'))
        .map((part) => (part.type === 'element' ? { item: next++ } : { text: part.value }));
    },
  };
}

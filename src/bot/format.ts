/**
 * How dates, statuses and letter types read to people. One place, so Slack,
 * Teams and nudges say "Tue 3 Mar 2026, 09:00 CET" the same way.
 */
import { DateTime } from 'luxon';
import type { LetterStatus, LetterType } from '../domain/types';

/** Long names of letter types, as Special Procedures staff say them. */
export const LETTER_TYPE_NAMES: Record<LetterType, string> = {
  UA: 'Urgent appeal',
  AL: 'Allegation letter',
  OL: 'Other letter',
};

/** Status in plain words for busy readers. */
export const STATUS_NAMES: Record<LetterStatus, string> = {
  'awaiting-ack': 'Awaiting acknowledgement',
  acknowledged: 'Acknowledged',
  'awaiting-reply': 'Awaiting reply',
  overdue: 'Overdue',
  replied: 'Replied',
  withdrawn: 'Withdrawn',
};

const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IE', 'en-SG', 'en-AU', 'en-IN'];

/**
 * Building an Intl formatter costs about a millisecond and a status list formats dozens
 * of moments, so formatters are kept by locale, zone and options (there are few of each).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    formatters.set(key, found);
  }
  return found;
}

function parts(at: Date, locale: string, zone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  return Object.fromEntries(formatter(locale, zone, options).formatToParts(at).map((p) => [p.type, p.value]));
}

const ZONE_NAME: Intl.DateTimeFormatOptions = { timeZoneName: 'short' };
const MOMENT: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** A zone's short name at an instant (CEST, PDT, SGT…) from the first English locale that has one; else GMT+n. */
export function zoneAbbreviation(at: Date, zone: string): string {
  let last = '';
  for (const locale of ABBREVIATION_LOCALES) {
    last = parts(at, locale, zone, ZONE_NAME).timeZoneName ?? '';
    if (!/^(GMT|UTC)[+-]/.test(last)) return last;
  }
  return last;
}

/** A moment in the reader's zone, with the zone's abbreviation so shared channels are unambiguous. */
export function formatMoment(at: Date, zone: string): string {
  const p = parts(at, 'en-GB', zone, MOMENT);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${zoneAbbreviation(at, zone)}`;
}

/** A calendar day without time, for expected dates. */
export function formatDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).toFormat('ccc d LLL yyyy');
}

/** "12 days left", "due today", "3 days overdue": what a reader needs at a glance. */
export function formatDaysLeft(days: number): string {
  if (days > 1) return `${days} days left`;
  if (days === 1) return '1 day left';
  if (days === 0) return 'due today';
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}

/** A list of names as a sentence: "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

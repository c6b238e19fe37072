/**
 * Working-time arithmetic in a person's own time zone. Nudges must land at the
 * start of a working day where the recipient lives, and keep that local hour across
 * daylight-saving changes, so all of it goes through luxon with an explicit zone.
 */
import { DateTime } from 'luxon';

/** A calendar date as `yyyy-mm-dd`: the local day something happens on, with no zone attached. */
export type LocalDate = string;

/** Local hour at which the working day ends, so a preview at 17:00 waits for the next morning. */
export const WORKDAY_END_HOUR = 17;

const SATURDAY = 6;
const MEMO_LIMIT = 50_000;

/**
 * Date arithmetic in zones is pure but slow (luxon parses and resolves zones each
 * time) and schedules ask the same questions over and over; remember the answers.
 */
export function memo<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A) => {
    const key = args.map(String).join('|');
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= MEMO_LIMIT) cache.clear();
      value = fn(...args);
      cache.set(key, value);
    }
    return value;
  };
}

function zoned(instant: Date, zone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone });
}

function startOfLocalDate(date: LocalDate, zone: string): DateTime {
  const local = DateTime.fromISO(date, { zone });
  if (!local.isValid) throw new RangeError(`Invalid local date or zone: ${date} ${zone}`);
  return local;
}

function isWeekday(local: DateTime): boolean {
  return local.weekday < SATURDAY;
}

/** The recipient's calendar day at an instant, so day counts follow their wall calendar. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  return localDateOfMs(instant.getTime(), zone);
}

const localDateOfMs = memo((ms: number, zone: string): LocalDate => DateTime.fromMillis(ms, { zone }).toISODate() as LocalDate);

/** Calendar-day arithmetic without time-of-day or DST surprises (a day is a date, not 24 hours). */
export const plusDays = memo((date: LocalDate, days: number): LocalDate => {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDate;
});

/** Whole calendar days from one date to another, negative when `to` is earlier. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const utc = (date: LocalDate) => DateTime.fromISO(date, { zone: 'UTC' }).toMillis();
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

const atLocalHourMs = memo((date: LocalDate, zone: string, hour: number): number => startOfLocalDate(date, zone).set({ hour }).toMillis());

/** The instant a given local hour starts on a local date, so 09:00 stays 09:00 across DST. */
export function atLocalHour(date: LocalDate, zone: string, hour: number): Date {
  return new Date(atLocalHourMs(date, zone, hour));
}

/** First working day on or after a date, so weekend-dated nudges move to Monday. */
export const firstWorkingDateOnOrAfter = memo((date: LocalDate, zone: string): LocalDate => {
  let local = startOfLocalDate(date, zone);
  while (!isWeekday(local)) local = local.plus({ days: 1 });
  return local.toISODate() as LocalDate;
});

/** When the recipient can first act on something arriving at `instant`: now if at work, else next morning. */
export function nextWorkingStart(instant: Date, zone: string, startHour: number): Date {
  const local = zoned(instant, zone);
  if (isWeekday(local) && local.hour >= startHour && local.hour < WORKDAY_END_HOUR) return instant;
  const today = local.toISODate() as LocalDate;
  const date = local.hour < startHour ? today : plusDays(today, 1);
  return atLocalHour(firstWorkingDateOnOrAfter(date, zone), zone, startHour);
}

/** Start of the n-th working day after the recipient could first see something, for business-day clocks. */
export function addWorkingDays(instant: Date, n: number, zone: string, startHour: number): Date {
  let date = localDateOf(nextWorkingStart(instant, zone, startHour), zone);
  for (let i = 0; i < n; i += 1) date = firstWorkingDateOnOrAfter(plusDays(date, 1), zone);
  return atLocalHour(date, zone, startHour);
}

/** Latest working-day start on or before a date and before `notAfter`: a reminder never arrives after what it announces. */
export function atLocalStartOnOrBefore(
  date: LocalDate,
  zone: string,
  startHour: number,
  notAfter: Date,
): Date {
  return new Date(startOnOrBeforeMs(date, zone, startHour, notAfter.getTime()));
}

const startOnOrBeforeMs = memo((date: LocalDate, zone: string, startHour: number, notAfterMs: number): number => {
  let local = startOfLocalDate(date, zone).set({ hour: startHour });
  while (!isWeekday(local) || local.toMillis() >= notAfterMs) {
    local = local.minus({ days: 1 }).set({ hour: startHour });
  }
  return local.toMillis();
});

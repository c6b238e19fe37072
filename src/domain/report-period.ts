/**
 * The periods a report covers, as people name them: a year (`2025`), a month (`2026-03`), a
 * day (`2026-03-03`), or a first and a last day (`2026-01-01 2026-03-31`), both included;
 * nothing means the last twelve months up to today. Days are calendar days: they become
 * instants only in a zone the caller names (the reader's, or the configured default).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { LocalDate } from './calendar';
import type { ReportPeriod } from './report';

/** Why: a period as days on a calendar, both included, before a zone makes instants of them. */
export interface PeriodDays {
  first: LocalDate;
  last: LocalDate;
}

const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}-\d{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why: a day as typed (`2026-03-31`), if it is one on the calendar; the CLI's --from and --to are checked by it too. */
export function validDay(text: string): LocalDate | undefined {
  if (!DAY.test(text)) return undefined;
  const day = DateTime.fromISO(text, { zone: 'UTC' });
  return day.isValid ? (day.toISODate() as LocalDate) : undefined;
}

function oneWord(word: string): PeriodDays | undefined {
  if (YEAR.test(word)) return { first: `${word}-01-01`, last: `${word}-12-31` };
  if (MONTH.test(word)) {
    const month = DateTime.fromISO(`${word}-01`, { zone: 'UTC' });
    return month.isValid ? { first: month.toISODate() as LocalDate, last: month.endOf('month').toISODate() as LocalDate } : undefined;
  }
  const day = validDay(word);
  return day ? { first: day, last: day } : undefined;
}

/** Why: the period typed after `report`, or undefined when the words name no period (the grammar says so, quoting them). */
export function periodDaysOf(words: string): PeriodDays | undefined {
  const parts = words.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 1) return oneWord(parts[0]!);
  if (parts.length !== 2) return undefined;
  const [first, last] = parts.map(validDay);
  return first && last && first <= last ? { first, last } : undefined;
}

/** Why: the grammar's validator for period words, so a parsed command carries days, never unchecked text. */
export const periodWords = z.string().transform((words, ctx): PeriodDays => {
  const days = periodDaysOf(words);
  if (!days) {
    ctx.addIssue({ code: 'custom', message: 'not a period' });
    return z.NEVER;
  }
  return days;
});

/** Why: the default period: twelve months ending with today, as the reader's calendar has it (today included). */
export function lastTwelveMonths(now: Date, zone: string): PeriodDays {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  return { first: today.minus({ months: 12 }).plus({ days: 1 }).toISODate() as LocalDate, last: today.toISODate() as LocalDate };
}

/** Why: the instants a period of days covers in one zone: from the first day's midnight to the midnight after the last. */
export function periodIn(days: PeriodDays, zone: string): ReportPeriod {
  const from = DateTime.fromISO(days.first, { zone }).startOf('day');
  const to = DateTime.fromISO(days.last, { zone }).plus({ days: 1 }).startOf('day');
  if (!from.isValid || !to.isValid) throw new RangeError(`Invalid period or zone: ${days.first} ${days.last} ${zone}`);
  return { from: from.toJSDate(), to: to.toJSDate() };
}

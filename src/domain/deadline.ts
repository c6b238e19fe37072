/**
 * The reply deadline of a formal letter. It ends with the calendar day in the
 * mandate's zone, so "60 days" means the same thing to the mandate whatever the
 * season (DST) and wherever the company is.
 */
import { DateTime } from 'luxon';
import { daysBetween, localDateOf, memo, plusDays } from './calendar';

/** The end of a calendar day in a zone: luxon's slowest step (about 0.2 ms), shared by every letter sent on the same day. */
const endOfDayMs = memo((day: string, zone: string): number => DateTime.fromISO(day, { zone }).endOf('day').toMillis());

const deadlineMs = memo((sentMs: number, zone: string, windowDays: number): number => {
  return endOfDayMs(plusDays(localDateOf(new Date(sentMs), zone), windowDays), zone);
});

/** Last instant a reply still counts: the end of the window's last day in the mandate's zone. */
export function deadlineOf(formalSentAt: Date, mandateTimeZone: string, windowDays: number): Date {
  return new Date(deadlineMs(formalSentAt.getTime(), mandateTimeZone, windowDays));
}

/** Days left as the reader counts them on their own calendar; negative once overdue. */
export function daysLeft(deadline: Date, now: Date, zone: string): number {
  return daysBetween(localDateOf(now, zone), localDateOf(deadline, zone));
}

import {
  addWorkingDays,
  atLocalStartOnOrBefore,
  daysBetween,
  firstWorkingDateOnOrAfter,
  localDateOf,
  nextWorkingStart,
  plusDays,
} from '../../src/domain/calendar';
import { local } from './fixtures';

const ZURICH = 'Europe/Zurich';
const LA = 'America/Los_Angeles';

describe('nextWorkingStart', () => {
  it('returns the instant itself when it falls inside working time', () => {
    const mondayAfternoon = new Date('2026-03-02T13:00:00Z');
    expect(nextWorkingStart(mondayAfternoon, ZURICH, 9)).toEqual(mondayAfternoon);
  });

  it('waits for 09:00 the same day when the instant is early on a working day', () => {
    expect(local(nextWorkingStart(new Date('2026-03-02T06:00:00Z'), ZURICH, 9), ZURICH)).toBe('Mon 2026-03-02 09:00');
  });

  it('waits for the next working morning once it is 17:00 or later', () => {
    expect(local(nextWorkingStart(new Date('2026-03-03T16:00:00Z'), ZURICH, 9), ZURICH)).toBe('Wed 2026-03-04 09:00');
  });

  it('moves a Friday evening or a weekend to Monday 09:00', () => {
    expect(local(nextWorkingStart(new Date('2026-03-06T17:00:00Z'), ZURICH, 9), ZURICH)).toBe('Mon 2026-03-09 09:00');
    expect(local(nextWorkingStart(new Date('2026-03-08T10:00:00Z'), ZURICH, 9), ZURICH)).toBe('Mon 2026-03-09 09:00');
  });
});

describe('addWorkingDays', () => {
  it('puts one working day after a Monday 14:00 preview at Tuesday 09:00', () => {
    expect(local(addWorkingDays(new Date('2026-03-02T13:00:00Z'), 1, ZURICH, 9), ZURICH)).toBe('Tue 2026-03-03 09:00');
  });

  it('counts from Monday when the preview arrives on Friday at 18:00, landing on Tuesday 09:00', () => {
    expect(local(addWorkingDays(new Date('2026-03-06T17:00:00Z'), 1, ZURICH, 9), ZURICH)).toBe('Tue 2026-03-10 09:00');
  });

  it('skips the weekend when counting five working days', () => {
    expect(local(addWorkingDays(new Date('2026-03-02T13:00:00Z'), 5, ZURICH, 9), ZURICH)).toBe('Mon 2026-03-09 09:00');
  });

  it('keeps 09:00 local across the Europe/Zurich spring-forward weekend', () => {
    const fridayBefore = new Date('2026-03-27T09:00:00Z');
    const due = addWorkingDays(fridayBefore, 1, ZURICH, 9);
    expect(local(due, ZURICH)).toBe('Mon 2026-03-30 09:00');
    expect(due.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps 09:00 local across the Europe/Zurich fall-back weekend', () => {
    const due = addWorkingDays(new Date('2026-10-23T08:00:00Z'), 1, ZURICH, 9);
    expect(due.toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('keeps 09:00 local across the America/Los_Angeles spring-forward weekend', () => {
    const due = addWorkingDays(new Date('2026-03-06T18:00:00Z'), 1, LA, 9);
    expect(local(due, LA)).toBe('Mon 2026-03-09 09:00');
    expect(due.toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });
});

describe('atLocalStartOnOrBefore', () => {
  const farFuture = new Date('2030-01-01T00:00:00Z');

  it('gives 09:00 local on a working day that is not too late', () => {
    expect(local(atLocalStartOnOrBefore('2026-04-08', ZURICH, 9, farFuture), ZURICH)).toBe('Wed 2026-04-08 09:00');
  });

  it('brings a Sunday forward to the Friday before', () => {
    expect(local(atLocalStartOnOrBefore('2026-04-12', ZURICH, 9, farFuture), ZURICH)).toBe('Fri 2026-04-10 09:00');
  });

  it('moves back a day when 09:00 would be at or after the limit', () => {
    const limit = new Date('2026-04-08T07:00:00Z');
    expect(local(atLocalStartOnOrBefore('2026-04-08', ZURICH, 9, limit), ZURICH)).toBe('Tue 2026-04-07 09:00');
  });

  it('moves back over a weekend when Monday 09:00 is already too late', () => {
    const limit = new Date('2026-04-13T05:00:00Z');
    expect(local(atLocalStartOnOrBefore('2026-04-13', ZURICH, 9, limit), ZURICH)).toBe('Fri 2026-04-10 09:00');
  });
});

describe('local dates', () => {
  it('reads the calendar day in the given zone', () => {
    const instant = new Date('2026-04-11T21:59:59.999Z');
    expect(localDateOf(instant, ZURICH)).toBe('2026-04-11');
    expect(localDateOf(instant, 'Asia/Singapore')).toBe('2026-04-12');
  });

  it('adds and counts calendar days across month ends and DST changes', () => {
    expect(plusDays('2026-02-10', 60)).toBe('2026-04-11');
    expect(plusDays('2026-04-13', -30)).toBe('2026-03-14');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });

  it('finds the first working date on or after a date', () => {
    expect(firstWorkingDateOnOrAfter('2026-04-11', ZURICH)).toBe('2026-04-13');
    expect(firstWorkingDateOnOrAfter('2026-04-14', ZURICH)).toBe('2026-04-14');
  });
});

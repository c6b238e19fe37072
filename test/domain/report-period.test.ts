/**
 * The periods a report covers, as typed after `report` and as the CLI's days: a year, a month,
 * a day or two days (both included), checked against the calendar; the default twelve months
 * end with today on the reader's calendar; days become instants at midnight in a zone.
 */
import { parseCommand } from '../../src/domain/command';
import { lastTwelveMonths, periodDaysOf, periodIn, validDay } from '../../src/domain/report-period';

describe('period words', () => {
  it('read a year, a month (leap years included), a day, or a first and a last day', () => {
    expect(periodDaysOf('2025')).toEqual({ first: '2025-01-01', last: '2025-12-31' });
    expect(periodDaysOf('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(periodDaysOf('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(periodDaysOf(' 2026-03-03 ')).toEqual({ first: '2026-03-03', last: '2026-03-03' });
    expect(periodDaysOf('2026-01-01   2026-03-31')).toEqual({ first: '2026-01-01', last: '2026-03-31' });
  });

  it('name no period for a day that is not on the calendar, a period that ends before it starts, or other words', () => {
    for (const words of ['2026-13', '2026-02-30', '2026-3-1', '2026-03-31 2026-01-01', 'last year', '2025 2026 2027', '', '2026-01-01 soon']) {
      expect({ words, days: periodDaysOf(words) }).toEqual({ words, days: undefined });
    }
    expect([validDay('2026-02-28'), validDay('2026-02-29'), validDay('2026-2-28')]).toEqual(['2026-02-28', undefined, undefined]);
  });

  it('are what the report command takes, and a mistake is refused naming the period and quoting what was typed', () => {
    expect(parseCommand('report')).toEqual({ ok: true, command: { name: 'report' } });
    expect(parseCommand('REPORT 2026-01-01 2026-03-31')).toEqual({ ok: true, command: { name: 'report', period: { first: '2026-01-01', last: '2026-03-31' } } });
    expect(parseCommand('report 2025')).toEqual({ ok: true, command: { name: 'report', period: { first: '2025-01-01', last: '2025-12-31' } } });
    expect(parseCommand('report last spring')).toEqual({ ok: false, field: 'period', problem: { key: 'command.period-invalid', typed: 'last spring' } });
  });
});

describe('the default period', () => {
  it('is the twelve months ending with today, today included, as the reader counts days', () => {
    expect(lastTwelveMonths(new Date('2026-03-03T08:00:00Z'), 'Europe/Zurich')).toEqual({ first: '2025-03-04', last: '2026-03-03' });
    // 23:30 UTC on 3 March is already 4 March in Geneva, still 3 March in New York.
    const lateEvening = new Date('2026-03-03T23:30:00Z');
    expect(lastTwelveMonths(lateEvening, 'Europe/Zurich')).toEqual({ first: '2025-03-05', last: '2026-03-04' });
    expect(lastTwelveMonths(lateEvening, 'America/New_York')).toEqual({ first: '2025-03-04', last: '2026-03-03' });
  });
});

describe('a period in a zone', () => {
  it('runs from the first day at midnight to the midnight after the last day, a short day when the clocks go forward', () => {
    const springForward = periodIn({ first: '2026-03-29', last: '2026-03-29' }, 'Europe/Zurich');
    expect([springForward.from.toISOString(), springForward.to.toISOString()]).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    const year = periodIn({ first: '2025-01-01', last: '2025-12-31' }, 'Asia/Singapore');
    expect([year.from.toISOString(), year.to.toISOString()]).toEqual(['2024-12-31T16:00:00.000Z', '2025-12-31T16:00:00.000Z']);
  });
});

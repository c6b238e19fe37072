/**
 * The record of who replied in time, computed from letters' facts alone with a simulated
 * "now": shares of replies within the 60-day period, medians, the period's edges (midnight
 * in the reader's zone, the deadline's last day in the mandate's), what is overdue now,
 * and an empty period.
 */
import { deadlineOf } from '../../src/domain/deadline';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { computeReport, letterFigures, medianDays, type ReportLetter, type ReportRules } from '../../src/domain/report';
import { periodIn } from '../../src/domain/report-period';

const ZURICH = 'Europe/Zurich';
const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const fact = (iso: string, by = 'someone') => ({ at: at(iso), by });

/** A letter between a mandate and a company with only the facts a test names. */
function letter(ref: string, previewed: string, facts: Partial<Record<'acknowledged' | 'formalSent' | 'replied' | 'withdrawn', string>> = {}, keys: { mandate?: string; company?: string } = {}): ReportLetter {
  const item: ReportLetter = { kind: 'letter', ref, mandateKey: keys.mandate ?? 'sr-expression', companyKey: keys.company ?? 'northwind', previewed: fact(previewed) };
  for (const [name, iso] of Object.entries(facts)) item[name as keyof typeof facts] = fact(iso);
  return item;
}

/** The first quarter of 2026 in Geneva, reported on 1 June 2026 unless a test moves the clock. */
function rules(now = '2026-06-01T08:00:00Z', zones: Record<string, string> = {}): ReportRules {
  return {
    period: periodIn({ first: '2026-01-01', last: '2026-03-31' }, ZURICH),
    now: at(now),
    responseWindowDays: DEFAULT_POLICY.responseWindowDays,
    zoneOf: (key) => zones[key] ?? ZURICH,
    flagClock: DEFAULT_POLICY,
  };
}

describe('median days', () => {
  it('is the middle value of an odd count and the mean of the two middle values of an even count, to one decimal', () => {
    expect(medianDays([3 * DAY, 1 * DAY, 2 * DAY])).toBe(2);
    expect(medianDays([1 * DAY, 2 * DAY, 4 * DAY, 10 * DAY])).toBe(3);
    expect(medianDays([0.25 * DAY, 0.5 * DAY])).toBe(0.4);
    expect(medianDays([36 * 3_600_000])).toBe(1.5);
  });

  it('is absent when there is nothing to measure', () => {
    expect(medianDays([])).toBeNull();
  });
});

describe('the share of replies within the reply period', () => {
  const sent = '2026-01-10T10:00:00Z';
  const deadline = deadlineOf(at(sent), ZURICH, 60);

  it('ends with the last day of the period in the mandate zone: a reply in its last second is in time, one a second later is late', () => {
    expect(deadline.toISOString()).toBe('2026-03-11T22:59:59.999Z');
    const lastSecond = letter('PL-2026-0001', '2026-01-05T09:00:00Z', { formalSent: sent, replied: '2026-03-11T22:59:59.000Z' });
    const late = letter('PL-2026-0002', '2026-01-05T09:00:00Z', { formalSent: sent, replied: '2026-03-11T23:00:00.000Z' });
    expect(letterFigures([lastSecond], rules())).toMatchObject({ replyDue: 1, repliedInTime: 1, inTimeShare: 1 });
    expect(letterFigures([late], rules())).toMatchObject({ replyDue: 1, repliedInTime: 0, inTimeShare: 0 });
  });

  it('counts replies in time among letters whose reply fell due, leaving out replies not yet due, unsent and withdrawn letters', () => {
    const letters = [
      letter('PL-2026-0001', '2026-01-05T09:00:00Z', { formalSent: sent, replied: '2026-02-01T09:00:00Z' }), // in time
      letter('PL-2026-0002', '2026-01-06T09:00:00Z', { formalSent: sent, replied: '2026-03-20T09:00:00Z' }), // late
      letter('PL-2026-0003', '2026-01-07T09:00:00Z', { formalSent: sent }), // overdue: due, not in time
      letter('PL-2026-0004', '2026-03-30T09:00:00Z', { formalSent: '2026-05-01T09:00:00Z' }), // deadline ahead: not due yet
      letter('PL-2026-0005', '2026-01-08T09:00:00Z', { formalSent: sent, withdrawn: '2026-02-01T09:00:00Z' }), // withdrawn: no reply expected
      letter('PL-2026-0006', '2026-01-09T09:00:00Z'), // no formal letter yet
    ];
    expect(letterFigures(letters, rules())).toMatchObject({ previewed: 6, withdrawn: 1, replyDue: 3, repliedInTime: 1, inTimeShare: 0.333, overdueNow: ['PL-2026-0003'] });
  });

  it('counts an early reply as due and in time even while its deadline is still ahead', () => {
    const early = letter('PL-2026-0001', '2026-03-30T09:00:00Z', { formalSent: '2026-05-01T09:00:00Z', replied: '2026-05-10T09:00:00Z' });
    expect(letterFigures([early], rules())).toMatchObject({ replyDue: 1, repliedInTime: 1, inTimeShare: 1 });
  });

  it('has no share at all when no reply has fallen due, rather than a misleading 0%', () => {
    const pending = letter('PL-2026-0001', '2026-03-30T09:00:00Z', { formalSent: '2026-05-01T09:00:00Z' });
    expect(letterFigures([pending], rules())).toMatchObject({ replyDue: 0, inTimeShare: null });
  });

  it('keeps each deadline in its own mandate zone', () => {
    // Sent 10 January at 10:00 UTC: Geneva's last day ends at 22:59:59 UTC on 11 March, Auckland's eleven hours sooner.
    const reply = '2026-03-11T12:00:00Z';
    const geneva = letter('PL-2026-0001', '2026-01-05T09:00:00Z', { formalSent: sent, replied: reply }, { mandate: 'geneva' });
    const auckland = letter('PL-2026-0002', '2026-01-05T09:00:00Z', { formalSent: sent, replied: reply }, { mandate: 'auckland' });
    const report = computeReport([geneva, auckland], rules(undefined, { auckland: 'Pacific/Auckland' }));
    expect(report.mandates.map((row) => [row.key, row.letters.repliedInTime])).toEqual([
      ['auckland', 0],
      ['geneva', 1],
    ]);
  });
});

describe('median days to acknowledge and to reply', () => {
  it('measures from the preview to the acknowledgement, and from the formal letter to the reply, for the letters that have them', () => {
    const letters = [
      letter('PL-2026-0001', '2026-01-05T09:00:00Z', { acknowledged: '2026-01-05T21:00:00Z', formalSent: '2026-01-10T09:00:00Z', replied: '2026-02-09T09:00:00Z' }),
      letter('PL-2026-0002', '2026-01-06T09:00:00Z', { acknowledged: '2026-01-08T09:00:00Z', formalSent: '2026-01-10T09:00:00Z', replied: '2026-03-01T09:00:00Z' }),
      letter('PL-2026-0003', '2026-01-07T09:00:00Z', { acknowledged: '2026-01-10T09:00:00Z' }),
      letter('PL-2026-0004', '2026-01-08T09:00:00Z'),
    ];
    expect(letterFigures(letters, rules())).toMatchObject({ acknowledged: 3, medianDaysToAcknowledge: 2, replied: 2, medianDaysToReply: 40 });
  });
});

describe('the period', () => {
  it('counts a letter previewed at the first midnight and leaves out one previewed at the midnight after the last day (Geneva time)', () => {
    const period = rules().period;
    expect([period.from.toISOString(), period.to.toISOString()]).toEqual(['2025-12-31T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    const letters = [
      letter('PL-2025-0099', '2025-12-31T22:59:59Z'),
      letter('PL-2026-0001', '2025-12-31T23:00:00Z'),
      letter('PL-2026-0050', '2026-03-31T21:59:59Z'),
      letter('PL-2026-0051', '2026-03-31T22:00:00Z'),
    ];
    const report = computeReport(letters, rules());
    expect(report.total.letters.previewed).toBe(2);
    expect(report.companies).toEqual([expect.objectContaining({ key: 'northwind', letters: expect.objectContaining({ previewed: 2 }) })]);
  });

  it('lists what is overdue now even when it was previewed before the period, without counting it among the period letters', () => {
    const old = letter('PL-2025-0040', '2025-09-01T09:00:00Z', { formalSent: '2025-09-10T09:00:00Z' }, { company: 'kestrel' });
    const repliedLate = letter('PL-2025-0041', '2025-09-01T09:00:00Z', { formalSent: '2025-09-10T09:00:00Z', replied: '2026-01-20T09:00:00Z' });
    const report = computeReport([old, repliedLate], rules());
    expect(report.total.letters).toMatchObject({ previewed: 0, replyDue: 0, inTimeShare: null, overdueNow: ['PL-2025-0040'] });
    expect(report.companies.map((row) => [row.key, row.letters.previewed, row.letters.overdueNow])).toEqual([['kestrel', 0, ['PL-2025-0040']]]);
  });

  it('sees a letter become overdue as the clock passes its deadline, and stop being overdue once replied', () => {
    const open = letter('PL-2026-0001', '2026-01-05T09:00:00Z', { formalSent: '2026-01-10T10:00:00Z' });
    expect(letterFigures([open], rules('2026-03-11T22:59:59Z'))).toMatchObject({ replyDue: 0, overdueNow: [] });
    expect(letterFigures([open], rules('2026-03-11T23:00:00Z'))).toMatchObject({ replyDue: 1, repliedInTime: 0, overdueNow: ['PL-2026-0001'] });
    const replied = { ...open, replied: fact('2026-03-20T09:00:00Z') };
    expect(letterFigures([replied], rules('2026-04-01T09:00:00Z'))).toMatchObject({ replyDue: 1, repliedInTime: 0, overdueNow: [] });
  });

  it('makes an empty report of an empty period: zero letters and flags, no share or median, no rows', () => {
    const outside = letter('PL-2025-0001', '2025-06-01T09:00:00Z', { formalSent: '2025-06-05T09:00:00Z', replied: '2025-07-01T09:00:00Z' });
    for (const items of [[], [outside]]) {
      const report = computeReport(items, rules());
      expect(report.total.letters).toEqual({
        previewed: 0,
        withdrawn: 0,
        acknowledged: 0,
        medianDaysToAcknowledge: null,
        replyDue: 0,
        repliedInTime: 0,
        inTimeShare: null,
        replied: 0,
        medianDaysToReply: null,
        overdueNow: [],
      });
      expect(report.total.flags).toEqual({
        raised: 0,
        acknowledged: 0,
        medianDaysToAcknowledge: null,
        acknowledgementDue: 0,
        acknowledgedInTime: 0,
        inTimeShare: null,
        awaitingNow: [],
      });
      expect([report.companies, report.mandates]).toEqual([[], []]);
    }
  });
});

describe('rows', () => {
  it('gives one row per company and one per mandate, in key order, each with its own figures, and a total over all of them', () => {
    const letters = [
      letter('PL-2026-0001', '2026-01-05T09:00:00Z', { formalSent: '2026-01-10T09:00:00Z', replied: '2026-02-01T09:00:00Z' }, { company: 'northwind', mandate: 'sr-privacy' }),
      letter('PL-2026-0002', '2026-01-06T09:00:00Z', { formalSent: '2026-01-10T09:00:00Z' }, { company: 'kestrel', mandate: 'sr-expression' }),
      letter('PL-2026-0003', '2026-01-07T09:00:00Z', {}, { company: 'northwind', mandate: 'sr-expression' }),
    ];
    const report = computeReport(letters, rules());
    expect(report.companies.map((r) => [r.key, r.letters.previewed, r.letters.inTimeShare, r.letters.overdueNow])).toEqual([
      ['kestrel', 1, 0, ['PL-2026-0002']],
      ['northwind', 2, 1, []],
    ]);
    expect(report.mandates.map((r) => [r.key, r.letters.previewed])).toEqual([
      ['sr-expression', 2],
      ['sr-privacy', 1],
    ]);
    expect(report.total.letters).toMatchObject({ previewed: 3, replyDue: 2, repliedInTime: 1, inTimeShare: 0.5 });
    expect(report).toMatchObject({ responseWindowDays: 60, now: at('2026-06-01T08:00:00Z') });
  });

  it('lists overdue references oldest first, by year and number', () => {
    const overdue = (ref: string) => letter(ref, '2026-01-05T09:00:00Z', { formalSent: '2026-01-10T09:00:00Z' });
    const figures = letterFigures(['PL-2026-0010', 'PL-2025-0900', 'PL-2026-0002', 'PL-2026-10000'].map(overdue), rules());
    expect(figures.overdueNow).toEqual(['PL-2025-0900', 'PL-2026-0002', 'PL-2026-0010', 'PL-2026-10000']);
  });
});

/**
 * Flags in the record, from their facts alone with a simulated "now": acknowledged in time
 * means no later than the moment the flag clocks tell the admins (business days, or hours when
 * urgent), the share among flags whose acknowledgement fell due, the median, what awaits an
 * acknowledgement now, and the rows a flag counts in (its company, each mandate it went to).
 */
import type { Flag } from '../../src/domain/flag';
import { flagEscalationAt, planFlagDeliveries } from '../../src/domain/flag-schedule';
import { DEFAULT_POLICY, type ClockPolicy } from '../../src/domain/policy';
import { computeReport, type ReportFlag, type ReportItem, type ReportLetter, type ReportRules } from '../../src/domain/report';
import { flagFigures } from '../../src/domain/report-flags';
import { periodIn } from '../../src/domain/report-period';

const at = (iso: string) => new Date(iso);

/** A flag from Northwind to sr-expression with only the facts a test names. */
function flag(ref: string, raised: string, options: { acknowledged?: string; urgent?: boolean; company?: string; mandates?: string[] } = {}): ReportFlag {
  const mandateKeys = options.mandates ?? ['sr-expression'];
  const item: ReportFlag = {
    kind: 'flag',
    ref,
    companyKey: options.company ?? 'northwind',
    mandateKeys,
    toAdmins: mandateKeys.length === 0,
    urgent: options.urgent ?? false,
    raised: { at: at(raised), by: 'ana' },
  };
  if (options.acknowledged) item.acknowledged = { at: at(options.acknowledged), by: 'mara', mandateKey: mandateKeys[0] ?? 'admins' };
  return item;
}

/** March 2026 in Geneva, reported on 1 June 2026 unless a test moves the clock. */
function rules(now = '2026-06-01T08:00:00Z', policy: ClockPolicy = DEFAULT_POLICY): ReportRules {
  return {
    period: periodIn({ first: '2026-03-01', last: '2026-03-31' }, 'Europe/Zurich'),
    now: at(now),
    responseWindowDays: policy.responseWindowDays,
    zoneOf: () => 'Europe/Zurich',
    flagClock: policy,
  };
}

// Tuesday 3 March 2026, 09:00 in Geneva: the admins are told five business days later, Tuesday 10 March at 09:00.
const RAISED = '2026-03-03T08:00:00Z';
const ADMINS_TOLD = '2026-03-10T08:00:00.000Z';

describe('flags acknowledged in time', () => {
  it('are those acknowledged no later than the moment the admins are told, five business days after it was raised', () => {
    const onTheMark = flag('FL-2026-0001', RAISED, { acknowledged: ADMINS_TOLD });
    expect(flagFigures([onTheMark], rules())).toMatchObject({ raised: 1, acknowledged: 1, acknowledgementDue: 1, acknowledgedInTime: 1, inTimeShare: 1 });
  });

  it('leave out a flag acknowledged after the admins were told, even a second after', () => {
    const late = flag('FL-2026-0001', RAISED, { acknowledged: '2026-03-10T08:00:01Z' });
    expect(flagFigures([late], rules())).toMatchObject({ acknowledged: 1, acknowledgementDue: 1, acknowledgedInTime: 0, inTimeShare: 0 });
  });

  it('are measured against the very moment the flag clocks tell the admins', () => {
    const raised = flag('FL-2026-0001', RAISED);
    const scheduled = planFlagDeliveries({ ...raised, topics: [], summary: '', routing: { mandateKeys: raised.mandateKeys, toAdmins: false, matchedTopics: [] }, threads: [] } satisfies Flag, { policy: DEFAULT_POLICY, mandates: new Map(), adminKeys: ['root'] }, at('2026-04-01T00:00:00Z'));
    const escalation = scheduled.find((d) => d.kind === 'flag-escalation')!;
    expect(escalation.dueAt.toISOString()).toBe(ADMINS_TOLD);
    expect(flagEscalationAt(raised, DEFAULT_POLICY)).toEqual(escalation.dueAt);
  });

  it('count an urgent flag in elapsed hours, weekends included: eight hours after a Friday evening is Saturday morning', () => {
    const friday = '2026-03-06T21:00:00Z';
    const inTime = flag('FL-2026-0001', friday, { urgent: true, acknowledged: '2026-03-07T05:00:00Z' });
    const late = flag('FL-2026-0002', friday, { urgent: true, acknowledged: '2026-03-07T05:00:01Z' });
    expect(flagFigures([inTime, late], rules())).toMatchObject({ acknowledgementDue: 2, acknowledgedInTime: 1, inTimeShare: 0.5 });
  });

  it('follow the flag clocks the report is given, set apart from the letters’ clocks', () => {
    const policy = { ...DEFAULT_POLICY, flag: { ...DEFAULT_POLICY.flag, normal: { ...DEFAULT_POLICY.flag.normal, escalateAdminsAfterBusinessDays: 1 } } };
    const nextDay = flag('FL-2026-0001', RAISED, { acknowledged: '2026-03-05T08:00:00Z' });
    expect(flagFigures([nextDay], rules(undefined, DEFAULT_POLICY)).acknowledgedInTime).toBe(1);
    expect(flagFigures([nextDay], rules(undefined, policy)).acknowledgedInTime).toBe(0);
  });
});

describe('the share of flags acknowledged in time', () => {
  it('is among the flags whose acknowledgement fell due, leaving out those still within their time, and is absent rather than 0% when none fell due', () => {
    const flags = [
      flag('FL-2026-0001', RAISED, { acknowledged: '2026-03-04T08:00:00Z' }), // in time
      flag('FL-2026-0002', RAISED, { acknowledged: '2026-03-12T08:00:00Z' }), // late
      flag('FL-2026-0003', RAISED), // unacknowledged, admins told: due, not in time
      flag('FL-2026-0004', '2026-03-30T08:00:00Z'), // raised on Monday 30 March: within its time on 2 April
    ];
    expect(flagFigures(flags, rules('2026-04-02T08:00:00Z'))).toMatchObject({ raised: 4, acknowledged: 2, acknowledgementDue: 3, acknowledgedInTime: 1, inTimeShare: 0.333 });
    expect(flagFigures([flags[3]!], rules('2026-04-02T08:00:00Z'))).toMatchObject({ raised: 1, acknowledgementDue: 0, inTimeShare: null });
  });

  it('measures the median days from raising to acknowledgement among the flags acknowledged', () => {
    const flags = [
      flag('FL-2026-0001', RAISED, { acknowledged: '2026-03-03T20:00:00Z' }), // half a day
      flag('FL-2026-0002', RAISED, { acknowledged: '2026-03-05T08:00:00Z' }), // two days
      flag('FL-2026-0003', RAISED, { acknowledged: '2026-03-13T08:00:00Z' }), // ten days
      flag('FL-2026-0004', RAISED),
    ];
    expect(flagFigures(flags, rules())).toMatchObject({ acknowledged: 3, medianDaysToAcknowledge: 2 });
  });
});

describe('flags awaiting acknowledgement now', () => {
  it('lists flags still unacknowledged past their escalation as awaiting now, whenever they were raised, oldest first', () => {
    const flags = [
      flag('FL-2026-0010', RAISED),
      flag('FL-2025-0099', '2025-11-03T08:00:00Z'), // before the period
      flag('FL-2026-0002', RAISED, { acknowledged: '2026-03-20T08:00:00Z' }), // acknowledged late: no longer awaiting
    ];
    const report = computeReport(flags, rules());
    expect(report.total.flags).toMatchObject({ raised: 2, awaitingNow: ['FL-2025-0099', 'FL-2026-0010'] });
  });

  it('sees a flag start awaiting once the admins’ moment has passed, and stop once acknowledged', () => {
    const open = flag('FL-2026-0001', RAISED);
    expect(flagFigures([open], rules(ADMINS_TOLD))).toMatchObject({ acknowledgementDue: 0, awaitingNow: [] });
    expect(flagFigures([open], rules('2026-03-10T08:00:01Z'))).toMatchObject({ acknowledgementDue: 1, acknowledgedInTime: 0, awaitingNow: ['FL-2026-0001'] });
    const acknowledged = flag('FL-2026-0001', RAISED, { acknowledged: '2026-03-11T08:00:00Z' });
    expect(flagFigures([acknowledged], rules())).toMatchObject({ awaitingNow: [] });
  });

  it('keeps a flag raised before the period out of the counts, and out of the report once acknowledged', () => {
    const old = flag('FL-2025-0001', '2025-11-03T08:00:00Z', { company: 'kestrel' });
    const oldAcknowledged = flag('FL-2025-0002', '2025-11-03T08:00:00Z', { acknowledged: '2025-11-04T08:00:00Z' });
    const report = computeReport([old, oldAcknowledged], rules());
    expect(report.companies.map((row) => [row.key, row.flags.raised, row.flags.awaitingNow])).toEqual([['kestrel', 0, ['FL-2025-0001']]]);
  });
});

describe('the rows a flag counts in', () => {
  it("counts a flag in its company's row and in each mandate it went to, once in the total", () => {
    const both = flag('FL-2026-0001', RAISED, { acknowledged: '2026-03-04T08:00:00Z', mandates: ['sr-expression', 'sr-privacy'] });
    const report = computeReport([both], rules());
    expect(report.total.flags).toMatchObject({ raised: 1, acknowledgedInTime: 1 });
    expect(report.companies.map((row) => [row.key, row.flags.raised])).toEqual([['northwind', 1]]);
    expect(report.mandates.map((row) => [row.key, row.flags.raised, row.flags.acknowledgedInTime])).toEqual([
      ['sr-expression', 1, 1],
      ['sr-privacy', 1, 1],
    ]);
  });

  it("counts a flag that went to the admins only in the total and its company's row, in no mandate's", () => {
    const toAdmins = flag('FL-2026-0001', RAISED, { mandates: [], company: 'kestrel' });
    const report = computeReport([toAdmins], rules());
    expect(report.total.flags).toMatchObject({ raised: 1, awaitingNow: ['FL-2026-0001'] });
    expect(report.companies.map((row) => [row.key, row.flags.raised])).toEqual([['kestrel', 1]]);
    expect(report.mandates).toEqual([]);
  });

  it('keeps letters and flags apart in every row: a company with flags only has no letters, and the letters’ figures are as before', () => {
    const letter: ReportLetter = { kind: 'letter', ref: 'PL-2026-0001', mandateKey: 'sr-expression', companyKey: 'northwind', previewed: { at: at(RAISED), by: 'mara' } };
    const items: ReportItem[] = [letter, flag('FL-2026-0001', RAISED, { company: 'kestrel' }), flag('FL-2026-0002', RAISED)];
    const report = computeReport(items, rules());
    expect(report.companies.map((row) => [row.key, row.letters.previewed, row.flags.raised])).toEqual([
      ['kestrel', 0, 1],
      ['northwind', 1, 1],
    ]);
    expect(report.mandates.map((row) => [row.key, row.letters.previewed, row.flags.raised])).toEqual([['sr-expression', 1, 2]]);
    expect(report.total.letters).toMatchObject({ previewed: 1, replyDue: 0, overdueNow: [] });
  });

  it('tells the views when the admins are told, so they can say what "in time" means', () => {
    expect(computeReport([], rules()).flagEscalation).toEqual({ businessDays: 5, urgentHours: 8 });
  });
});

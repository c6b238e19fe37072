/**
 * Calls for input in the record, from their facts alone with a simulated "now": a company
 * answers in time when its first answer comes no later than the deadline, the share among the
 * answers that fell due (a call closed early asks nothing more), the median days to answer,
 * where companies stand by their latest answer, what misses an answer now, and the rows a call
 * counts in (its mandate's with every company, each company's with its own answer only).
 */
import { callDeadline, type CallAnswer, type CallForInput } from '../../src/domain/call';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { computeReport, type ReportCall, type ReportFlag, type ReportItem, type ReportLetter, type ReportRules } from '../../src/domain/report';
import { callFigures, reportCallOf } from '../../src/domain/report-calls';
import { periodIn } from '../../src/domain/report-period';

const at = (iso: string) => new Date(iso);
const ZURICH = 'Europe/Zurich';

/** What one company said: its first answer and, when it changed it, its latest. */
type Said = { first?: [CallAnswer, string]; latest?: [CallAnswer, string] };

/** A call of sr-expression with only the facts a test names; `deadline` is a day, ending at midnight in Geneva. */
function call(ref: string, published: string, deadline: string, companies: Record<string, Said>, options: { mandate?: string; closed?: string } = {}): ReportCall {
  const answer = (said?: [CallAnswer, string]) => (said ? { answer: said[0], at: at(said[1]) } : undefined);
  const item: ReportCall = {
    kind: 'call',
    ref,
    mandateKey: options.mandate ?? 'sr-expression',
    deadline: callDeadline(deadline as `${number}-${number}-${number}`, ZURICH),
    published: { at: at(published), by: 'mara' },
    recipients: Object.entries(companies).map(([companyKey, said]) => {
      const first = answer(said.first);
      const latest = answer(said.latest ?? said.first);
      return { companyKey, ...(first ? { first } : {}), ...(latest ? { latest } : {}) };
    }),
  };
  if (options.closed) item.closed = { at: at(options.closed), by: 'mara' };
  return item;
}

/** The first quarter of 2026 in Geneva, reported on 1 June 2026 unless a test moves the clock. */
function rules(now = '2026-06-01T08:00:00Z'): ReportRules {
  return {
    period: periodIn({ first: '2026-01-01', last: '2026-03-31' }, ZURICH),
    now: at(now),
    responseWindowDays: DEFAULT_POLICY.responseWindowDays,
    zoneOf: () => ZURICH,
    flagClock: DEFAULT_POLICY,
  };
}

// Published on Monday 2 February 2026 at 10:00 in Geneva, due by the end of Sunday 1 March there (22:59:59.999 UTC).
const PUBLISHED = '2026-02-02T09:00:00Z';
const DEADLINE_DAY = '2026-03-01';
const LAST_MOMENT = '2026-03-01T22:59:59.999Z';

describe('companies answering a call in time', () => {
  it('are those whose first answer came by the end of the deadline day in the mandate’s zone, even when they changed it later', () => {
    const onTheDot = call('CI-2026-0001', PUBLISHED, DEADLINE_DAY, {
      northwind: { first: ['contribute', LAST_MOMENT], latest: ['submitted', '2026-03-20T09:00:00Z'] },
      kestrel: { first: ['submitted', '2026-03-01T23:00:00Z'] },
    });
    expect(onTheDot.deadline.toISOString()).toBe(LAST_MOMENT);
    expect(callFigures([onTheDot], rules())).toMatchObject({ published: 1, companiesAsked: 2, answered: 2, answerDue: 2, answeredInTime: 1, inTimeShare: 0.5 });
  });

  it('count any first answer, declining included, and tell where companies stand by their latest answer', () => {
    const answers = call('CI-2026-0001', PUBLISHED, DEADLINE_DAY, {
      northwind: { first: ['contribute', '2026-02-03T09:00:00Z'], latest: ['submitted', '2026-02-20T09:00:00Z'] },
      kestrel: { first: ['declined', '2026-02-04T09:00:00Z'] },
      initech: { first: ['contribute', '2026-02-05T09:00:00Z'] },
      acme: {},
    });
    expect(callFigures([answers], rules())).toMatchObject({ companiesAsked: 4, answered: 3, answeredInTime: 3, answerDue: 4, willContribute: 1, submitted: 1, declined: 1 });
  });
});

describe('the share of companies answering in time', () => {
  it('is among the answers that fell due, leaving out companies whose deadline is ahead, and is absent rather than 0% when none fell due', () => {
    const calls = [
      call('CI-2026-0001', PUBLISHED, DEADLINE_DAY, { northwind: { first: ['submitted', '2026-02-10T09:00:00Z'] }, kestrel: {} }),
      call('CI-2026-0002', '2026-03-20T09:00:00Z', '2026-04-30', { northwind: { first: ['contribute', '2026-03-21T09:00:00Z'] }, kestrel: {} }),
    ];
    // On 2 April: the first call's deadline has passed (Kestrel is due and missing); the second's has not (only Northwind's answer is due).
    expect(callFigures(calls, rules('2026-04-02T08:00:00Z'))).toMatchObject({ companiesAsked: 4, answered: 2, answerDue: 3, answeredInTime: 2, inTimeShare: 0.667 });
    expect(callFigures([calls[1]!], rules('2026-04-02T08:00:00Z'))).toMatchObject({ answerDue: 1, inTimeShare: 1 });
    const unanswered = call('CI-2026-0003', '2026-03-20T09:00:00Z', '2026-04-30', { kestrel: {} });
    expect(callFigures([unanswered], rules('2026-04-02T08:00:00Z'))).toMatchObject({ answerDue: 0, inTimeShare: null });
  });

  it('leaves out the companies a call closed before its deadline no longer asks, but keeps those already late when it was closed', () => {
    const closedEarly = call('CI-2026-0001', PUBLISHED, DEADLINE_DAY, { northwind: { first: ['submitted', '2026-02-10T09:00:00Z'] }, kestrel: {} }, { closed: '2026-02-20T09:00:00Z' });
    expect(callFigures([closedEarly], rules())).toMatchObject({ companiesAsked: 2, answerDue: 1, answeredInTime: 1, inTimeShare: 1, unansweredNow: [] });
    const closedLate = call('CI-2026-0002', PUBLISHED, DEADLINE_DAY, { kestrel: {} }, { closed: '2026-03-10T09:00:00Z' });
    expect(callFigures([closedLate], rules())).toMatchObject({ answerDue: 1, answeredInTime: 0, inTimeShare: 0, unansweredNow: [] });
  });

  it('measures the median days from publication to each company’s first answer, among those that answered', () => {
    const answers = call('CI-2026-0001', PUBLISHED, DEADLINE_DAY, {
      northwind: { first: ['contribute', '2026-02-02T21:00:00Z'], latest: ['submitted', '2026-02-27T09:00:00Z'] }, // half a day
      kestrel: { first: ['declined', '2026-02-04T09:00:00Z'] }, // two days
      initech: { first: ['submitted', '2026-03-06T09:00:00Z'] }, // 32 days, late
      acme: {},
    });
    expect(callFigures([answers], rules())).toMatchObject({ answered: 3, medianDaysToAnswer: 2 });
    expect(callFigures([], rules())).toMatchObject({ published: 0, companiesAsked: 0, medianDaysToAnswer: null, inTimeShare: null, unansweredNow: [] });
  });
});

describe('calls unanswered now', () => {
  it('lists calls past their deadline with a company’s answer missing, whenever they were published, oldest first; closed ones left out', () => {
    const calls = [
      call('CI-2026-0002', PUBLISHED, DEADLINE_DAY, { northwind: {} }),
      call('CI-2025-0009', '2025-10-01T09:00:00Z', '2025-11-15', { kestrel: {} }), // before the period
      call('CI-2025-0010', '2025-10-01T09:00:00Z', '2025-11-15', { kestrel: {} }, { closed: '2025-12-01T09:00:00Z' }),
      call('CI-2026-0001', PUBLISHED, DEADLINE_DAY, { northwind: { first: ['declined', '2026-03-05T09:00:00Z'] } }), // answered late: not missing
    ];
    const report = computeReport(calls, rules());
    expect(report.total.calls).toMatchObject({ published: 2, unansweredNow: ['CI-2025-0009', 'CI-2026-0002'] });
  });

  it('sees a call start missing an answer the moment after its deadline, and stop once the company answered', () => {
    const open = call('CI-2026-0001', PUBLISHED, DEADLINE_DAY, { northwind: {} });
    expect(callFigures([open], rules(LAST_MOMENT))).toMatchObject({ answerDue: 0, unansweredNow: [] });
    expect(callFigures([open], rules('2026-03-01T23:00:00Z'))).toMatchObject({ answerDue: 1, answeredInTime: 0, unansweredNow: ['CI-2026-0001'] });
    const answered = call('CI-2026-0001', PUBLISHED, DEADLINE_DAY, { northwind: { first: ['submitted', '2026-03-04T09:00:00Z'] } });
    expect(callFigures([answered], rules())).toMatchObject({ unansweredNow: [] });
  });
});

describe('the rows a call counts in', () => {
  const threeCompanies = call('CI-2026-0001', PUBLISHED, DEADLINE_DAY, {
    northwind: { first: ['submitted', '2026-02-10T09:00:00Z'] },
    kestrel: { first: ['declined', '2026-03-05T09:00:00Z'] },
    initech: {},
  });

  it("counts a call once in its mandate's row and the total with every company, and in each company's row with that company's answer only", () => {
    const report = computeReport([threeCompanies], rules());
    for (const figures of [report.total.calls, report.mandates[0]!.calls]) {
      expect(figures).toMatchObject({ published: 1, companiesAsked: 3, answered: 2, answerDue: 3, answeredInTime: 1, submitted: 1, declined: 1, unansweredNow: ['CI-2026-0001'] });
    }
    expect(report.mandates.map((row) => row.key)).toEqual(['sr-expression']);
    expect(report.companies.map((row) => [row.key, row.calls.published, row.calls.companiesAsked, row.calls.answeredInTime, row.calls.declined, row.calls.unansweredNow])).toEqual([
      ['initech', 1, 1, 0, 0, ['CI-2026-0001']],
      ['kestrel', 1, 1, 0, 1, []],
      ['northwind', 1, 1, 1, 0, []],
    ]);
  });

  it("leaves an older call out of the rows of the companies that answered it, while another company's missing answer keeps it in its mandate's row", () => {
    const older = call('CI-2025-0003', '2025-10-01T09:00:00Z', '2025-11-15', { northwind: { first: ['submitted', '2025-10-10T09:00:00Z'] }, kestrel: {} }, { mandate: 'sr-privacy' });
    const report = computeReport([older], rules());
    expect(report.companies.map((row) => [row.key, row.calls.published, row.calls.unansweredNow])).toEqual([['kestrel', 0, ['CI-2025-0003']]]);
    expect(report.mandates.map((row) => [row.key, row.calls.published, row.calls.unansweredNow])).toEqual([['sr-privacy', 0, ['CI-2025-0003']]]);
  });

  it('keeps letters, flags and calls apart in every row: a company with calls only has no letters or flags, and theirs are as before', () => {
    const letter: ReportLetter = { kind: 'letter', ref: 'PL-2026-0001', mandateKey: 'sr-expression', companyKey: 'northwind', previewed: { at: at(PUBLISHED), by: 'mara' } };
    const flag: ReportFlag = { kind: 'flag', ref: 'FL-2026-0001', companyKey: 'northwind', mandateKeys: ['sr-expression'], toAdmins: false, urgent: false, raised: { at: at(PUBLISHED), by: 'ana' } };
    const items: ReportItem[] = [letter, flag, threeCompanies];
    const report = computeReport(items, rules());
    expect(report.companies.map((row) => [row.key, row.letters.previewed, row.flags.raised, row.calls.published])).toEqual([
      ['initech', 0, 0, 1],
      ['kestrel', 0, 0, 1],
      ['northwind', 1, 1, 1],
    ]);
    expect(report.total.letters).toMatchObject({ previewed: 1, overdueNow: [] });
    expect(report.total.flags).toMatchObject({ raised: 1, awaitingNow: ['FL-2026-0001'] });
  });
});

describe('a call as a report reads it', () => {
  it("takes each company's first answer from the history and its latest from the answers, never its title, link, topics or who answered", () => {
    const full: CallForInput = {
      ref: 'CI-2026-0001',
      mandateKey: 'sr-expression',
      title: 'Secret title',
      link: 'https://example.org/call',
      topics: ['privacy'],
      deadline: at(LAST_MOMENT),
      published: { at: at(PUBLISHED), by: 'mara' },
      recipients: [
        { companyKey: 'northwind', owners: ['ana'], matchedTopics: ['privacy'] },
        { companyKey: 'kestrel', owners: ['kai'], matchedTopics: ['privacy'] },
      ],
      answers: { northwind: { answer: 'submitted', at: at('2026-02-20T09:00:00Z'), by: 'ana' } },
      history: [
        { companyKey: 'northwind', answer: 'contribute', at: at('2026-02-03T09:00:00Z'), by: 'ana' },
        { companyKey: 'northwind', answer: 'submitted', at: at('2026-02-20T09:00:00Z'), by: 'ana' },
      ],
      closed: { at: at('2026-03-10T09:00:00Z'), by: 'mara' },
    };
    expect(reportCallOf(full)).toEqual({
      kind: 'call',
      ref: 'CI-2026-0001',
      mandateKey: 'sr-expression',
      deadline: at(LAST_MOMENT),
      published: { at: at(PUBLISHED), by: 'mara' },
      closed: { at: at('2026-03-10T09:00:00Z'), by: 'mara' },
      recipients: [
        { companyKey: 'northwind', first: { answer: 'contribute', at: at('2026-02-03T09:00:00Z') }, latest: { answer: 'submitted', at: at('2026-02-20T09:00:00Z') } },
        { companyKey: 'kestrel' },
      ],
    });
  });
});

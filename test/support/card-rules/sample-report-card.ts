/**
 * The report card at its fullest, for the card-rules tests (sample-cards.ts): more rows than a
 * card shows, every row with letters, flags and calls for input, and dozens of references
 * overdue, awaiting and unanswered, named as the caller says (at the directory's limits).
 */
import type { Voice } from '../../../src/bot/messages/catalogue';
import type { NeutralCard } from '../../../src/bot/ports';
import { CARD_ROWS, reportCard, type ReportNames } from '../../../src/bot/views/report-card';
import { DEFAULT_POLICY } from '../../../src/domain/policy';
import { computeReport, type ReportCall, type ReportFlag, type ReportLetter } from '../../../src/domain/report';
import { periodIn } from '../../../src/domain/report-period';

const COMPANIES = CARD_ROWS + 5;
const ref = (series: string, i: number) => `${series}-2025-${String(i + 1).padStart(4, '0')}`;

/** Why: a report card past its row cap: every row carries all three sentences, and the card names dozens overdue, awaiting and unanswered. */
export function fullReportCard(v: Voice, names: ReportNames): NeutralCard {
  const days = { first: '2025-04-01', last: '2026-03-31' };
  const letters: ReportLetter[] = Array.from({ length: 90 }, (_, i) => ({
    kind: 'letter',
    ref: ref('PL', i),
    mandateKey: `mandate-${i % 3}`,
    companyKey: `company-${i % COMPANIES}`,
    previewed: { at: new Date(Date.UTC(2025, 4, 1 + i)), by: 'alice' },
    formalSent: { at: new Date(Date.UTC(2025, 4, 2 + i)), by: 'alice' },
    ...(i % 3 === 0 ? { replied: { at: new Date(Date.UTC(2025, 5, 20 + i)), by: 'alice' } } : {}),
  }));
  // Flags to two mandates each, most never acknowledged.
  const flags: ReportFlag[] = Array.from({ length: 60 }, (_, i) => ({
    kind: 'flag',
    ref: ref('FL', i),
    companyKey: `company-${i % COMPANIES}`,
    mandateKeys: [`mandate-${i % 3}`, `mandate-${(i + 1) % 3}`],
    toAdmins: false,
    urgent: i % 4 === 0,
    raised: { at: new Date(Date.UTC(2025, 5, 1 + i)), by: 'ana' },
    ...(i % 5 === 0 ? { acknowledged: { at: new Date(Date.UTC(2025, 5, 3 + i)), by: 'mara', mandateKey: `mandate-${i % 3}` } } : {}),
  }));
  // Calls to every company, past their deadlines, one company in four answering: every call misses answers.
  const calls: ReportCall[] = Array.from({ length: 40 }, (_, i) => ({
    kind: 'call',
    ref: ref('CI', i),
    mandateKey: `mandate-${i % 3}`,
    deadline: new Date(Date.UTC(2025, 7, 1 + i)),
    published: { at: new Date(Date.UTC(2025, 6, 1 + i)), by: 'mara' },
    recipients: Array.from({ length: COMPANIES }, (_, c) => {
      const answered = (c + i) % 4 === 0 ? { answer: (['contribute', 'submitted', 'declined'] as const)[c % 3], at: new Date(Date.UTC(2025, 6, 3 + i)) } : undefined;
      return { companyKey: `company-${c}`, ...(answered ? { first: answered, latest: answered } : {}) };
    }),
  }));
  const rules = { period: periodIn(days, 'Europe/Zurich'), now: new Date('2026-04-01T09:00:00Z'), responseWindowDays: 60, zoneOf: () => 'Europe/Zurich', flagClock: DEFAULT_POLICY };
  const report = computeReport([...letters, ...flags, ...calls], rules);
  return reportCard({ report, days, names, voice: v });
}

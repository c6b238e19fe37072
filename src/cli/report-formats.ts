/**
 * The report as data files: CSV (one row for the total, then one per company and one per
 * mandate, for a spreadsheet) and JSON (the same figures, structured, for other programs).
 * Column and field names are stable identifiers, in English whatever the page's language;
 * a new kind's columns are appended after the last, so a spreadsheet's columns never move.
 */
import type { CallFigures, FlagFigures, LetterFigures, Report, ReportFigures, ReportRow } from '../domain/report';
import type { PeriodDays } from '../domain/report-period';
import type { ReportNames } from '../bot/views/report-card';

/** Why: what both files say about the report besides its rows: the days it covers, where those days begin, when it was made. */
export interface ReportMeta {
  days: PeriodDays;
  /** The zone whose midnights bound the period. */
  zone: string;
}

/** The CSV columns, in order; a spreadsheet's header row. */
export const CSV_COLUMNS = [
  'dimension',
  'key',
  'name',
  'letters_previewed',
  'withdrawn',
  'acknowledged',
  'median_days_to_acknowledge',
  'replies_due',
  'replied_in_time',
  'share_replied_in_time',
  'replied',
  'median_days_to_reply',
  'overdue_now',
  'overdue_refs',
  'flags_raised',
  'flags_acknowledged',
  'median_days_to_acknowledge_flag',
  'flags_acknowledgement_due',
  'flags_acknowledged_in_time',
  'share_flags_acknowledged_in_time',
  'flags_awaiting_now',
  'flags_awaiting_refs',
  'calls_published',
  'calls_companies_asked',
  'calls_answered',
  'median_days_to_answer_call',
  'calls_answer_due',
  'calls_answered_in_time',
  'share_calls_answered_in_time',
  'calls_will_contribute',
  'calls_submitted',
  'calls_declined',
  'calls_unanswered_now',
  'calls_unanswered_refs',
] as const;

/**
 * Why: one CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a text that
 * a spreadsheet would run as a formula (= + - @ first) is prefixed with an apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function letterValues(f: LetterFigures): Array<string | number | null> {
  return [
    f.previewed,
    f.withdrawn,
    f.acknowledged,
    f.medianDaysToAcknowledge,
    f.replyDue,
    f.repliedInTime,
    f.inTimeShare,
    f.replied,
    f.medianDaysToReply,
    f.overdueNow.length,
    f.overdueNow.join(' '),
  ];
}

function flagValues(f: FlagFigures): Array<string | number | null> {
  return [
    f.raised,
    f.acknowledged,
    f.medianDaysToAcknowledge,
    f.acknowledgementDue,
    f.acknowledgedInTime,
    f.inTimeShare,
    f.awaitingNow.length,
    f.awaitingNow.join(' '),
  ];
}

function callValues(f: CallFigures): Array<string | number | null> {
  return [
    f.published,
    f.companiesAsked,
    f.answered,
    f.medianDaysToAnswer,
    f.answerDue,
    f.answeredInTime,
    f.inTimeShare,
    f.willContribute,
    f.submitted,
    f.declined,
    f.unansweredNow.length,
    f.unansweredNow.join(' '),
  ];
}

function csvLine(dimension: string, key: string, name: string, f: ReportFigures): string {
  return [dimension, key, name, ...letterValues(f.letters), ...flagValues(f.flags), ...callValues(f.calls)].map(csvField).join(',');
}

/** Why: the report as CSV, header first, CRLF line ends as RFC 4180 has them; the total row has no key or name. */
export function reportCsv(report: Report, names: ReportNames): string {
  const rows = (dimension: string, list: ReportRow[], nameOf: (key: string) => string) => list.map((row) => csvLine(dimension, row.key, nameOf(row.key), row));
  const lines = [
    CSV_COLUMNS.join(','),
    csvLine('total', '', '', report.total),
    ...rows('company', report.companies, names.company),
    ...rows('mandate', report.mandates, names.mandate),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Why: the report as one JSON document: the period in days and instants, the flag clocks' mark, then the same figures as the CSV. */
export function reportJson(report: Report, names: ReportNames, meta: ReportMeta): string {
  const row = (nameOf: (key: string) => string) => (r: ReportRow) => ({ key: r.key, name: nameOf(r.key), letters: r.letters, flags: r.flags, calls: r.calls });
  const document = {
    period: { first: meta.days.first, last: meta.days.last, timeZone: meta.zone, from: report.period.from.toISOString(), to: report.period.to.toISOString() },
    madeAt: report.now.toISOString(),
    responseWindowDays: report.responseWindowDays,
    flagEscalation: report.flagEscalation,
    total: { letters: report.total.letters, flags: report.total.flags, calls: report.total.calls },
    companies: report.companies.map(row(names.company)),
    mandates: report.mandates.map(row(names.mandate)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The report as data files: CSV (one row for the total, then one per company and one per
 * mandate, for a spreadsheet) and JSON (the same figures, structured, for other programs).
 * Column and field names are stable identifiers, in English whatever the page's language.
 */
import type { LetterFigures, Report, ReportRow } from '../domain/report';
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

function csvLine(dimension: string, key: string, name: string, f: LetterFigures): string {
  const values: Array<string | number | null> = [
    dimension,
    key,
    name,
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
  return values.map(csvField).join(',');
}

/** Why: the report as CSV, header first, CRLF line ends as RFC 4180 has them; the total row has no key or name. */
export function reportCsv(report: Report, names: ReportNames): string {
  const rows = (dimension: string, list: ReportRow[], nameOf: (key: string) => string) => list.map((row) => csvLine(dimension, row.key, nameOf(row.key), row.letters));
  const lines = [
    CSV_COLUMNS.join(','),
    csvLine('total', '', '', report.total.letters),
    ...rows('company', report.companies, names.company),
    ...rows('mandate', report.mandates, names.mandate),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Why: the report as one JSON document: the period in days and instants, then the same figures as the CSV. */
export function reportJson(report: Report, names: ReportNames, meta: ReportMeta): string {
  const row = (nameOf: (key: string) => string) => (r: ReportRow) => ({ key: r.key, name: nameOf(r.key), letters: r.letters });
  const document = {
    period: { first: meta.days.first, last: meta.days.last, timeZone: meta.zone, from: report.period.from.toISOString(), to: report.period.to.toISOString() },
    madeAt: report.now.toISOString(),
    responseWindowDays: report.responseWindowDays,
    total: report.total,
    companies: report.companies.map(row(names.company)),
    mandates: report.mandates.map(row(names.mandate)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

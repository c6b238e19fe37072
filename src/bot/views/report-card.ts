import type { PeriodDays } from '../../domain/report-period';
import type { LetterFigures, Report, ReportRow } from '../../domain/report';
import type { Voice } from '../messages/catalogue';
import type { RowWords } from '../messages/report-en';
import type { CardField, NeutralCard, Segment } from '../ports';

/** Why: the names a report shows for the keys it counts by, looked up by the caller (a view reads no directory). */
export interface ReportNames {
  company(key: string): string;
  mandate(key: string): string;
}

/** Why: everything a report card or page says besides the figures: whose report, over which days, for whom. */
export interface ReportView {
  report: Report;
  days: PeriodDays;
  names: ReportNames;
  /** The mandates a team member's report covers, by title; undefined for an admin's report of every mandate. */
  scope?: string[];
  voice: Voice;
}

/** Rows a chat card shows before it says how many more there are: Slack shows ten fields a block, fifty blocks a message. */
export const CARD_ROWS = 20;
/** Overdue references a chat card names before it says how many more. */
export const CARD_REFS = 20;

/** Why: one row's figures as the catalogue's sentences take them, for the card and the HTML page alike. */
export function rowWords(figures: LetterFigures): RowWords {
  return {
    previewed: figures.previewed,
    inTime: figures.repliedInTime,
    due: figures.replyDue,
    share: figures.inTimeShare,
    ack: figures.medianDaysToAcknowledge,
    reply: figures.medianDaysToReply,
    overdue: figures.overdueNow.length,
  };
}

/** Why: rows as a person looks for them, by name in their language's order; the key stands in for a name the directory lost. */
export function namedRows(rows: ReportRow[], nameOf: (key: string) => string, language: string): Array<{ name: string; row: ReportRow }> {
  const collator = new Intl.Collator(language);
  return rows.map((row) => ({ name: nameOf(row.key), row })).sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The `report` answer, privately to the person who asked: the period, whose letters, the total
 * and a line per company (then per mandate, when the report covers more than one), and the
 * references overdue now. Counts, company names and references only: never a letter's text.
 */
export function reportCard(view: ReportView): NeutralCard {
  const { report, voice: v, names } = view;
  const total = report.total.letters;
  const body: Segment[][] = [[{ text: v.t('report.scope', view.scope ? { mandates: view.scope } : {}) }]];
  if (total.previewed === 0 && total.overdueNow.length === 0) body.push([{ text: v.t('report.none') }]);
  if (total.overdueNow.length > 0) {
    const refs = total.overdueNow.slice(0, CARD_REFS);
    body.push([{ text: v.t('report.overdue', { refs, more: total.overdueNow.length - refs.length }) }]);
  }
  const rows = [
    ...namedRows(report.companies, (key) => names.company(key), v.language),
    ...(report.mandates.length > 1 ? namedRows(report.mandates, (key) => names.mandate(key), v.language) : []),
  ];
  const fields: CardField[] = [{ label: v.t('report.total-label'), value: v.t('report.row', rowWords(total)) }];
  if (total.previewed > 0 || total.overdueNow.length > 0) {
    fields.push(...rows.slice(0, CARD_ROWS).map(({ name, row }) => ({ label: name, value: v.t('report.row', rowWords(row.letters)) })));
  }
  if (rows.length > CARD_ROWS) body.push([{ text: v.t('report.more', { count: rows.length - CARD_ROWS }) }]);
  return {
    title: v.t('report.title', view.days),
    body,
    fields,
    buttons: [],
    footer: v.t('report.footer', { window: report.responseWindowDays, zone: v.zone }),
    tone: total.overdueNow.length > 0 ? 'warning' : 'info',
  };
}

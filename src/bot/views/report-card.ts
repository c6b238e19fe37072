import type { PeriodDays } from '../../domain/report-period';
import type { CallFigures, FlagFigures, LetterFigures, Report, ReportFigures, ReportRow } from '../../domain/report';
import type { Voice } from '../messages/catalogue';
import type { CallRowWords, FlagRowWords, RowWords } from '../messages/report-en';
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
/** Overdue (and awaiting) references a chat card names before it says how many more. */
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

/** Why: one row's flag figures as the catalogue's sentences take them, for the card and the HTML page alike. */
export function flagRowWords(figures: FlagFigures): FlagRowWords {
  return {
    raised: figures.raised,
    inTime: figures.acknowledgedInTime,
    due: figures.acknowledgementDue,
    share: figures.inTimeShare,
    ack: figures.medianDaysToAcknowledge,
    awaiting: figures.awaitingNow.length,
  };
}

/**
 * Why: one row's call figures as the catalogue's sentences take them, for the card and the HTML
 * page alike; the companies asked are said where they differ from the calls (the total, a mandate).
 */
export function callRowWords(figures: CallFigures, withCompanies: boolean): CallRowWords {
  return {
    calls: figures.published,
    ...(withCompanies ? { companies: figures.companiesAsked } : {}),
    inTime: figures.answeredInTime,
    due: figures.answerDue,
    share: figures.inTimeShare,
    submitted: figures.submitted,
    declined: figures.declined,
    answer: figures.medianDaysToAnswer,
    unanswered: figures.unansweredNow.length,
  };
}

/** Why: a row has letters to show when one was previewed in the period or one is overdue now. */
export function hasLetters(f: LetterFigures): boolean {
  return f.previewed > 0 || f.overdueNow.length > 0;
}

/** Why: a row has flags to show when one was raised in the period or one awaits acknowledgement now. */
export function hasFlags(f: FlagFigures): boolean {
  return f.raised > 0 || f.awaitingNow.length > 0;
}

/** Why: a row has calls to show when one was published (or received) in the period or one misses an answer now. */
export function hasCalls(f: CallFigures): boolean {
  return f.published > 0 || f.unansweredNow.length > 0;
}

/** Why: anything at all to show: a report of nothing says so in one sentence. */
export function hasAnything(f: ReportFigures): boolean {
  return hasLetters(f.letters) || hasFlags(f.flags) || hasCalls(f.calls);
}

/** Why: the footer of the card and the page: what "in time" means for letters, flags and calls. */
export function reportFooter(report: Report, v: Voice): string {
  const escalation = { days: report.flagEscalation.businessDays, hours: report.flagEscalation.urgentHours };
  return `${v.t('report.footer', { window: report.responseWindowDays, zone: v.zone })} ${v.t('report.footer-flags', escalation)} ${v.t('report.footer-calls')}`;
}

/** Why: rows as a person looks for them, by name in their language's order; the key stands in for a name the directory lost. */
export function namedRows(rows: ReportRow[], nameOf: (key: string) => string, language: string): Array<{ name: string; row: ReportRow }> {
  const collator = new Intl.Collator(language);
  return rows.map((row) => ({ name: nameOf(row.key), row })).sort((a, b) => collator.compare(a.name, b.name));
}

/** Which row a line is: the total shows every kind; a company's calls are the calls it received, so it says no companies asked. */
type Dimension = 'total' | 'company' | 'mandate';

/** One line of the card: the letters', the flags' and the calls' sentences (each only where the row has some, all for the total), on one line as both platforms show it. */
function rowValue(v: Voice, figures: ReportFigures, dimension: Dimension): string {
  const total = dimension === 'total';
  const parts: string[] = [];
  if (total || hasLetters(figures.letters)) parts.push(v.t('report.row', rowWords(figures.letters)));
  if (total || hasFlags(figures.flags)) parts.push(v.t('report.flag-row', flagRowWords(figures.flags)));
  if (total || hasCalls(figures.calls)) parts.push(v.t('report.call-row', callRowWords(figures.calls, dimension !== 'company')));
  return parts.join('; ');
}

function refsLine(v: Voice, key: 'report.overdue' | 'report.awaiting' | 'report.unanswered', all: string[]): Segment[] {
  const refs = all.slice(0, CARD_REFS);
  return [{ text: v.t(key, { refs, more: all.length - refs.length }) }];
}

/**
 * The `report` answer, privately to the person who asked: the period, whose mandates, the total
 * and a line per company (then per mandate, when the report covers more than one), the letters
 * overdue now, the flags awaiting acknowledgement past the admins' mark and the calls missing a
 * company's answer past their deadline. Counts, company names and references only: never a
 * letter's, a flag's or a call's text.
 */
export function reportCard(view: ReportView): NeutralCard {
  const { report, voice: v, names } = view;
  const { letters, flags, calls } = report.total;
  const anything = hasAnything(report.total);
  const body: Segment[][] = [[{ text: v.t('report.scope', view.scope ? { mandates: view.scope } : {}) }]];
  if (!anything) body.push([{ text: v.t('report.none') }]);
  if (letters.overdueNow.length > 0) body.push(refsLine(v, 'report.overdue', letters.overdueNow));
  if (flags.awaitingNow.length > 0) body.push(refsLine(v, 'report.awaiting', flags.awaitingNow));
  if (calls.unansweredNow.length > 0) body.push(refsLine(v, 'report.unanswered', calls.unansweredNow));
  const rows = [
    ...namedRows(report.companies, (key) => names.company(key), v.language).map((named) => ({ ...named, dimension: 'company' as const })),
    ...(report.mandates.length > 1 ? namedRows(report.mandates, (key) => names.mandate(key), v.language).map((named) => ({ ...named, dimension: 'mandate' as const })) : []),
  ];
  const fields: CardField[] = [{ label: v.t('report.total-label'), value: rowValue(v, report.total, 'total') }];
  if (anything) fields.push(...rows.slice(0, CARD_ROWS).map(({ name, row, dimension }) => ({ label: name, value: rowValue(v, row, dimension) })));
  if (rows.length > CARD_ROWS) body.push([{ text: v.t('report.more', { count: rows.length - CARD_ROWS }) }]);
  const attention = letters.overdueNow.length > 0 || flags.awaitingNow.length > 0 || calls.unansweredNow.length > 0;
  return {
    title: v.t('report.title', view.days),
    body,
    fields,
    buttons: [],
    footer: reportFooter(report, v),
    tone: attention ? 'warning' : 'info',
  };
}

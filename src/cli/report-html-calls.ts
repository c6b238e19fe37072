/**
 * The calls' part of the HTML report (report-html.ts): four headline figures, a stacked bar per
 * mandate (all calls first) for the companies that answered by the deadline, late, not at all or
 * not yet, the tables by company and by mandate with the references still missing an answer, and
 * what each figure means. Every word comes from the catalogue; a company's row counts the calls
 * it received with its own answer only.
 */
import type { Voice } from '../bot/messages/catalogue';
import { days, percent } from '../bot/messages/report-numbers';
import { hasCalls } from '../bot/views/report-card';
import type { CallFigures, Report, ReportRow } from '../domain/report';
import { callChart, escapeHtml, tile } from './report-charts';

/** Why: a row as the page shows it, named in the reader's language (report-card.ts namedRows). */
type NamedRow = { name: string; row: ReportRow };

/** Why: the calls' headline figures, beside the letters' and the flags' tiles. */
export function callTiles(f: CallFigures, v: Voice): string {
  return [
    '<div class="tiles">',
    tile(String(f.published), [v.t('report.col-calls'), v.t('report.calls-asked', { count: f.companiesAsked })]),
    tile(f.inTimeShare === null ? '–' : percent(v, f.inTimeShare), [
      v.t('report.col-calls-in-time'),
      v.t('report.call-in-time', { inTime: f.answeredInTime, due: f.answerDue, share: f.inTimeShare }),
    ]),
    tile(days(v, f.medianDaysToAnswer), [v.t('report.col-call-answer')]),
    tile(String(f.unansweredNow.length), [v.t('report.col-unanswered')], f.unansweredNow.length > 0),
    '</div>',
  ].join('\n');
}

/** A table of calls; a company's has no "companies asked" column (it is the company itself, once a call). */
function callTable(first: string, rows: NamedRow[], v: Voice, withAsked: boolean): string {
  const head = [
    first,
    v.t('report.col-calls'),
    ...(withAsked ? [v.t('report.col-calls-asked')] : []),
    v.t('report.col-calls-in-time'),
    v.t('report.col-calls-contribute'),
    v.t('report.col-calls-submitted'),
    v.t('report.col-calls-declined'),
    v.t('report.col-call-answer'),
    v.t('report.col-unanswered'),
  ];
  const body = rows.map(({ name, row }) => {
    const f = row.calls;
    const missing = f.unansweredNow.length;
    // Each reference kept on one line: a table cell would otherwise break it at its hyphens.
    const refs = missing > 0 ? `<br><span class="refs">${f.unansweredNow.map((ref) => `<span class="ref">${escapeHtml(ref)}</span>`).join(', ')}</span>` : '';
    const cells = [
      `<td>${escapeHtml(name)}</td>`,
      `<td>${f.published}</td>`,
      ...(withAsked ? [`<td>${f.companiesAsked}</td>`] : []),
      `<td>${escapeHtml(v.t('report.call-in-time', { inTime: f.answeredInTime, due: f.answerDue, share: f.inTimeShare }))}</td>`,
      `<td>${f.willContribute}</td>`,
      `<td>${f.submitted}</td>`,
      `<td>${f.declined}</td>`,
      `<td>${escapeHtml(days(v, f.medianDaysToAnswer))}</td>`,
      `<td${refs ? ' class="refs"' : ''}>${missing}${refs}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table class="calls">\n<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

/** Why: the calls' sections of the page: the chart and the tables when there are calls, a sentence saying there are none otherwise. */
export function callSections(report: Report, companies: NamedRow[], mandates: NamedRow[], v: Voice): string[] {
  const withCalls = (rows: NamedRow[]) => rows.filter(({ row }) => hasCalls(row.calls));
  const [byCompany, byMandate] = [withCalls(companies), withCalls(mandates)];
  const heading = `<h2>${escapeHtml(v.t('report.calls-title'))}</h2>`;
  if (byMandate.length === 0) return [heading, `<p>${escapeHtml(v.t('report.calls-none'))}</p>`];
  const bars = [{ name: v.t('report.calls-all'), calls: report.total.calls }, ...byMandate.map(({ name, row }) => ({ name, calls: row.calls }))];
  return [
    heading,
    `<h3>${escapeHtml(v.t('report.calls-chart'))}</h3>`,
    callChart(bars, v),
    `<h3>${escapeHtml(v.t('report.calls-by-company'))}</h3>`,
    callTable(v.t('label.company'), byCompany, v, false),
    `<h3>${escapeHtml(v.t('report.calls-by-mandate'))}</h3>`,
    callTable(v.t('report.col-mandate'), byMandate, v, true),
  ];
}

/** Why: what the calls' figures mean, as terms and sentences for the page's list of meanings. */
export function callMeanings(v: Voice): Array<[string, string]> {
  const answers = [v.t('report.col-calls-contribute'), v.t('report.col-calls-submitted'), v.t('report.col-calls-declined')].join(' · ');
  return [
    [v.t('report.col-calls'), v.t('report.meaning-calls')],
    [v.t('report.col-calls-in-time'), v.t('report.meaning-calls-in-time')],
    [answers, v.t('report.meaning-calls-answers')],
    [v.t('report.col-call-answer'), v.t('report.meaning-call-answer')],
    [v.t('report.col-unanswered'), v.t('report.meaning-unanswered')],
  ];
}

/**
 * The report as one self-contained HTML page a person reads at a glance: the period and whose
 * mandates, the letters' five headline figures, the flags' four and the calls' four, a bar per
 * company for the share of replies in time and for the median reply time, the letters' tables by
 * company and by mandate, then the flags' chart and tables (report-html-flags.ts), the calls'
 * (report-html-calls.ts), and what each figure means.
 * Inline CSS and SVG only: no script, no font, image or style sheet from elsewhere.
 * Every word comes from the catalogue, in the language asked for.
 */
import type { Voice } from '../bot/messages/catalogue';
import { days, percent } from '../bot/messages/report-numbers';
import { hasAnything, hasLetters, namedRows, reportFooter, type ReportNames } from '../bot/views/report-card';
import type { LetterFigures, Report, ReportRow } from '../domain/report';
import type { PeriodDays } from '../domain/report-period';
import { escapeHtml, replyChart, shareChart, tile } from './report-charts';
import { callMeanings, callSections, callTiles } from './report-html-calls';
import { flagMeanings, flagSections, flagTiles } from './report-html-flags';

/** Why: what the page shows besides the figures: its days, its reader's words, and whose mandates (undefined: every one). */
export interface ReportPage {
  report: Report;
  names: ReportNames;
  days: PeriodDays;
  voice: Voice;
  scope?: string[];
}

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1f2328; background: #ffffff; margin: 32px; max-width: 1100px; }
  h1 { font-size: 24px; margin: 0 0 6px; }
  h2 { font-size: 17px; margin: 28px 0 10px; }
  h3 { font-size: 15px; margin: 20px 0 8px; }
  p { margin: 4px 0; }
  .muted { color: #57606a; font-size: 13px; }
  .tiles { display: flex; gap: 12px; margin: 20px 0; flex-wrap: wrap; }
  .tile { border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; min-width: 150px; }
  .tile .figure { font-size: 28px; font-weight: bold; }
  .tile .label { font-size: 13px; color: #57606a; }
  .tile.alert .figure { color: #cf222e; }
  svg.chart { display: block; max-width: 100%; height: auto; }
  svg .name, svg .value, svg .tick { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
  svg .name { font-size: 13px; fill: #1f2328; }
  svg .value { font-size: 12px; fill: #1f2328; }
  svg .tick { font-size: 11px; fill: #57606a; }
  svg .grid { stroke: #d8dee4; stroke-width: 1; }
  svg .track { fill: #eaeef2; }
  svg .limit { stroke: #1f2328; stroke-width: 1.5; stroke-dasharray: 5 4; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { border-bottom: 1px solid #d8dee4; padding: 6px 8px; text-align: right; vertical-align: top; }
  th:first-child, td:first-child { text-align: left; }
  th { background: #f6f8fa; font-weight: 600; }
  td.refs { font-size: 12px; color: #cf222e; }
  .ref { white-space: nowrap; }
  dl { font-size: 13px; } dt { font-weight: 600; margin-top: 8px; } dd { margin: 2px 0 0 0; color: #57606a; }
`;

function tiles(f: LetterFigures, v: Voice, windowDays: number): string {
  return [
    '<div class="tiles">',
    tile(String(f.previewed), [v.t('report.col-letters')]),
    tile(f.inTimeShare === null ? '–' : percent(v, f.inTimeShare), [
      v.t('report.col-in-time', { window: windowDays }),
      v.t('report.in-time', { inTime: f.repliedInTime, due: f.replyDue, share: f.inTimeShare }),
    ]),
    tile(days(v, f.medianDaysToAcknowledge), [v.t('report.col-ack')]),
    tile(days(v, f.medianDaysToReply), [v.t('report.col-reply')]),
    tile(String(f.overdueNow.length), [v.t('report.col-overdue')], f.overdueNow.length > 0),
    '</div>',
  ].join('\n');
}

function table(first: string, rows: Array<{ name: string; row: ReportRow }>, v: Voice, windowDays: number): string {
  const head = [first, v.t('report.col-letters'), v.t('report.col-in-time', { window: windowDays }), v.t('report.col-ack'), v.t('report.col-reply'), v.t('report.col-overdue')];
  const body = rows.map(({ name, row }) => {
    const f = row.letters;
    const cells = [
      escapeHtml(name),
      String(f.previewed),
      escapeHtml(v.t('report.in-time', { inTime: f.repliedInTime, due: f.replyDue, share: f.inTimeShare })),
      escapeHtml(days(v, f.medianDaysToAcknowledge)),
      escapeHtml(days(v, f.medianDaysToReply)),
      String(f.overdueNow.length),
    ];
    // Each reference kept on one line: a table cell would otherwise break it at its hyphens.
    const refs = f.overdueNow.length > 0 ? `<br><span class="refs">${f.overdueNow.map((ref) => `<span class="ref">${escapeHtml(ref)}</span>`).join(', ')}</span>` : '';
    return `<tr>${cells.map((c, i) => `<td${i === 5 && refs ? ' class="refs"' : ''}>${c}${i === 5 ? refs : ''}</td>`).join('')}</tr>`;
  });
  return `<table>\n<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

function meanings(report: Report, v: Voice, windowDays: number): string {
  const entries: Array<[string, string]> = [
    [v.t('report.col-letters'), v.t('report.meaning-letters')],
    [v.t('report.col-in-time', { window: windowDays }), v.t('report.meaning-in-time', { window: windowDays })],
    [v.t('report.meaning-medians-term'), v.t('report.meaning-medians')],
    [v.t('report.col-overdue'), v.t('report.meaning-overdue')],
    ...flagMeanings(report, v),
    ...callMeanings(v),
  ];
  return `<dl>${entries.map(([term, text]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(text)}</dd>`).join('')}</dl>`;
}

/** Why: the page itself, as one string to write to a file (or stdout). */
export function reportHtml(page: ReportPage): string {
  const { report, names, voice: v } = page;
  const windowDays = report.responseWindowDays;
  const companies = namedRows(report.companies, names.company, v.language);
  const mandates = namedRows(report.mandates, names.mandate, v.language);
  const title = v.t('report.title', page.days);
  const letterRows = (rows: typeof companies) => rows.filter(({ row }) => hasLetters(row.letters));
  const [letterCompanies, letterMandates] = [letterRows(companies), letterRows(mandates)];
  const letterSections =
    letterCompanies.length === 0
      ? []
      : [
          `<h2>${escapeHtml(v.t('report.chart', { window: windowDays }))}</h2>`,
          shareChart(letterCompanies, v, windowDays),
          `<h2>${escapeHtml(v.t('report.chart-reply', { window: windowDays }))}</h2>`,
          replyChart(letterCompanies, v, windowDays),
          `<h2>${escapeHtml(v.t('report.by-company'))}</h2>`,
          table(v.t('label.company'), letterCompanies, v, windowDays),
          `<h2>${escapeHtml(v.t('report.by-mandate'))}</h2>`,
          table(v.t('report.col-mandate'), letterMandates, v, windowDays),
        ];
  const sections = hasAnything(report.total)
    ? [...letterSections, ...flagSections(report, companies, mandates, v), ...callSections(report, companies, mandates, v)]
    : [`<p>${escapeHtml(v.t('report.none'))}</p>`];
  return [
    '<!doctype html>',
    `<html lang="${v.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(v.t('report.scope', page.scope ? { mandates: page.scope } : {}))}</p>`,
    `<p class="muted">${escapeHtml(v.t('report.made', { at: report.now }))} ${escapeHtml(v.t('report.confidential'))}</p>`,
    tiles(report.total.letters, v, windowDays),
    flagTiles(report.total.flags, v),
    callTiles(report.total.calls, v),
    ...sections,
    `<h2>${escapeHtml(v.t('report.meaning-title'))}</h2>`,
    meanings(report, v, windowDays),
    `<p class="muted">${escapeHtml(reportFooter(report, v))}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

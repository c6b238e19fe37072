/**
 * The flags' part of the HTML report (report-html.ts): four headline figures, a stacked bar per
 * mandate (all flags first) for acknowledged in time, late or not yet, the tables by company and
 * by mandate with the references awaiting acknowledgement, and what each figure means. Every
 * word comes from the catalogue; a flag that went to the admins only is in the total and its
 * company's row, never a mandate's.
 */
import type { Voice } from '../bot/messages/catalogue';
import { days, percent } from '../bot/messages/report-numbers';
import { hasFlags } from '../bot/views/report-card';
import type { FlagFigures, Report, ReportRow } from '../domain/report';
import { escapeHtml, flagChart, tile } from './report-charts';

/** Why: a row as the page shows it, named in the reader's language (report-card.ts namedRows). */
type NamedRow = { name: string; row: ReportRow };

/** Why: the flags' headline figures, beside the letters' tiles. */
export function flagTiles(f: FlagFigures, v: Voice): string {
  return [
    '<div class="tiles">',
    tile(String(f.raised), [v.t('report.col-flags')]),
    tile(f.inTimeShare === null ? '–' : percent(v, f.inTimeShare), [
      v.t('report.col-flags-in-time'),
      v.t('report.flag-in-time', { inTime: f.acknowledgedInTime, due: f.acknowledgementDue, share: f.inTimeShare }),
    ]),
    tile(days(v, f.medianDaysToAcknowledge), [v.t('report.col-flag-ack')]),
    tile(String(f.awaitingNow.length), [v.t('report.col-awaiting')], f.awaitingNow.length > 0),
    '</div>',
  ].join('\n');
}

function flagTable(first: string, rows: NamedRow[], v: Voice): string {
  const head = [first, v.t('report.col-flags'), v.t('report.col-flags-in-time'), v.t('report.col-flag-ack'), v.t('report.col-awaiting')];
  const body = rows.map(({ name, row }) => {
    const f = row.flags;
    const awaiting = f.awaitingNow.length;
    // Each reference kept on one line: a table cell would otherwise break it at its hyphens.
    const refs = awaiting > 0 ? `<br><span class="refs">${f.awaitingNow.map((ref) => `<span class="ref">${escapeHtml(ref)}</span>`).join(', ')}</span>` : '';
    const cells = [
      `<td>${escapeHtml(name)}</td>`,
      `<td>${f.raised}</td>`,
      `<td>${escapeHtml(v.t('report.flag-in-time', { inTime: f.acknowledgedInTime, due: f.acknowledgementDue, share: f.inTimeShare }))}</td>`,
      `<td>${escapeHtml(days(v, f.medianDaysToAcknowledge))}</td>`,
      `<td${refs ? ' class="refs"' : ''}>${awaiting}${refs}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table class="flags">\n<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

/** Why: the flags' sections of the page: the chart and the tables when there are flags, a sentence saying there are none otherwise. */
export function flagSections(report: Report, companies: NamedRow[], mandates: NamedRow[], v: Voice): string[] {
  const withFlags = (rows: NamedRow[]) => rows.filter(({ row }) => hasFlags(row.flags));
  const [byCompany, byMandate] = [withFlags(companies), withFlags(mandates)];
  const heading = `<h2>${escapeHtml(v.t('report.flags-title'))}</h2>`;
  if (byCompany.length === 0) return [heading, `<p>${escapeHtml(v.t('report.flags-none'))}</p>`];
  const bars = [{ name: v.t('report.flags-all'), flags: report.total.flags }, ...byMandate.map(({ name, row }) => ({ name, flags: row.flags }))];
  return [
    heading,
    `<h3>${escapeHtml(v.t('report.flags-chart'))}</h3>`,
    flagChart(bars, v),
    `<h3>${escapeHtml(v.t('report.flags-by-company'))}</h3>`,
    flagTable(v.t('label.company'), byCompany, v),
    ...(byMandate.length > 0 ? [`<h3>${escapeHtml(v.t('report.flags-by-mandate'))}</h3>`, flagTable(v.t('report.col-mandate'), byMandate, v)] : []),
  ];
}

/** Why: what the flags' figures mean, as terms and sentences for the page's list of meanings. */
export function flagMeanings(report: Report, v: Voice): Array<[string, string]> {
  const escalation = { days: report.flagEscalation.businessDays, hours: report.flagEscalation.urgentHours };
  return [
    [v.t('report.col-flags'), v.t('report.meaning-flags')],
    [v.t('report.col-flags-in-time'), v.t('report.meaning-flags-in-time', escalation)],
    [v.t('report.col-flag-ack'), v.t('report.meaning-flag-ack')],
    [v.t('report.col-awaiting'), v.t('report.meaning-awaiting')],
  ];
}

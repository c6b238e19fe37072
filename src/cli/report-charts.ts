/**
 * The HTML report's charts as inline SVG: one horizontal bar per company, so a reader sees at a
 * glance who replied in time and how long replies took; and one stacked bar per mandate for the
 * flags (acknowledged in time, late, or not yet) and for the calls for input (companies that
 * answered in time, late, not at all, or not yet due). No script, no font or file from
 * elsewhere: the page renders the same offline, in a browser or printed to PDF.
 */
import type { Voice } from '../bot/messages/catalogue';
import { days, percent } from '../bot/messages/report-numbers';
import type { CallFigures, FlagFigures, ReportRow } from '../domain/report';

/** Why: one bar's subject: a company's name and its row. */
export interface ChartRow {
  name: string;
  row: ReportRow;
}

/** Why: text from the directory or the catalogue inside HTML or SVG, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Colours of a share in time: green from 80%, amber from 50%, red below; grey where no reply is due. */
export const SHARE_COLOURS = { good: '#1a7f37', fair: '#bf8700', poor: '#cf222e', none: '#8c959f' } as const;
/** Colours of a median reply time: blue within the reply period, red beyond it. */
export const REPLY_COLOURS = { within: '#0969da', beyond: '#cf222e' } as const;
/** The four parts of a stacked bar: green in time, amber late, red missed, grey not yet due. */
const STACK_COLOURS = { inTime: '#1a7f37', late: '#bf8700', missed: '#cf222e', open: '#8c959f' } as const;
/** Colours of flags: green acknowledged in time, amber late, red unacknowledged after the admins were told, grey still in time. */
export const FLAG_COLOURS = STACK_COLOURS;
/** Colours of calls' answers: green answered by the deadline, amber late, red no answer by the deadline, grey none due yet. */
export const CALL_COLOURS = STACK_COLOURS;
type Part = keyof typeof STACK_COLOURS;

const WIDTH = 760;
const LABEL = 230;
const BAR = 380;
const ROW = 30;
const TOP = 10;
const AXIS = 26;
const NAME_MAX = 30;

function shortName(name: string): string {
  return name.length <= NAME_MAX ? name : `${name.slice(0, NAME_MAX - 1).trimEnd()}…`;
}

/** Why: a headline figure with what it counts beneath, red when it calls for attention. */
export function tile(figure: string, labels: string[], alert = false): string {
  const lines = labels.map((label) => `<div class="label">${escapeHtml(label)}</div>`).join('');
  return `<div class="tile${alert ? ' alert' : ''}"><div class="figure">${escapeHtml(figure)}</div>${lines}</div>`;
}

function frame(label: string, rows: number, content: string[], extra = 0): string {
  const height = TOP + rows * ROW + AXIS + extra;
  return [
    `<svg class="chart" role="img" aria-label="${escapeHtml(label)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<title>${escapeHtml(label)}</title>`,
    ...content,
    '</svg>',
  ].join('\n');
}

function nameCell(name: string, y: number): string {
  return `<text x="${LABEL - 10}" y="${y + ROW / 2 + 5}" text-anchor="end" class="name"><title>${escapeHtml(name)}</title>${escapeHtml(shortName(name))}</text>`;
}

function ticks(values: Array<{ at: number; label: string }>, rows: number): string[] {
  const bottom = TOP + rows * ROW;
  return values.map(({ at, label }) => {
    const x = LABEL + at * BAR;
    return `<line x1="${x}" y1="${TOP}" x2="${x}" y2="${bottom}" class="grid"/><text x="${x}" y="${bottom + 18}" text-anchor="middle" class="tick">${escapeHtml(label)}</text>`;
  });
}

/** Why: the share of replies in time, a bar per company, coloured by how well it did, with "2 of 3 (67%)" beside it. */
export function shareChart(rows: ChartRow[], v: Voice, windowDays: number): string {
  const label = v.t('report.chart', { window: windowDays });
  const content = ticks([0, 0.25, 0.5, 0.75, 1].map((at) => ({ at, label: percent(v, at) })), rows.length);
  rows.forEach(({ name, row }, i) => {
    const y = TOP + i * ROW;
    const f = row.letters;
    const words = v.t('report.in-time', { inTime: f.repliedInTime, due: f.replyDue, share: f.inTimeShare });
    content.push(nameCell(name, y), `<rect x="${LABEL}" y="${y + 6}" width="${BAR}" height="${ROW - 12}" rx="3" class="track"/>`);
    if (f.inTimeShare !== null) {
      const colour = f.inTimeShare >= 0.8 ? SHARE_COLOURS.good : f.inTimeShare >= 0.5 ? SHARE_COLOURS.fair : SHARE_COLOURS.poor;
      const width = Math.max(2, Math.round(f.inTimeShare * BAR));
      content.push(`<rect x="${LABEL}" y="${y + 6}" width="${width}" height="${ROW - 12}" rx="3" fill="${colour}"/>`);
    }
    const colour = f.inTimeShare === null ? ` fill="${SHARE_COLOURS.none}"` : '';
    content.push(`<text x="${LABEL + BAR + 10}" y="${y + ROW / 2 + 5}" class="value"${colour}>${escapeHtml(words)}</text>`);
  });
  return frame(label, rows.length, content);
}

/** Why: the median days to reply, a bar per company, against a dashed line at the reply period's length. */
export function replyChart(rows: ChartRow[], v: Voice, windowDays: number): string {
  const label = v.t('report.chart-reply', { window: windowDays });
  const longest = Math.max(windowDays, ...rows.map(({ row }) => row.letters.medianDaysToReply ?? 0));
  // A round scale (a multiple of 20 days) puts the quarter ticks on whole, readable numbers.
  const scale = Math.ceil((longest * 1.1) / 20) * 20;
  const steps = [0, 0.25, 0.5, 0.75, 1].map((at) => ({ at, label: days(v, Math.round(at * scale)) }));
  const content = ticks(steps, rows.length);
  rows.forEach(({ name, row }, i) => {
    const y = TOP + i * ROW;
    const median = row.letters.medianDaysToReply;
    content.push(nameCell(name, y));
    if (median !== null) {
      const colour = median <= windowDays ? REPLY_COLOURS.within : REPLY_COLOURS.beyond;
      content.push(`<rect x="${LABEL}" y="${y + 6}" width="${Math.max(2, Math.round((median / scale) * BAR))}" height="${ROW - 12}" rx="3" fill="${colour}"/>`);
    }
    content.push(`<text x="${LABEL + BAR + 10}" y="${y + ROW / 2 + 5}" class="value">${escapeHtml(days(v, median))}</text>`);
  });
  const x = LABEL + (windowDays / scale) * BAR;
  content.push(`<line x1="${x}" y1="${TOP - 4}" x2="${x}" y2="${TOP + rows.length * ROW}" class="limit"/>`);
  return frame(label, rows.length, content);
}

/** Why: one stacked bar's subject: a mandate's name (or all flags) and its flags' figures. */
export interface FlagChartRow {
  name: string;
  flags: FlagFigures;
}

/** Why: one stacked bar's subject: a mandate's name (or all calls) and its calls' figures. */
export interface CallChartRow {
  name: string;
  calls: CallFigures;
}

/** The legend under a stacked chart: two rows of two entries, aligned with the bars, so every language's words fit. */
const LEGEND_ROW = 20;
const LEGEND = 2 * LEGEND_ROW + 8;

/** One stacked bar: its name, its four parts' counts, and the words beside it. */
interface StackedRow {
  name: string;
  parts: Record<Part, number>;
  words: string;
}

function legend(words: Record<Part, string>, top: number): string[] {
  const column = (WIDTH - LABEL) / 2;
  return (Object.keys(STACK_COLOURS) as Part[]).map((part, i) => {
    const x = LABEL + (i % 2) * column;
    const y = top + Math.floor(i / 2) * LEGEND_ROW;
    return `<rect x="${x}" y="${y}" width="12" height="12" rx="2" fill="${STACK_COLOURS[part]}"/><text x="${x + 17}" y="${y + 11}" class="tick">${escapeHtml(words[part])}</text>`;
  });
}

/** Why: bars of four parts (in time, late, missed, not yet due) to one scale of whole items, with words beside each bar and a legend. */
function stackedChart(label: string, rows: StackedRow[], legendWords: Record<Part, string>): string {
  const sum = (parts: Record<Part, number>) => Object.values(parts).reduce((a, b) => a + b, 0);
  const most = Math.max(1, ...rows.map(({ parts }) => sum(parts)));
  // A scale in multiples of four puts the quarter ticks on whole items.
  const scale = Math.max(4, Math.ceil(most / 4) * 4);
  const content = ticks([0, 0.25, 0.5, 0.75, 1].map((at) => ({ at, label: String(at * scale) })), rows.length);
  rows.forEach(({ name, parts, words }, i) => {
    const y = TOP + i * ROW;
    content.push(nameCell(name, y));
    let x = LABEL;
    for (const part of Object.keys(STACK_COLOURS) as Part[]) {
      if (parts[part] <= 0) continue;
      const width = Math.round((parts[part] / scale) * BAR);
      content.push(`<rect x="${x}" y="${y + 6}" width="${width}" height="${ROW - 12}" fill="${STACK_COLOURS[part]}"/>`);
      x += width;
    }
    content.push(`<text x="${LABEL + BAR + 10}" y="${y + ROW / 2 + 5}" class="value">${escapeHtml(words)}</text>`);
  });
  content.push(...legend(legendWords, TOP + rows.length * ROW + AXIS + 4));
  return frame(label, rows.length, content, LEGEND);
}

/**
 * Why: the flags raised in the period, a stacked bar per mandate (all flags first): green
 * acknowledged in time, amber late, red unacknowledged after the admins were told, grey still in
 * time; to one scale of whole flags, with "2 of 3 (67%)" in time beside each bar and a legend.
 */
export function flagChart(rows: FlagChartRow[], v: Voice): string {
  const bars = rows.map(({ name, flags: f }) => ({
    name,
    parts: { inTime: f.acknowledgedInTime, late: f.acknowledged - f.acknowledgedInTime, missed: f.acknowledgementDue - f.acknowledged, open: f.raised - f.acknowledgementDue },
    words: v.t('report.flag-in-time', { inTime: f.acknowledgedInTime, due: f.acknowledgementDue, share: f.inTimeShare }),
  }));
  const words = { inTime: v.t('report.flags-legend-in-time'), late: v.t('report.flags-legend-late'), missed: v.t('report.flags-legend-missed'), open: v.t('report.flags-legend-open') };
  return stackedChart(v.t('report.flags-chart'), bars, words);
}

/**
 * Why: the companies asked by the calls published in the period, a stacked bar per mandate (all
 * calls first): green answered by the deadline, amber answered late, red no answer by the
 * deadline, grey no answer due yet; to one scale of whole companies asked, with "3 of 4 (75%)"
 * in time beside each bar and a legend.
 */
export function callChart(rows: CallChartRow[], v: Voice): string {
  const bars = rows.map(({ name, calls: f }) => ({
    name,
    parts: { inTime: f.answeredInTime, late: f.answered - f.answeredInTime, missed: f.answerDue - f.answered, open: f.companiesAsked - f.answerDue },
    words: v.t('report.call-in-time', { inTime: f.answeredInTime, due: f.answerDue, share: f.inTimeShare }),
  }));
  const words = { inTime: v.t('report.calls-legend-in-time'), late: v.t('report.calls-legend-late'), missed: v.t('report.calls-legend-missed'), open: v.t('report.calls-legend-open') };
  return stackedChart(v.t('report.calls-chart'), bars, words);
}

/**
 * English words of the report (`report` command and the HTML page of `npm run report`): part
 * of the catalogue (en.ts spreads them in), kept apart so the source catalogue stays readable.
 * The same keys are in report-fr.ts and report-es.ts.
 */
import type { Formats } from './format';
import { days, percent } from './report-numbers';

/** Why: one row's figures as its sentence takes them: counts, the share in time, medians in days, overdue now. */
// A type, not an interface: catalogue arguments must be plain records (Say's index signature).
export type RowWords = {
  previewed: number;
  inTime: number;
  due: number;
  share: number | null;
  ack: number | null;
  reply: number | null;
  overdue: number;
};

/** Why: one row's flag figures as its sentence takes them: the count, the share acknowledged in time, the median, awaiting now. */
export type FlagRowWords = {
  raised: number;
  inTime: number;
  due: number;
  share: number | null;
  ack: number | null;
  awaiting: number;
};

/** Why: one row's call figures as its sentence takes them; `companies` only where it differs from the calls (the total, a mandate's row). */
export type CallRowWords = {
  calls: number;
  companies?: number;
  inTime: number;
  due: number;
  share: number | null;
  submitted: number;
  declined: number;
  answer: number | null;
  unanswered: number;
};

const calls = (n: number) => `${n} ${n === 1 ? 'call' : 'calls'} for input`;
const companies = (n: number) => `${n} ${n === 1 ? 'company' : 'companies'}`;
const callInTime = (a: Pick<CallRowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'none due yet' : `${a.inTime} of ${a.due} (${percent(f, a.share ?? 0)})`;
const flags = (n: number) => `${n} ${n === 1 ? 'flag' : 'flags'}`;
const flagInTime = (a: Pick<FlagRowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'none due yet' : `${a.inTime} of ${a.due} (${percent(f, a.share ?? 0)})`;
const letters = (n: number) => `${n} ${n === 1 ? 'letter' : 'letters'}`;
const inTime = (a: Pick<RowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'no reply due yet' : `${a.inTime} of ${a.due} in time (${percent(f, a.share ?? 0)})`;

/** Why: the English report words, and the shape report-fr.ts and report-es.ts must match. */
export const reportEn = {
  'report.title': (a: { first: string; last: string }, f: Formats) => `Letters, flags and calls for input, ${f.day(a.first)} to ${f.day(a.last)}`,
  'report.scope': (a: { mandates?: string[] }, f: Formats) =>
    a.mandates ? `${a.mandates.length === 1 ? 'Mandate' : 'Mandates'}: ${f.list(a.mandates)}.` : 'Every mandate.',
  'report.row': (a: RowWords, f: Formats) =>
    `${letters(a.previewed)} · replies: ${inTime(a, f)} · median days to acknowledge ${days(f, a.ack)}, to reply ${days(f, a.reply)} · ${a.overdue} overdue now`,
  'report.flag-row': (a: FlagRowWords, f: Formats) =>
    a.raised === 0 && a.awaiting === 0
      ? flags(0)
      : `${flags(a.raised)} · acknowledged in time: ${flagInTime(a, f)} · median days to acknowledge ${days(f, a.ack)} · ${a.awaiting} awaiting now`,
  'report.call-row': (a: CallRowWords, f: Formats) =>
    a.calls === 0 && a.unanswered === 0
      ? calls(0)
      : `${calls(a.calls)}${a.companies === undefined ? '' : ` to ${companies(a.companies)}`} · answered by the deadline: ${callInTime(a, f)} · ${a.submitted} submitted, ${a.declined} declined · median days to answer ${days(f, a.answer)} · ${a.unanswered} unanswered now`,
  'report.total-label': () => 'Total',
  'report.overdue': (a: { refs: string[]; more: number }) => `Overdue now: ${a.refs.join(', ')}${a.more > 0 ? ` and ${a.more} more` : ''}.`,
  'report.awaiting': (a: { refs: string[]; more: number }) =>
    `Flags still unacknowledged after the admins were told: ${a.refs.join(', ')}${a.more > 0 ? ` and ${a.more} more` : ''}.`,
  'report.unanswered': (a: { refs: string[]; more: number }) =>
    `Calls for input past their deadline with a company's answer missing: ${a.refs.join(', ')}${a.more > 0 ? ` and ${a.more} more` : ''}.`,
  'report.none': () =>
    'No letter was previewed, no flag raised and no call for input published in this period, and nothing is overdue, awaiting or unanswered now.',
  'report.more': (a: { count: number }) =>
    `${a.count} more ${a.count === 1 ? 'row is' : 'rows are'} not shown here; a PreLetter admin can export the whole report.`,
  'report.footer': (a: { window: number; zone: string }) =>
    `Figures count the letters previewed in the period; a reply is in time when it is recorded within the ${a.window}-day period. Overdue now counts every letter, whenever it was previewed. Days begin at midnight in ${a.zone}.`,
  'report.footer-flags': (a: { days: number; hours: number }) =>
    `A flag is acknowledged in time when someone acknowledges it before the admins are told (${a.days} business days after it was raised, ${a.hours} hours when urgent); awaiting now counts every flag past that point without an acknowledgement, whenever it was raised. A flag counts under each mandate it went to.`,
  'report.footer-calls': () =>
    "A company answers a call for input in time when its first answer comes by the end of the deadline day; unanswered now counts every call still open past its deadline that a company has not answered, whenever it was published. A call counts under its mandate and under each company it went to, there with that company's answer only.",
  'report.not-allowed': () =>
    'Reports are for mandate teams, on their own mandates, and for PreLetter admins. If you support a mandate, ask your PreLetter admin to add you to its team.',
  'command.period-invalid': (a: { typed: string }) =>
    `"${a.typed}" is not a period: give a year (2025), a month (2026-03), or a first and a last day (2026-01-01 2026-03-31).`,

  // The HTML page
  'report.by-company': () => 'By company',
  'report.by-mandate': () => 'By mandate',
  'report.col-mandate': () => 'Mandate',
  'report.col-letters': () => 'Letters previewed',
  'report.col-in-time': (a: { window: number }) => `Replied within ${a.window} days`,
  'report.col-ack': () => 'Median days to acknowledge',
  'report.col-reply': () => 'Median days to reply',
  'report.col-overdue': () => 'Overdue now',
  'report.in-time': (a: Pick<RowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
    a.due === 0 ? 'no reply due yet' : `${a.inTime} of ${a.due} (${percent(f, a.share ?? 0)})`,
  'report.chart': (a: { window: number }) => `Share of replies within the ${a.window}-day period, by company`,
  'report.chart-reply': (a: { window: number }) => `Median days from the formal letter to the reply, by company (the dashed line marks ${a.window} days)`,
  'report.made': (a: { at: Date }, f: Formats) => `Made on ${f.moment(a.at)}.`,
  'report.meaning-title': () => 'What the figures mean',
  'report.meaning-letters': () => 'Letter previews opened in the period, including those later withdrawn.',
  'report.meaning-in-time': (a: { window: number }) =>
    `Of the letters whose formal letter was sent and whose reply has fallen due (it was recorded, or the deadline has passed; withdrawn letters are left out), how many replies were recorded by the end of the deadline's last day (${a.window} days after the formal letter, in the mandate's time zone).`,
  'report.meaning-medians-term': () => 'Median days to acknowledge and to reply',
  'report.meaning-medians': () =>
    'The middle value, in days, from the preview to the acknowledgement and from the formal letter to the reply, among the letters that were acknowledged or replied to.',
  'report.meaning-overdue': () => 'Letters whose reply deadline has passed without a reply, whenever they were previewed.',
  'report.confidential': () => "Confidential: figures, company names and references only, never a letter's, a flag's or a call's text.",
  'report.flags-title': () => 'Flags raised by companies',
  'report.flags-by-company': () => 'Flags by company',
  'report.flags-by-mandate': () => 'Flags by mandate',
  'report.col-flags': () => 'Flags raised',
  'report.col-flags-in-time': () => 'Acknowledged before the admins were told',
  'report.col-flag-ack': () => 'Median days to acknowledge a flag',
  'report.col-awaiting': () => 'Awaiting acknowledgement now',
  'report.flag-in-time': (a: Pick<FlagRowWords, 'inTime' | 'due' | 'share'>, f: Formats) => flagInTime(a, f),
  'report.flags-chart': () => 'Flags raised in the period, by mandate: acknowledged in time, late, or not yet',
  'report.flags-legend-in-time': () => 'acknowledged in time',
  'report.flags-legend-late': () => 'acknowledged late',
  'report.flags-legend-missed': () => 'unacknowledged, admins told',
  'report.flags-legend-open': () => 'unacknowledged, still in time',
  'report.flags-all': () => 'All flags',
  'report.flags-none': () => 'No flag was raised in this period, and none awaits acknowledgement now.',
  'report.meaning-flags': () =>
    'Flags companies raised in the period. A flag counts under each mandate it went to; one no mandate covered (it went to the admins) counts in the total and under its company only.',
  'report.meaning-flags-in-time': (a: { days: number; hours: number }) =>
    `Of the flags whose acknowledgement has fallen due (acknowledged, or the admins have been told), how many were acknowledged no later than the moment the admins are told: ${a.days} business days after the flag was raised (counted in PreLetter's default time zone), or ${a.hours} hours when urgent.`,
  'report.meaning-flag-ack': () => 'The middle value, in days, from a flag being raised to its acknowledgement, among the flags acknowledged.',
  'report.meaning-awaiting': () => 'Flags nobody has acknowledged although the admins have been told, whenever they were raised.',
  'report.calls-title': () => 'Calls for input',
  'report.calls-by-company': () => 'Calls for input by company',
  'report.calls-by-mandate': () => 'Calls for input by mandate',
  'report.col-calls': () => 'Calls for input',
  'report.calls-asked': (a: { count: number }) => `to ${companies(a.count)}`,
  'report.col-calls-asked': () => 'Companies asked',
  'report.col-calls-in-time': () => 'Answered by the deadline',
  'report.col-calls-contribute': () => 'Will contribute',
  'report.col-calls-submitted': () => 'Submitted',
  'report.col-calls-declined': () => 'Declined',
  'report.col-call-answer': () => 'Median days to answer a call',
  'report.col-unanswered': () => 'Unanswered now',
  'report.call-in-time': (a: Pick<CallRowWords, 'inTime' | 'due' | 'share'>, f: Formats) => callInTime(a, f),
  'report.calls-chart': () => 'Companies asked by calls for input published in the period, by mandate: answered in time, late, not at all, or not yet due',
  'report.calls-legend-in-time': () => 'answered in time',
  'report.calls-legend-late': () => 'answered late',
  'report.calls-legend-missed': () => 'no answer by the deadline',
  'report.calls-legend-open': () => 'no answer yet, none due',
  'report.calls-all': () => 'All calls',
  'report.calls-none': () => 'No call for input was published in this period, and none misses an answer now.',
  'report.meaning-calls': () =>
    "Calls for input published in the period, and the companies they went to; under a company, the calls it received. A call counts under its mandate and under each company it went to, there with that company's answer only.",
  'report.meaning-calls-in-time': () =>
    "Of the companies whose answer has fallen due (they answered, or the deadline passed while the call was open; a call closed before its deadline asks nothing more), how many gave their first answer (will contribute, submitted or declined) by the end of the deadline day in the mandate's time zone.",
  'report.meaning-calls-answers': () => 'Where the companies stand by their latest answer: they will contribute, they submitted their input, or they declined.',
  'report.meaning-call-answer': () => "The middle value, in days, from a call's publication to a company's first answer, among the companies that answered.",
  'report.meaning-unanswered': () => 'Calls still open past their deadline that a company has not answered, whenever they were published; closed calls are left out.',
};

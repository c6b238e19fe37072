/**
 * The record of who replied in time: per company and per mandate, over a period, how many
 * letters were previewed, what share of the replies that fell due came within the reply
 * period, how long acknowledgements and replies took (medians), and what is overdue now.
 * Pure: the caller passes what happened (facts only, never a letter's text), the clock
 * policy and the moment the report is made, so tests run years of history in memory.
 *
 * Every figure is about the items that began in the period [from, to), except "overdue now",
 * which is about the present: a letter previewed before the period is still overdue today.
 */
import { deadlineOf } from './deadline';
import type { Letter } from './types';

/** Why: what a report reads of a letter: who it is between and its facts, never its text, so a report cannot leak one. */
export type ReportLetter = { kind: 'letter' } & Pick<
  Letter,
  'ref' | 'mandateKey' | 'companyKey' | 'previewed' | 'acknowledged' | 'formalSent' | 'replied' | 'withdrawn'
>;

/**
 * Why: everything a report counts, tagged by kind. Flags and calls for input join this union as
 * further kinds, each with a figures function of its own (see FIGURES); grouping by company and
 * mandate, the period and the rows stay as they are.
 */
export type ReportItem = ReportLetter;

/** Why: the period a report covers, from included to `to` excluded, as instants (the caller decides whose midnight). */
export interface ReportPeriod {
  from: Date;
  to: Date;
}

/** Why: the rules a report applies: its period, the present moment, and the reply clock as the bot keeps it. */
export interface ReportRules {
  period: ReportPeriod;
  now: Date;
  /** Calendar days a company has to reply after the formal letter (ClockPolicy.responseWindowDays). */
  responseWindowDays: number;
  /** The zone a mandate keeps its deadlines in (the end of the last day there), as deadlineOf needs it. */
  zoneOf(mandateKey: string): string;
}

/** Why: the figures of letters in one row; every count is of letters previewed in the period, except overdueNow. */
export interface LetterFigures {
  /** Letters previewed in the period. */
  previewed: number;
  /** Of those, withdrawn: no reply is expected from the company. */
  withdrawn: number;
  /** Of those, acknowledged by the company, and the median days from preview to acknowledgement. */
  acknowledged: number;
  medianDaysToAcknowledge: number | null;
  /** Of those, letters whose reply has fallen due: the formal letter was sent, and it was replied to or its deadline passed. */
  replyDue: number;
  /** Of the replies due, those recorded by the end of the deadline's last day. */
  repliedInTime: number;
  /** repliedInTime / replyDue, rounded to three decimals; null when no reply has fallen due. */
  inTimeShare: number | null;
  /** Of those previewed, replied to, and the median days from the formal letter to the reply. */
  replied: number;
  medianDaysToReply: number | null;
  /** References of every letter overdue at the report's moment, whenever it was previewed, oldest first. */
  overdueNow: string[];
}

/** Why: what one row says, by kind of item; flags and calls for input add their own figures here. */
export interface ReportFigures {
  letters: LetterFigures;
}

/** Why: one company's or one mandate's figures, by its directory key (the view names it). */
export interface ReportRow extends ReportFigures {
  key: string;
}

/** Why: the whole record: the rules it was made with, the total, and a row per company and per mandate (sorted by key). */
export interface Report {
  period: ReportPeriod;
  now: Date;
  responseWindowDays: number;
  total: ReportFigures;
  companies: ReportRow[];
  mandates: ReportRow[];
}

const DAY_MS = 86_400_000;

/** Why: the middle value (the mean of the two middle ones for an even count), in days to one decimal; null for none. */
export function medianDays(durationsMs: number[]): number | null {
  if (durationsMs.length === 0) return null;
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const ms = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round((ms / DAY_MS) * 10) / 10;
}

function inPeriod(at: Date, period: ReportPeriod): boolean {
  return at.getTime() >= period.from.getTime() && at.getTime() < period.to.getTime();
}

function deadlineOfLetter(letter: ReportLetter, rules: ReportRules): Date | undefined {
  return letter.formalSent ? deadlineOf(letter.formalSent.at, rules.zoneOf(letter.mandateKey), rules.responseWindowDays) : undefined;
}

/** Why: overdue exactly as a letter's status says it (lifecycle.deriveStatus): sent, neither replied nor withdrawn, past its deadline. */
function isOverdue(letter: ReportLetter, deadline: Date | undefined, now: Date): boolean {
  return Boolean(deadline && !letter.replied && !letter.withdrawn && now.getTime() > deadline.getTime());
}

function compareRefs(a: string, b: string): number {
  const parse = (ref: string) => /^PL-(\d+)-(\d+)$/.exec(ref)?.slice(1).map(Number) ?? [0, 0];
  const [ya, sa] = parse(a);
  const [yb, sb] = parse(b);
  return ya! - yb! || sa! - sb! || a.localeCompare(b);
}

/** An item with its reply deadline worked out once: a report reads it for the total, its company's row and its mandate's. */
interface Dated {
  item: ReportItem;
  deadline: Date | undefined;
}

function dated(items: ReportItem[], rules: ReportRules): Dated[] {
  return items.map((item) => ({ item, deadline: deadlineOfLetter(item, rules) }));
}

/** Why: the letters' figures of one row, from its letters (those of the period and any overdue now). */
export function letterFigures(letters: ReportLetter[], rules: ReportRules): LetterFigures {
  return figuresOfLetters(dated(letters, rules), rules);
}

function figuresOfLetters(letters: Dated[], rules: ReportRules): LetterFigures {
  const toAcknowledge: number[] = [];
  const toReply: number[] = [];
  const overdueNow: string[] = [];
  let previewed = 0;
  let withdrawn = 0;
  let replyDue = 0;
  let repliedInTime = 0;
  for (const { item: letter, deadline } of letters) {
    if (isOverdue(letter, deadline, rules.now)) overdueNow.push(letter.ref);
    if (!inPeriod(letter.previewed.at, rules.period)) continue;
    previewed += 1;
    if (letter.withdrawn) withdrawn += 1;
    if (letter.acknowledged) toAcknowledge.push(letter.acknowledged.at.getTime() - letter.previewed.at.getTime());
    if (letter.formalSent && letter.replied) toReply.push(letter.replied.at.getTime() - letter.formalSent.at.getTime());
    if (!deadline || letter.withdrawn) continue;
    if (letter.replied || rules.now.getTime() > deadline.getTime()) replyDue += 1;
    if (letter.replied && letter.replied.at.getTime() <= deadline.getTime()) repliedInTime += 1;
  }
  return {
    previewed,
    withdrawn,
    acknowledged: toAcknowledge.length,
    medianDaysToAcknowledge: medianDays(toAcknowledge),
    replyDue,
    repliedInTime,
    inTimeShare: replyDue === 0 ? null : Math.round((repliedInTime / replyDue) * 1000) / 1000,
    replied: toReply.length,
    medianDaysToReply: medianDays(toReply),
    overdueNow: overdueNow.sort(compareRefs),
  };
}

/** Why: one row's figures for each kind; a new kind adds its line here and its field to ReportFigures. */
function figuresOf(items: Dated[], rules: ReportRules): ReportFigures {
  return { letters: figuresOfLetters(items.filter(({ item }) => item.kind === 'letter'), rules) };
}

/** Why: an item belongs in a row when it began in the period or still matters now (overdue); a new kind says here when it began and what keeps it current. */
function matters({ item, deadline }: Dated, rules: ReportRules): boolean {
  return inPeriod(item.previewed.at, rules.period) || isOverdue(item, deadline, rules.now);
}

function rowsBy(items: Dated[], keyOf: (item: ReportItem) => string, rules: ReportRules): ReportRow[] {
  const groups = new Map<string, Dated[]>();
  for (const entry of items) {
    const key = keyOf(entry.item);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.keys()].sort().map((key) => ({ key, ...figuresOf(groups.get(key)!, rules) }));
}

/**
 * The report over `items`, already limited to what the reader may see (their mandates, or all
 * for an admin). Items that neither began in the period nor are overdue now are ignored, so
 * a caller may pass more than it needs; a company or mandate with none of them has no row.
 */
export function computeReport(items: ReportItem[], rules: ReportRules): Report {
  const relevant = dated(items, rules).filter((entry) => matters(entry, rules));
  return {
    period: rules.period,
    now: rules.now,
    responseWindowDays: rules.responseWindowDays,
    total: figuresOf(relevant, rules),
    companies: rowsBy(relevant, (item) => item.companyKey, rules),
    mandates: rowsBy(relevant, (item) => item.mandateKey, rules),
  };
}

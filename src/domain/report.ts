/**
 * The record of who replied in time: per company and per mandate, over a period, how many
 * letters were previewed, what share of the replies that fell due came within the reply
 * period, how long acknowledgements and replies took (medians), and what is overdue now; and
 * the same for flags companies raised (report-flags.ts): how many, what share was acknowledged
 * before the admins were told, how long acknowledgements took, and what awaits one now.
 * Pure: the caller passes what happened (facts only, never a letter's or flag's text), the
 * clock policy and the moment the report is made, so tests run years of history in memory.
 *
 * Every figure is about the items that began in the period [from, to), except "overdue now"
 * and "awaiting now", which are about the present: a letter previewed before the period is
 * still overdue today. A letter counts in its company's and its mandate's rows; a flag in its
 * company's and in each mandate's it went to (one that went to the admins only, in its
 * company's row and the total).
 */
import { deadlineOf } from './deadline';
import { callForCompany, callMatters, figuresOfCalls, type CallEntry, type CallFigures, type ReportCall } from './report-calls';
import { figuresOfFlags, flagMatters, markFlag, type FlagFigures, type FlagRules, type MarkedFlag, type ReportFlag } from './report-flags';
import { compareRefs, inPeriod, medianDays, shareOf } from './report-measures';
import type { Letter } from './types';

export { medianDays } from './report-measures';
export type { CallFigures, ReportCall } from './report-calls';
export type { FlagFigures, ReportFlag } from './report-flags';

/** Why: what a report reads of a letter: who it is between and its facts, never its text, so a report cannot leak one. */
export type ReportLetter = { kind: 'letter' } & Pick<
  Letter,
  'ref' | 'mandateKey' | 'companyKey' | 'previewed' | 'acknowledged' | 'formalSent' | 'replied' | 'withdrawn'
>;

/**
 * Why: everything a report counts, tagged by kind. A further kind joins as flags and calls did:
 * a figures function of its own (report-flags.ts, report-calls.ts), a case in prepare, matters,
 * companyRowsOf, mandateRowsOf and figuresOf below, and a field in ReportFigures; the period and
 * the rows stay as they are.
 */
export type ReportItem = ReportLetter | ReportFlag | ReportCall;

/** Why: the companies an item is about, so the caller can look up their names: a call's every recipient. */
export function companyKeysOf(item: ReportItem): string[] {
  return item.kind === 'call' ? item.recipients.map((r) => r.companyKey) : [item.companyKey];
}

/** Why: the mandates an item is about, so the caller can look up their titles and zones. */
export function mandateKeysOf(item: ReportItem): string[] {
  return item.kind === 'flag' ? item.mandateKeys : [item.mandateKey];
}

/** Why: the period a report covers, from included to `to` excluded, as instants (the caller decides whose midnight). */
export interface ReportPeriod {
  from: Date;
  to: Date;
}

/** Why: the rules a report applies: its period, the present moment, and the reply and flag clocks as the bot keeps them. */
export interface ReportRules extends FlagRules {
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

/** Why: what one row says, by kind of item. */
export interface ReportFigures {
  letters: LetterFigures;
  flags: FlagFigures;
  calls: CallFigures;
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
  /** When the admins are told of an unacknowledged flag, as the views explain "in time" for flags. */
  flagEscalation: { businessDays: number; urgentHours: number };
  total: ReportFigures;
  companies: ReportRow[];
  mandates: ReportRow[];
}

function deadlineOfLetter(letter: ReportLetter, rules: ReportRules): Date | undefined {
  return letter.formalSent ? deadlineOf(letter.formalSent.at, rules.zoneOf(letter.mandateKey), rules.responseWindowDays) : undefined;
}

/** Why: overdue exactly as a letter's status says it (lifecycle.deriveStatus): sent, neither replied nor withdrawn, past its deadline. */
function isOverdue(letter: ReportLetter, deadline: Date | undefined, now: Date): boolean {
  return Boolean(deadline && !letter.replied && !letter.withdrawn && now.getTime() > deadline.getTime());
}

/** A letter with its reply deadline worked out once: a report reads it for the total, its company's row and its mandate's. */
interface DatedLetter {
  item: ReportLetter;
  deadline: Date | undefined;
}

/** An item ready to count, by kind: a letter with its deadline, a flag with the moment its admins are told, a call as it is. */
type Entry = DatedLetter | MarkedFlag | CallEntry;

function dateLetter(letter: ReportLetter, rules: ReportRules): DatedLetter {
  return { item: letter, deadline: deadlineOfLetter(letter, rules) };
}

const isLetter = (entry: Entry): entry is DatedLetter => entry.item.kind === 'letter';
const isFlag = (entry: Entry): entry is MarkedFlag => entry.item.kind === 'flag';
const isCall = (entry: Entry): entry is CallEntry => entry.item.kind === 'call';

/** Why: the letters' figures of one row, from its letters (those of the period and any overdue now). */
export function letterFigures(letters: ReportLetter[], rules: ReportRules): LetterFigures {
  return figuresOfLetters(
    letters.map((letter) => dateLetter(letter, rules)),
    rules,
  );
}

function figuresOfLetters(letters: DatedLetter[], rules: ReportRules): LetterFigures {
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
    inTimeShare: shareOf(repliedInTime, replyDue),
    replied: toReply.length,
    medianDaysToReply: medianDays(toReply),
    overdueNow: overdueNow.sort(compareRefs),
  };
}

/** Why: each item made ready once, by kind; a new kind adds its case here and in the functions below. */
function prepare(item: ReportItem, rules: ReportRules): Entry {
  switch (item.kind) {
    case 'letter':
      return dateLetter(item, rules);
    case 'flag':
      return markFlag(item, rules);
    case 'call':
      return { item };
  }
}

/** Why: an item belongs in a row when it began in the period or still matters now (a letter overdue, a flag awaiting past its mark, a call missing an answer). */
function matters(entry: Entry, rules: ReportRules): boolean {
  if (isLetter(entry)) return inPeriod(entry.item.previewed.at, rules.period) || isOverdue(entry.item, entry.deadline, rules.now);
  if (isFlag(entry)) return flagMatters(entry, rules);
  return callMatters(entry, rules);
}

/** Why: the companies' rows an item counts in, each with what that company may be told: a call with that company's answer only. */
function companyRowsOf(entry: Entry): Array<[string, Entry]> {
  return isCall(entry) ? callForCompany(entry) : [[entry.item.companyKey, entry]];
}

/** Why: the mandates' rows an item counts in: a letter's or a call's one mandate, each mandate a flag went to (none when it went to the admins). */
function mandateRowsOf(entry: Entry): Array<[string, Entry]> {
  return isFlag(entry) ? [...new Set(entry.item.mandateKeys)].map((key): [string, Entry] => [key, entry]) : [[entry.item.mandateKey, entry]];
}

/** Why: one row's figures for each kind; a new kind adds its line here and its field to ReportFigures. */
function figuresOf(entries: Entry[], rules: ReportRules): ReportFigures {
  return {
    letters: figuresOfLetters(entries.filter(isLetter), rules),
    flags: figuresOfFlags(entries.filter(isFlag), rules),
    calls: figuresOfCalls(entries.filter(isCall), rules),
  };
}

/** Why: rows by key; what a row receives is checked again, since a call a company answered may no longer matter in that company's row. */
function rowsBy(entries: Entry[], rowsOf: (entry: Entry) => Array<[string, Entry]>, rules: ReportRules): ReportRow[] {
  const groups = new Map<string, Entry[]>();
  for (const [key, entry] of entries.flatMap(rowsOf)) {
    if (!matters(entry, rules)) continue;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.keys()].sort().map((key) => ({ key, ...figuresOf(groups.get(key)!, rules) }));
}

/**
 * The report over `items`, already limited to what the reader may see (their mandates, or all
 * for an admin). Items that neither began in the period nor matter now (overdue, awaiting, unanswered) are
 * ignored, so a caller may pass more than it needs; a company or mandate with none has no row.
 */
export function computeReport(items: ReportItem[], rules: ReportRules): Report {
  const relevant = items.map((item) => prepare(item, rules)).filter((entry) => matters(entry, rules));
  return {
    period: rules.period,
    now: rules.now,
    responseWindowDays: rules.responseWindowDays,
    flagEscalation: { businessDays: rules.flagClock.flag.normal.escalateAdminsAfterBusinessDays, urgentHours: rules.flagClock.flag.urgent.escalateAdminsAfterHours },
    total: figuresOf(relevant, rules),
    companies: rowsBy(relevant, companyRowsOf, rules),
    mandates: rowsBy(relevant, mandateRowsOf, rules),
  };
}

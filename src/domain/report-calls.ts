/**
 * Calls for input in the record: how promptly companies answered what mandate teams asked. A
 * company answers in time when its FIRST answer ("we will contribute", "submitted" or "not for
 * us") came no later than the call's deadline (the end of the deadline day in the mandate's
 * zone, as the call keeps it). Pure, like the letters' and the flags' figures (report.ts).
 *
 * A call counts once in its mandate's row and the total, with every company it went to; and
 * once in the row of EACH company it went to, with that company's answer only, so a company's
 * row never tells another company's answer. A call the mandate team closed asks nothing more:
 * a company that had not answered by then is neither late nor unanswered, unless the deadline
 * had already passed when the call was closed.
 */
import { firstAnswerOf, type CallAnswer, type CallForInput } from './call';
import { compareRefs, inPeriod, medianDays, shareOf } from './report-measures';

/** Why: an answer as a report reads it: what and when, never who. */
export interface ReportCallAnswer {
  answer: CallAnswer;
  at: Date;
}

/** Why: one company a call went to, with its first answer (how quickly it answered) and its latest (where it stands). */
export interface ReportCallRecipient {
  companyKey: string;
  first?: ReportCallAnswer;
  latest?: ReportCallAnswer;
}

/** Why: what a report reads of a call: its facts and each company's answers; never its title, link or topics. */
export type ReportCall = { kind: 'call' } & Pick<CallForInput, 'ref' | 'mandateKey' | 'deadline' | 'published' | 'closed'> & {
    recipients: ReportCallRecipient[];
  };

/** Why: the facts of a call a report needs, whether read whole (tests, fixtures) or projected by the store. */
export type CallFacts = Pick<CallForInput, 'ref' | 'mandateKey' | 'deadline' | 'published' | 'closed' | 'answers' | 'history'> & {
  recipients: ReadonlyArray<{ companyKey: string }>;
};

/** Why: one place turns a call into its report facts, so the store and the tests agree on first and latest answers. */
export function reportCallOf(call: CallFacts): ReportCall {
  const item: ReportCall = {
    kind: 'call',
    ref: call.ref,
    mandateKey: call.mandateKey,
    deadline: call.deadline,
    published: { at: call.published.at, by: call.published.by },
    recipients: call.recipients.map(({ companyKey }) => {
      const latest = call.answers[companyKey];
      // An answer missing from the history (never the case for answers recorded by the store) counts from its latest.
      const first = firstAnswerOf(call, companyKey) ?? latest;
      return {
        companyKey,
        ...(first ? { first: { answer: first.answer, at: first.at } } : {}),
        ...(latest ? { latest: { answer: latest.answer, at: latest.at } } : {}),
      };
    }),
  };
  if (call.closed) item.closed = { at: call.closed.at, by: call.closed.by };
  return item;
}

/** Why: the figures of calls in one row; every count is of calls published in the period (a company's: received), except unansweredNow. */
export interface CallFigures {
  /** Calls published in the period; in a company's row, the calls it received. */
  published: number;
  /** The companies those calls went to, counted once per call (in a company's row, equal to published). */
  companiesAsked: number;
  /** Of those, the companies that answered at all. */
  answered: number;
  /** Of those, the answers that have fallen due: given, or the deadline passed while the call was open. */
  answerDue: number;
  /** Of those due, the companies whose first answer came no later than the deadline. */
  answeredInTime: number;
  /** answeredInTime / answerDue, rounded to three decimals; null when no answer has fallen due. */
  inTimeShare: number | null;
  /** Where the companies stand by their latest answer: will contribute, submitted, declined. */
  willContribute: number;
  submitted: number;
  declined: number;
  /** The median days from publication to a company's first answer, among those that answered. */
  medianDaysToAnswer: number | null;
  /** References of every call not closed, past its deadline, with a company's answer missing (in a company's row: its own), oldest first. */
  unansweredNow: string[];
}

/** Why: a call ready to count; it needs no preparation (its deadline is an instant), but every kind of item is counted as an entry. */
export interface CallEntry {
  item: ReportCall;
}

/** Why: a company's answer falls due when it answered, or the deadline passed while the call was still open (a call closed earlier asks nothing more). */
function isDue(call: ReportCall, recipient: ReportCallRecipient, now: Date): boolean {
  if (recipient.first) return true;
  const deadline = call.deadline.getTime();
  return now.getTime() > deadline && (!call.closed || call.closed.at.getTime() > deadline);
}

/** Why: "unanswered now" for one company: the call is not closed, its deadline has passed, and the company never answered. */
function isUnansweredNow(call: ReportCall, recipient: ReportCallRecipient, now: Date): boolean {
  return !call.closed && !recipient.first && now.getTime() > call.deadline.getTime();
}

/** Why: a call belongs in a row when it was published in the period or a company's answer is missing past its deadline now. */
export function callMatters({ item }: CallEntry, rules: { period: { from: Date; to: Date }; now: Date }): boolean {
  return inPeriod(item.published.at, rules.period) || item.recipients.some((r) => isUnansweredNow(item, r, rules.now));
}

/** Why: a company's row counts each call it received with its own answer only, never another company's. */
export function callForCompany(entry: CallEntry): Array<[string, CallEntry]> {
  return entry.item.recipients.map((recipient) => [recipient.companyKey, { item: { ...entry.item, recipients: [recipient] } }]);
}

/** Why: the calls' figures of one row, from its calls (those of the period and any with an answer missing now). */
export function callFigures(calls: ReportCall[], rules: { period: { from: Date; to: Date }; now: Date }): CallFigures {
  return figuresOfCalls(
    calls.map((item) => ({ item })),
    rules,
  );
}

/** Why: the same figures from entries, as computeReport passes them for each row. */
export function figuresOfCalls(entries: CallEntry[], rules: { period: { from: Date; to: Date }; now: Date }): CallFigures {
  const toAnswer: number[] = [];
  const unansweredNow: string[] = [];
  const latest: Record<CallAnswer, number> = { contribute: 0, submitted: 0, declined: 0 };
  let published = 0;
  let asked = 0;
  let due = 0;
  let inTime = 0;
  for (const { item: call } of entries) {
    if (call.recipients.some((r) => isUnansweredNow(call, r, rules.now))) unansweredNow.push(call.ref);
    if (!inPeriod(call.published.at, rules.period)) continue;
    published += 1;
    for (const recipient of call.recipients) {
      asked += 1;
      if (isDue(call, recipient, rules.now)) due += 1;
      if (recipient.latest) latest[recipient.latest.answer] += 1;
      if (!recipient.first) continue;
      toAnswer.push(recipient.first.at.getTime() - call.published.at.getTime());
      if (recipient.first.at.getTime() <= call.deadline.getTime()) inTime += 1;
    }
  }
  return {
    published,
    companiesAsked: asked,
    answered: toAnswer.length,
    answerDue: due,
    answeredInTime: inTime,
    inTimeShare: shareOf(inTime, due),
    willContribute: latest.contribute,
    submitted: latest.submitted,
    declined: latest.declined,
    medianDaysToAnswer: medianDays(toAnswer),
    unansweredNow: unansweredNow.sort(compareRefs),
  };
}

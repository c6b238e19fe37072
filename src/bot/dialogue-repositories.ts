/**
 * Persistence ports of the dialogue's other kinds: flags raised by companies and calls for
 * input published by mandate teams. src/store implements them, as it does the letters' ports
 * in repositories.ts.
 */
import type { CallAnswer, CallCopy, CallForInput } from '../domain/call';
import type { Flag } from '../domain/flag';
import type { ReportCall, ReportFlag } from '../domain/report';
import type { LetterThread } from '../domain/types';
import type { CallReportQuery, FlagReportQuery } from './repositories';

/** Why: flags raised by companies, kept like letters: numbered, read by reference, acknowledged once whoever races. */
export interface FlagRepository {
  /** The next reference of the year's flag series (`FL-2026-0001`), unique across instances. */
  nextRef(year: number): Promise<string>;
  create(flag: Flag): Promise<void>;
  get(ref: string): Promise<Flag | null>;
  /** Sets the acknowledgement only when there is none yet; `applied` says whether this call set it. */
  acknowledge(ref: string, fact: { at: Date; by: string; mandateKey?: string }): Promise<{ applied: boolean; flag: Flag | null }>;
  /** Adds a thread the flag was posted in (a mandate's channel), once per thread ref. */
  addThread(ref: string, thread: LetterThread): Promise<Flag | null>;
  /** Why: a report counts flags as facts only (never their summary or topics), in one query, as it counts letters. */
  forReport(query: FlagReportQuery): Promise<ReportFlag[]>;
  /**
   * Why: status answers: the newest flags of a company's list (companyScope) or a mandate's
   * (mandateScope), newest first, at most `limit`; `openOnly` keeps those awaiting acknowledgement.
   * A flag is in its company's list and in the list of each mandate it went to.
   */
  list(query: FlagListQuery): Promise<Flag[]>;
}

/** Which flags a status list shows. */
export interface FlagListQuery {
  scope: string;
  openOnly?: boolean;
  limit: number;
}

/**
 * Why: what answering a call did, said by the store from the same atomic update: the answer
 * was recorded, or it was the company's latest answer already, or the call is closed, or the
 * company is not one the call went to, or there is no such call.
 */
export type CallAnswerResult =
  | { outcome: 'answered' | 'same' | 'closed' | 'not-recipient'; call: CallForInput }
  | { outcome: 'not-found' };

/** Why: a set-once change to a call: whether this call made it, and the call as it is now (null when unknown). */
export interface CallUpdate {
  applied: boolean;
  call: CallForInput | null;
}

/** Why: calls for input, kept like flags: numbered, read by reference, every change one atomic conditional update. */
export interface CallRepository {
  /** The next reference of the year's call series (`CI-2026-0001`), unique across instances. */
  nextRef(year: number): Promise<string>;
  /** Saves a new call, listed under its mandate and each of its companies. */
  create(call: CallForInput): Promise<void>;
  get(ref: string): Promise<CallForInput | null>;
  /**
   * Records a company's answer as its latest and in the history, only while the call is
   * open, the company one of its recipients and the answer different from its latest.
   */
  answer(ref: string, companyKey: string, answer: CallAnswer, fact: { at: Date; by: string }): Promise<CallAnswerResult>;
  /** Records where a company's card is in its channel, once. */
  setThread(ref: string, companyKey: string, thread: LetterThread): Promise<CallUpdate>;
  /** Records the owners' direct copies of a company's card (no channel), once. */
  setCopies(ref: string, companyKey: string, copies: CallCopy[]): Promise<CallUpdate>;
  /** Records where the call's card is in the mandate's own channel, once. */
  setMandateThread(ref: string, thread: LetterThread): Promise<CallUpdate>;
  /** Closes the call (withdrawn by the mandate team), once. */
  close(ref: string, fact: { at: Date; by: string }): Promise<CallUpdate>;
  /** A mandate's calls, newest first, at most `limit`. */
  listByMandate(mandateKey: string, limit: number): Promise<CallForInput[]>;
  /** The calls a company received, newest first, at most `limit`. */
  listByCompany(companyKey: string, limit: number): Promise<CallForInput[]>;
  /** Calls not closed whose deadline is at or after `after`, earliest deadline first: what reminders are planned for. */
  listOpen(after: Date, limit: number): Promise<CallForInput[]>;
  /** Why: a report counts calls as facts only (never their title, link or topics), in one query, as it counts letters and flags. */
  forReport(query: CallReportQuery): Promise<ReportCall[]>;
}

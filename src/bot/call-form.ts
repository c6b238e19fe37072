/**
 * The rules of the call-for-input form, kept once for both platforms and the use case: the
 * fields, what each must hold, and the sentence for each mistake (naming its field). An
 * adapter's form can show every mistake beside its field; publishCall refuses with the first.
 */
import { callDeadline, isCallLink, isLocalDate } from '../domain/call';
import { localDateOf, plusDays } from '../domain/calendar';
import type { Mandate } from '../domain/types';
import type { Message } from './messages/catalogue';
import { isFormTopic } from './preview-letter';

/** The form's fields, in the order forms show them and refusals name them. */
export const CALL_FIELDS = ['mandate', 'title', 'link', 'topics', 'deadline'] as const;

/** One field of the form. */
export type CallField = (typeof CALL_FIELDS)[number];

/** The longest title a call may have. */
export const CALL_TITLE_MAX_LENGTH = 200;
/** How far ahead a deadline may be, in days. */
export const CALL_DEADLINE_MAX_DAYS = 365;

/** What a person entered for a call, read from a form or a command (absent when left empty). */
export interface CallFormAnswers {
  title?: string;
  link?: string;
  topics: string[];
  /** The deadline day, `yyyy-mm-dd`, in the mandate's calendar. */
  deadline?: string;
}

/** A call's checked fields, ready to publish. */
export interface CheckedCall {
  title: string;
  link: string;
  topics: string[];
  /** The end of the deadline day in the mandate's zone. */
  deadline: Date;
}

/** Why: the answers as a call, or the sentence for each field at fault. */
export type CallFormCheck = { ok: true; value: CheckedCall } | { ok: false; errors: Partial<Record<CallField, Message>> };

/** Why: the deadline days a form may offer for a mandate: tomorrow to a year ahead, in the mandate's calendar. */
export function deadlineRange(mandate: Pick<Mandate, 'timeZone'>, now: Date): { first: string; last: string } {
  const today = localDateOf(now, mandate.timeZone);
  return { first: plusDays(today, 1), last: plusDays(today, CALL_DEADLINE_MAX_DAYS) };
}

/** Why: the topics a call of this mandate may carry: the mandate's own that every form can show. */
export function callTopicsOf(mandate: Pick<Mandate, 'topics'>): string[] {
  return [...new Set(mandate.topics)].filter(isFormTopic).sort();
}

function shown(text: string): string {
  const chars = [...text];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text;
}

/** Why: every rule of the form in one place, for one mandate at one instant. */
export function checkCallForm(answers: CallFormAnswers, context: { mandate: Mandate; now: Date }): CallFormCheck {
  const { mandate, now } = context;
  const errors: Partial<Record<CallField, Message>> = {};
  const title = (answers.title ?? '').trim();
  if (title === '' || [...title].length > CALL_TITLE_MAX_LENGTH) errors.title = { key: 'call.title-invalid', max: CALL_TITLE_MAX_LENGTH };
  const link = (answers.link ?? '').trim();
  if (!isCallLink(link)) errors.link = { key: 'call.link-invalid' };
  const topics = [...new Set(answers.topics.map((t) => t.trim()).filter(Boolean))];
  const offered = new Set(callTopicsOf(mandate));
  const unknown = topics.find((t) => !offered.has(t));
  if (topics.length === 0 || unknown !== undefined) {
    errors.topics = { key: 'call.topics-invalid', mandate: mandate.title, ...(unknown === undefined ? {} : { unknown: shown(unknown) }) };
  }
  const day = (answers.deadline ?? '').trim();
  const range = deadlineRange(mandate, now);
  if (!isLocalDate(day) || day < range.first || day > range.last) errors.deadline = { key: 'call.deadline-invalid', days: CALL_DEADLINE_MAX_DAYS };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { title, link, topics, deadline: callDeadline(day, mandate.timeZone) } };
}

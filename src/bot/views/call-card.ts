/**
 * The cards of a call for input: the company's card (in its channel, or an owner's copy),
 * the mandate team's table of answers, and a reminder. A company's card shows that
 * company's answer only; the table of every company's answer is for the mandate team.
 */
import { CALL_ANSWERS, type CallAnswer, type CallAnswerFact, type CallForInput } from '../../domain/call';
import { daysLeft } from '../../domain/deadline';
import type { Voice } from '../messages/catalogue';
import type { CallActionId, CardButton, CardField, NeutralCard } from '../ports';

/** Why: each answer's button, so adapters and use cases map a click to an answer in one place. */
export const CALL_ANSWER_ACTIONS: Record<CallAnswer, CallActionId> = {
  contribute: 'call-contribute',
  submitted: 'call-submitted',
  declined: 'call-declined',
};

const LABELS = { contribute: 'call.button-contribute', submitted: 'call.button-submitted', declined: 'call.button-declined' } as const;

/** What a call's cards need beyond the call: names looked up by the caller (a view reads no directory), the time and the reader. */
export interface CallView {
  call: CallForInput;
  mandateTitle: string;
  /** A person's name by key; the key stands in for someone the directory lost. */
  nameOf(key: string): string;
  now: Date;
  voice: Voice;
}

/** Why: an answer as it reads on a card: what, who and when. */
export function answerText(answer: CallAnswerFact | undefined, view: Pick<CallView, 'nameOf' | 'voice'>): string {
  const v = view.voice;
  return answer ? v.t('call.answer-by', { answer: answer.answer, name: view.nameOf(answer.by), at: answer.at }) : v.t('call.no-answer');
}

/** The answer buttons: none once the call is closed, and not the one the company already gave. */
export function callButtons(call: CallForInput, companyKey: string, v: Voice): CardButton[] {
  if (call.closed) return [];
  const current = call.answers[companyKey]?.answer;
  return CALL_ANSWERS.filter((answer) => answer !== current).map((answer) => ({
    action: CALL_ANSWER_ACTIONS[answer],
    label: v.t(LABELS[answer]),
    value: call.ref,
    ...(answer === 'submitted' ? { style: 'primary' as const } : {}),
  }));
}

function deadlineField(view: CallView): CardField {
  const v = view.voice;
  return { label: v.t('call.label-deadline'), value: v.t('call.due', { at: view.call.deadline, days: daysLeft(view.call.deadline, view.now, v.zone) }) };
}

/**
 * The company's card: what the call is, from which mandate, its link, topics, the deadline
 * with the days left in the reader's zone, this company's answer and the answer buttons.
 * Updated in place when the company answers. The link is plain text: the neutral card has
 * no link segment, and every platform makes a bare https address clickable.
 */
export function callCard(view: CallView, companyKey: string): NeutralCard {
  const { call, voice: v } = view;
  const body = [[{ text: v.t('call.from', { mandate: view.mandateTitle }) }], [{ text: v.t('call.link', { link: call.link }) }]];
  if (call.closed) body.push([{ text: v.t('call.closed-note', { at: call.closed.at }) }]);
  const fields: CardField[] = [{ label: v.t('label.topics'), value: v.list(call.topics) }];
  if (!call.closed) fields.push(deadlineField(view));
  fields.push({ label: v.t('call.label-answer'), value: answerText(call.answers[companyKey], view) });
  return {
    title: v.t('call.title', { ref: call.ref, title: call.title }),
    body,
    fields,
    buttons: callButtons(call, companyKey, v),
    footer: v.t('call.footer', { name: view.nameOf(call.published.by), at: call.published.at }),
    tone: call.closed ? 'error' : 'info',
  };
}

/** Rows the table shows before it says how many more there are (Slack shows ten fields a block, fifty blocks a message). */
export const CALL_TABLE_ROWS = 40;

/**
 * The mandate team's table: one row per company the call went to (by name, in the reader's
 * language's order), with its latest answer, who gave it and when, or "no answer yet".
 * Only ever shown to the mandate team, admins, or in the mandate's own channel.
 */
export function callAnswersCard(view: CallView, companyName: (key: string) => string): NeutralCard {
  const { call, voice: v } = view;
  const collator = new Intl.Collator(v.language);
  const rows = call.recipients
    .map((r) => ({ name: companyName(r.companyKey), answer: call.answers[r.companyKey] }))
    .sort((a, b) => collator.compare(a.name, b.name));
  const answered = rows.filter((r) => r.answer).length;
  const body = [[{ text: v.t('call.answers-summary', { count: rows.length, answered, deadline: call.deadline }) }]];
  if (call.closed) body.push([{ text: v.t('call.closed-note', { at: call.closed.at }) }]);
  if (rows.length > CALL_TABLE_ROWS) body.push([{ text: v.t('call.answers-more', { count: rows.length - CALL_TABLE_ROWS }) }]);
  return {
    title: v.t('call.answers-title', { ref: call.ref, title: call.title }),
    body,
    fields: rows.slice(0, CALL_TABLE_ROWS).map((r) => ({ label: r.name, value: answerText(r.answer, view) })),
    buttons: [],
    footer: v.t('call.answers-footer'),
    tone: call.closed ? 'error' : 'info',
  };
}

/** A reminder to a company that has neither submitted nor declined: days left in the reader's zone, and the answer buttons. */
export function callReminderCard(view: CallView, companyKey: string, companyName: string): NeutralCard {
  const { call, voice: v } = view;
  const days = Math.max(0, daysLeft(call.deadline, view.now, v.zone));
  return {
    title: v.t('call.reminder-title', { ref: call.ref, days }),
    body: [[{ text: v.t('call.reminder', { company: companyName, deadline: call.deadline }) }], [{ text: v.t('call.link', { link: call.link }) }]],
    fields: [deadlineField(view), { label: v.t('call.label-answer'), value: answerText(call.answers[companyKey], view) }],
    buttons: callButtons(call, companyKey, v),
    footer: v.t('time.zone', { zone: v.zone }),
    tone: days <= 1 ? 'warning' : 'info',
  };
}

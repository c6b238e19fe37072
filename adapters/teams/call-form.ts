/**
 * The call-for-input form on Teams: an Adaptive Card built from callFormOptions (the mandates
 * the person may publish for, their topics, the deadline days they accept), in the person's
 * language, shown in a dialog (opened from the card `@PreLetter call` leaves in a channel, or
 * from the message extension) or as a card in personal chat. Its answers are judged by the
 * core's call rules, every field at once (errors shown under their field, inputs kept). Whose
 * form it is and its one-time id travel through the Teams client, so they are signed.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CALL_FIELDS, CALL_TITLE_MAX_LENGTH, type CallField } from '../../src/bot/call-form';
import { refusal, voiceFor, type Voice } from '../../src/bot/messages/catalogue';
import type { CallFormOptions, CallInput } from '../../src/bot/publish-call';
import { CALL_LINK_MAX_LENGTH } from '../../src/domain/call';
import type { PlatformIdentity } from '../../src/domain/types';
import { clipChars } from '../shared/read-payload';
import { escapeCardText } from './escape';
import { topicChoiceValue, topicsOf } from './preview-form';
import { dialogOpenerCard, formCard, type FormPlace } from './form-card';
import type { CardElement } from './render';
import { signToken, verifyToken } from './signed-token';
import { TEAMS_ID } from './thread-ref';

/** The Action.Execute verb of the chat form's submit button. */
export const CALL_SUBMIT_VERB = 'call-submit';

/** Why: names the call dialog: the message extension's command id, and the `dialog` a card's button and the dialog's form send. */
export const CALL_DIALOG = 'call';

/** What a call form's token is signed for: never mistaken for a preview or flag form's. */
const PURPOSE = 'preletter-call-form';
const MAX_OPTIONS = 100;
const CHOICE_TITLE_MAX = 100;

const bindingSchema = z.object({
  v: z.literal(1),
  workspaceId: z.string().regex(TEAMS_ID.tenant),
  /** Who the form was opened for: only they may submit it. */
  userId: z.string().min(1).max(300),
  nonce: z.string().min(8).max(64),
  locale: z.string().max(35).optional(),
});

/** The signed part of a call form: whose it is and its one-time id. */
export type CallBinding = z.infer<typeof bindingSchema>;

/** Why: a new call form's token, for this person, with a fresh one-time id. */
export function signCallBinding(actor: PlatformIdentity, key: Buffer, locale?: string): string {
  const binding: CallBinding = { v: 1, workspaceId: actor.workspaceId, userId: actor.userId, nonce: randomUUID(), ...(locale ? { locale } : {}) };
  return signToken(PURPOSE, binding, key);
}

/** Why: only a call form this process's key signed is trusted; anything else means "run call again". */
export function verifyCallBinding(token: unknown, key: Buffer): CallBinding {
  const binding = verifyToken(PURPOSE, token, key, bindingSchema);
  if (!binding) throw refusal('invalid-input', { key: 'call.out-of-date' }, { field: 'form' });
  return binding;
}

/** What the person entered, as Teams reports it (every input value is a string). */
export type CallFormValues = Partial<Record<CallField, string>>;

function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function choices(items: Array<{ title: string; value: string }>): CardElement[] {
  return items.slice(0, MAX_OPTIONS).map((c) => ({ title: clipChars(c.title, CHOICE_TITLE_MAX), value: c.value }));
}

/** Why: the widest range of deadline days the person's mandates accept, for the date input's bounds. */
function deadlineSpan(options: CallFormOptions): { first: string; last: string } {
  const firsts = options.mandates.map((m) => m.deadlines.first).sort();
  const lasts = options.mandates.map((m) => m.deadlines.last).sort();
  return { first: firsts[0]!, last: lasts.at(-1)! };
}

/**
 * Why: the form card, in the person's language; with `values` and `errors` it is the same form
 * again, inputs kept, each problem in red under its field. In a chat it is submitted with a
 * Universal Action (Action.Submit fallback); in a dialog with Action.Submit, which submits the dialog.
 */
export function callFormCard(options: CallFormOptions, token: string, values: CallFormValues = {}, errors: Partial<Record<CallField, string>> = {}, place: FormPlace = 'chat'): CardElement {
  const v: Voice = voiceFor({ locale: options.locale, zone: 'UTC' });
  const body: CardElement[] = [
    textBlock(escapeCardText(v.t('call.form-title')), { size: 'Medium', weight: 'Bolder' }),
    textBlock(escapeCardText(v.t('call.form-intro')), { isSubtle: true }),
  ];
  if (Object.keys(errors).length > 0) body.push(textBlock(escapeCardText(v.t('form.correct')), { color: 'Attention', weight: 'Bolder' }));
  const field = (id: CallField, input: CardElement) => {
    body.push({ id, label: v.t('call.field', { field: id }), ...input });
    const problem = errors[id];
    if (problem) body.push(textBlock(escapeCardText(problem), { color: 'Attention', size: 'Small', spacing: 'None' }));
  };
  const kept = (id: CallField) => (values[id] ? { value: values[id] } : {});
  if (options.mandates.length > 1) {
    field('mandate', { type: 'Input.ChoiceSet', style: 'compact', placeholder: v.t('call.mandate-hint'), ...kept('mandate'), choices: choices(options.mandates.map((m) => ({ title: m.title, value: m.key }))) });
  }
  field('title', { type: 'Input.Text', maxLength: CALL_TITLE_MAX_LENGTH, placeholder: v.t('call.title-hint', { max: CALL_TITLE_MAX_LENGTH }), ...kept('title') });
  field('link', { type: 'Input.Text', style: 'Url', maxLength: CALL_LINK_MAX_LENGTH, placeholder: v.t('call.link-hint'), ...kept('link') });
  field('topics', { type: 'Input.ChoiceSet', isMultiSelect: true, style: 'expanded', ...kept('topics'), choices: choices(options.topics.map((t) => ({ title: t, value: topicChoiceValue(t) }))) });
  const span = deadlineSpan(options);
  body.push(textBlock(escapeCardText(v.t('call.deadline-hint', span)), { isSubtle: true, size: 'Small' }));
  field('deadline', { type: 'Input.Date', min: span.first, max: span.last, ...kept('deadline') });
  return formCard(body, place, { title: v.t('call.submit'), token, verb: CALL_SUBMIT_VERB, dialog: CALL_DIALOG });
}

/**
 * Why: what `@PreLetter call` leaves in a channel's reply chain: a button that opens the form
 * as a dialog for whoever presses it, so nothing about the call is typed in the channel.
 */
export function callDialogCard(locale: string | undefined, name: string): CardElement {
  const v: Voice = voiceFor({ locale, zone: 'UTC' });
  return dialogOpenerCard([textBlock(escapeCardText(v.t('call.form-title')), { weight: 'Bolder' }), textBlock(escapeCardText(v.t('call.dialog-card', { name })))], v.t('button.open-form'), { dialog: CALL_DIALOG });
}

/** The form read at the edge: what was entered (strings), the call it asks for, and the fields that could not be read. */
export interface CallAnswersRead {
  values: CallFormValues;
  input: Omit<CallInput, 'actor'>;
  unreadable: CallField[];
}

/** Why: reads the submitted data at the edge (every input value is a string); the topics by their choice values, against what is offered now. */
export function readCallAnswers(data: Record<string, unknown>, offered: Pick<CallFormOptions, 'topics'>): CallAnswersRead {
  const values: CallFormValues = {};
  const unreadable: CallField[] = [];
  for (const id of CALL_FIELDS) {
    const raw = data[id];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string' || raw.length > 4000) unreadable.push(id);
    else values[id] = raw;
  }
  const topics = topicsOf((values.topics ?? '').split(',').filter((t) => t.trim() !== ''), offered.topics);
  const mandateKey = values.mandate?.trim();
  return {
    values,
    unreadable,
    input: { ...(mandateKey ? { mandateKey } : {}), title: values.title ?? '', link: values.link ?? '', topics, deadline: values.deadline ?? '' },
  };
}

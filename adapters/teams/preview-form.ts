/**
 * The preview form on Teams: an Adaptive Card built from previewFormOptions (only the
 * mandates and topics this person and channel allow), submitted with Action.Execute,
 * validated field by field (errors are shown on the card itself, inputs kept), and
 * read into a PreviewInput for previewLetter. The bound channel travels in the submit
 * action's data, through the Teams client, so it is signed (HMAC) and checked on return.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { refusal, voiceFor, type Voice } from '../../src/bot/messages/catalogue';
import { checkPreviewForm, LETTER_TYPES, PREVIEW_FIELDS, type PreviewField } from '../../src/bot/preview-form';
import { SUMMARY_MAX_LENGTH, type PreviewFormOptions, type PreviewInput } from '../../src/bot/preview-letter';
import type { ChannelBinding } from '../../src/domain/types';
import { clipChars } from '../shared/read-payload';
import { escapeCardText } from './escape';
import { dialogOpenerCard, formCard, type FormPlace } from './form-card';
import { ADAPTIVE_CARD_CONTENT_TYPE, type CardElement } from './render';
import { signToken, verifyToken } from './signed-token';
import { TEAMS_ID } from './thread-ref';

/** The Action.Execute verb of the form's submit button. */
export const PREVIEW_SUBMIT_VERB = 'preview-submit';

/** Input ids of the form are the core's field names; Teams merges each input's value into the action data under its id. */
export { PREVIEW_FIELDS, type PreviewField };

/** What the person entered, as Teams reports it (every input value is a string). */
export type PreviewFormValues = Partial<Record<PreviewField, string>>;

const MAX_OPTIONS = 100;

const bindingSchema = z.object({
  v: z.literal(1),
  workspaceId: z.string().regex(TEAMS_ID.tenant),
  channelId: z.string().regex(TEAMS_ID.conversation),
  /** Who the form was opened for: only they may submit it. */
  userId: z.string().min(1).max(300),
  mandateChoice: z.boolean(),
  nonce: z.string().min(8).max(64),
  /** The person's locale, so the form keeps their language when shown again with errors. */
  locale: z.string().max(35).optional(),
});

/** The signed part of the form: which channel the preview is for, whose form it is, and its one-time id. */
export type FormBinding = z.infer<typeof bindingSchema>;

/** What a preview form's token is signed for: never mistaken for another form's. */
const PURPOSE = 'preletter-preview-form';

/** Why: a new form's binding token: the channel (where `preview` was typed) and its person, signed, with a fresh nonce. */
export function signFormBinding(channel: ChannelBinding, userId: string, mandateChoice: boolean, key: Buffer, locale?: string): string {
  const binding: FormBinding = {
    v: 1,
    workspaceId: channel.workspaceId,
    channelId: channel.channelId,
    userId,
    mandateChoice,
    nonce: randomUUID(),
    ...(locale ? { locale } : {}),
  };
  return signToken(PURPOSE, binding, key);
}

/** Why: only a token this process signed (same key) is trusted; anything else means "run preview again". */
export function verifyFormBinding(token: unknown, key: Buffer): FormBinding {
  const binding = verifyToken(PURPOSE, token, key, bindingSchema);
  if (!binding) throw refusal('invalid-input', { key: 'form.out-of-date' }, { field: 'form' });
  return binding;
}

function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/**
 * Why: a topic's choice value: a short digest instead of the topic itself, so a form with a
 * hundred long topics stays within Teams' message size; the submit maps it back against
 * the topics the directory offers then (topicsOf), so nothing offered can be forged.
 */
export function topicChoiceValue(topic: string): string {
  return `t${createHash('sha256').update(topic, 'utf8').digest('base64url').slice(0, 11)}`;
}

/** Why: the topics a submitted form chose, from their choice values; a value that matches no offered topic is kept as is, so the core names it. */
export function topicsOf(values: string[], offered: readonly string[]): string[] {
  const byValue = new Map(offered.map((t) => [topicChoiceValue(t), t]));
  return values.map((v) => byValue.get(v.trim()) ?? v);
}

/**
 * Why: a choice's title is only what the person reads (its value says which it is), so it is
 * cut like Slack cuts option texts: a hundred 150-character topics would not fit in one
 * Teams message otherwise.
 */
const CHOICE_TITLE_MAX = 100;

function choices(items: Array<{ title: string; value: string }>): CardElement[] {
  return items.slice(0, MAX_OPTIONS).map((c) => ({ title: clipChars(c.title, CHOICE_TITLE_MAX), value: c.value }));
}

/**
 * Why: the form card, in the person's language; with `values` and `errors` it is the same form
 * again, inputs kept, each problem in red under its field. In a chat it is submitted with a
 * Universal Action (Action.Submit fallback); in a dialog with Action.Submit, which submits the dialog.
 */
export function previewFormCard(
  options: PreviewFormOptions,
  token: string,
  values: PreviewFormValues = {},
  errors: Partial<Record<PreviewField, string>> = {},
  place: FormPlace = 'chat',
): CardElement {
  const v: Voice = voiceFor({ locale: options.locale, zone: 'UTC' });
  const label = (id: PreviewField) => v.t('form.field', { field: id });
  const body: CardElement[] = [
    textBlock(escapeCardText(v.t('form.title')), { size: 'Medium', weight: 'Bolder' }),
    textBlock(escapeCardText(v.t('form.intro', { company: options.company.name })), { isSubtle: true }),
  ];
  if (Object.keys(errors).length > 0) body.push(textBlock(escapeCardText(v.t('form.correct')), { color: 'Attention', weight: 'Bolder' }));
  const field = (id: PreviewField, input: CardElement) => {
    body.push({ id, label: label(id), ...input });
    const problem = errors[id];
    if (problem) body.push(textBlock(escapeCardText(`${label(id)}: ${problem}`), { color: 'Attention', size: 'Small', spacing: 'None' }));
  };
  field('type', {
    type: 'Input.ChoiceSet',
    style: 'compact',
    value: values.type ?? 'AL',
    choices: choices(LETTER_TYPES.map((t) => ({ title: v.t('card.type', { type: t, urgent: false }), value: t }))),
  });
  if (options.mandates.length > 1) {
    field('mandate', { type: 'Input.ChoiceSet', style: 'compact', ...(values.mandate ? { value: values.mandate } : {}), choices: choices(options.mandates.map((m) => ({ title: m.title, value: m.key }))) });
  }
  field('topics', {
    type: 'Input.ChoiceSet',
    isMultiSelect: true,
    style: 'expanded',
    ...(values.topics ? { value: values.topics } : {}),
    choices: choices(options.topics.map((t) => ({ title: t, value: topicChoiceValue(t) }))),
  });
  field('summary', {
    type: 'Input.Text',
    isMultiline: true,
    maxLength: SUMMARY_MAX_LENGTH,
    placeholder: v.t('form.summary-hint', { max: SUMMARY_MAX_LENGTH }),
    ...(values.summary ? { value: values.summary } : {}),
  });
  field('expectedDate', { type: 'Input.Date', ...(values.expectedDate ? { value: values.expectedDate } : {}) });
  field('urgent', {
    type: 'Input.Toggle',
    title: v.t('form.urgent-option'),
    valueOn: 'true',
    valueOff: 'false',
    value: values.urgent === 'true' ? 'true' : 'false',
  });
  return formCard(body, place, { title: v.t('button.preview'), token, verb: PREVIEW_SUBMIT_VERB });
}

/** Why: the form as an attachment to send in the person's 1:1 chat. */
export function previewFormAttachment(card: CardElement): { contentType: string; content: CardElement } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}

/** The form read back: a preview input ready for the core, or errors by field with what was entered. */
export type PreviewFormResult =
  | { ok: true; binding: FormBinding; input: Omit<PreviewInput, 'actor'> }
  | { ok: false; binding: FormBinding; values: PreviewFormValues; errors: Partial<Record<PreviewField, string>> };


/** Why: reads the submitted data at the edge (every input value is a string), then the core's form rules decide; each problem is a sentence under its field. */
export function readPreviewForm(data: Record<string, unknown>, now: Date, key: Buffer, offeredTopics?: readonly string[]): PreviewFormResult {
  return readPreviewAnswers(verifyFormBinding(data.form, key), data, now, offeredTopics);
}

/** Why: the same, for a caller that has verified the form's binding already (it needed it to know whose form it is). */
export function readPreviewAnswers(binding: FormBinding, data: Record<string, unknown>, now: Date, offeredTopics?: readonly string[]): PreviewFormResult {
  const values: PreviewFormValues = {};
  const unreadable = new Set<PreviewField>();
  for (const id of PREVIEW_FIELDS) {
    const raw = data[id];
    // A form without the mandate choice has no field to show a mandate error under: ignore it, as Slack does.
    if (raw === undefined || raw === null || (id === 'mandate' && !binding.mandateChoice)) continue;
    if (typeof raw !== 'string') unreadable.add(id);
    else values[id] = raw;
  }
  if (values.urgent !== undefined && values.urgent !== 'true' && values.urgent !== 'false') unreadable.add('urgent');
  const check = checkPreviewForm(
    {
      type: values.type,
      mandate: values.mandate,
      topics: topicsOf((values.topics ?? '').split(','), offeredTopics ?? []),
      summary: values.summary,
      expectedDate: values.expectedDate,
      urgent: values.urgent === 'true',
    },
    { mandateChoice: binding.mandateChoice, now, unreadable, ...(offeredTopics ? { offeredTopics } : {}) },
  );
  if (!check.ok) {
    const v = voiceFor({ locale: binding.locale, zone: 'UTC' });
    const errors = Object.fromEntries(Object.entries(check.errors).map(([id, message]) => [id, v.plain(message)]));
    return { ok: false, binding, values, errors };
  }
  return { ok: true, binding, input: { ...check.input, channel: { platform: 'teams', workspaceId: binding.workspaceId, channelId: binding.channelId } } };
}

/**
 * Why: what `@PreLetter preview` leaves in the channel's reply chain: where the form went (the
 * person's private chat) and a button that opens the same form here, as a dialog. The button
 * carries the same one-time form, so the two can never make two letters.
 */
export function previewDialogCard(locale: string | undefined, name: string, token: string): CardElement {
  const v: Voice = voiceFor({ locale, zone: 'UTC' });
  return dialogOpenerCard([
      textBlock(escapeCardText(v.t('form.title')), { weight: 'Bolder' }),
      textBlock(escapeCardText(v.t('form.sent-privately', { name }))),
      textBlock(escapeCardText(v.t('form.dialog-card')), { isSubtle: true }),
    ], v.t('button.open-form'), { form: token });
}

/**
 * The preview form on Teams: an Adaptive Card built from previewFormOptions (only the
 * mandates and topics this person and channel allow), submitted with Action.Execute,
 * validated field by field (errors are shown on the card itself, inputs kept), and
 * read into a PreviewInput for previewLetter. The bound channel travels in the submit
 * action's data, through the Teams client, so it is signed (HMAC) and checked on return.
 */
import { earliestFormDate } from '../../src/bot/shared-decisions';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { LETTER_TYPE_NAMES } from '../../src/bot/format';
import { SUMMARY_MAX_LENGTH, type PreviewFormOptions, type PreviewInput } from '../../src/bot/preview-letter';
import { PreLetterError } from '../../src/domain/errors';
import type { ChannelBinding, LetterType } from '../../src/domain/types';
import { escapeCardText } from './escape';
import { ADAPTIVE_CARD_CONTENT_TYPE, ADAPTIVE_CARD_VERSION, type CardElement } from './render';
import { TEAMS_ID } from './thread-ref';

/** The Action.Execute verb of the form's submit button. */
export const PREVIEW_SUBMIT_VERB = 'preview-submit';

/** Input ids of the form; Teams merges each input's value into the action data under its id. */
export const PREVIEW_FIELDS = ['type', 'mandate', 'topics', 'summary', 'expectedDate', 'urgent'] as const;

/** One form field's id. */
export type PreviewField = (typeof PREVIEW_FIELDS)[number];

/** What the person entered, as Teams reports it (every input value is a string). */
export type PreviewFormValues = Partial<Record<PreviewField, string>>;

const LABELS: Record<PreviewField, string> = {
  type: 'Letter type',
  mandate: 'From which mandate',
  topics: 'Topics',
  summary: 'Summary',
  expectedDate: 'Expected date of the formal letter',
  urgent: 'Urgency',
};
const LETTER_TYPES: LetterType[] = ['UA', 'AL', 'OL'];
const MAX_OPTIONS = 100;
const OUT_OF_DATE = 'This preview form is out of date. Please type `@PreLetter preview` in the company\'s channel again.';

const bindingSchema = z.object({
  v: z.literal(1),
  workspaceId: z.string().regex(TEAMS_ID.tenant),
  channelId: z.string().regex(TEAMS_ID.conversation),
  /** Who the form was opened for: only they may submit it. */
  userId: z.string().min(1).max(300),
  mandateChoice: z.boolean(),
  nonce: z.string().min(8).max(64),
});

/** The signed part of the form: which channel the preview is for, whose form it is, and its one-time id. */
export type FormBinding = z.infer<typeof bindingSchema>;

function mac(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(`preletter-preview-form:${body}`).digest('base64url');
}

/** Why: a new form's binding token: the channel (where `preview` was typed) and its person, signed, with a fresh nonce. */
export function signFormBinding(channel: ChannelBinding, userId: string, mandateChoice: boolean, key: Buffer): string {
  const binding: FormBinding = { v: 1, workspaceId: channel.workspaceId, channelId: channel.channelId, userId, mandateChoice, nonce: randomUUID() };
  const body = Buffer.from(JSON.stringify(binding), 'utf8').toString('base64url');
  return `${body}.${mac(body, key)}`;
}

/** Why: only a token this process signed (same key) is trusted; anything else means "run preview again". */
export function verifyFormBinding(token: unknown, key: Buffer): FormBinding {
  const refused = new PreLetterError('invalid-input', OUT_OF_DATE, { field: 'form' });
  if (typeof token !== 'string' || token.length > 2048) throw refused;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) throw refused;
  const expected = Buffer.from(mac(body, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refused;
  try {
    return bindingSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    throw refused;
  }
}

function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function choices(items: Array<{ title: string; value: string }>): CardElement[] {
  return items.slice(0, MAX_OPTIONS).map((c) => ({ title: c.title, value: c.value }));
}

/** Why: the form card; with `values` and `errors` it is the same form again, inputs kept, each problem in red under its field. */
export function previewFormCard(options: PreviewFormOptions, token: string, values: PreviewFormValues = {}, errors: Partial<Record<PreviewField, string>> = {}): CardElement {
  const body: CardElement[] = [
    textBlock(`Preview a letter to **${escapeCardText(options.company.name)}**`, { size: 'Medium' }),
    textBlock("It is posted in the company's channel only, routed to the company's issue owner, and stays confidential until published.", { isSubtle: true }),
  ];
  if (Object.keys(errors).length > 0) body.push(textBlock('Please correct the fields marked in red below.', { color: 'Attention', weight: 'Bolder' }));
  const field = (id: PreviewField, input: CardElement) => {
    body.push({ id, label: LABELS[id], ...input });
    const problem = errors[id];
    if (problem) body.push(textBlock(escapeCardText(`${LABELS[id]}: ${problem}`), { color: 'Attention', size: 'Small', spacing: 'None' }));
  };
  field('type', {
    type: 'Input.ChoiceSet',
    style: 'compact',
    value: values.type ?? 'AL',
    choices: choices(LETTER_TYPES.map((t) => ({ title: `${LETTER_TYPE_NAMES[t]} (${t})`, value: t }))),
  });
  if (options.mandates.length > 1) {
    field('mandate', { type: 'Input.ChoiceSet', style: 'compact', ...(values.mandate ? { value: values.mandate } : {}), choices: choices(options.mandates.map((m) => ({ title: m.title, value: m.key }))) });
  }
  field('topics', {
    type: 'Input.ChoiceSet',
    isMultiSelect: true,
    style: 'expanded',
    ...(values.topics ? { value: values.topics } : {}),
    choices: choices(options.topics.map((t) => ({ title: t, value: t }))),
  });
  field('summary', {
    type: 'Input.Text',
    isMultiline: true,
    maxLength: SUMMARY_MAX_LENGTH,
    placeholder: `A short heads-up, not the letter itself: at most ${SUMMARY_MAX_LENGTH} characters.`,
    ...(values.summary ? { value: values.summary } : {}),
  });
  field('expectedDate', { type: 'Input.Date', ...(values.expectedDate ? { value: values.expectedDate } : {}) });
  field('urgent', {
    type: 'Input.Toggle',
    title: 'Urgent: use the short reminder clocks (urgent appeals always do)',
    valueOn: 'true',
    valueOff: 'false',
    value: values.urgent === 'true' ? 'true' : 'false',
  });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body,
    actions: [{ type: 'Action.Execute', title: 'Preview', verb: PREVIEW_SUBMIT_VERB, data: { form: token }, style: 'positive' }],
    msteams: { width: 'Full' },
  };
}

/** Why: the form as an attachment to send in the person's 1:1 chat. */
export function previewFormAttachment(card: CardElement): { contentType: string; content: CardElement } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}

/** The form read back: a preview input ready for the core, or errors by field with what was entered. */
export type PreviewFormResult =
  | { ok: true; binding: FormBinding; input: Omit<PreviewInput, 'actor'> }
  | { ok: false; binding: FormBinding; values: PreviewFormValues; errors: Partial<Record<PreviewField, string>> };


/** Why: validates the submitted data field by field; every problem is a sentence shown under its field. */
export function readPreviewForm(data: Record<string, unknown>, now: Date, key: Buffer): PreviewFormResult {
  const binding = verifyFormBinding(data.form, key);
  const values: PreviewFormValues = {};
  const errors: Partial<Record<PreviewField, string>> = {};
  for (const id of PREVIEW_FIELDS) {
    const raw = data[id];
    // A form without the mandate choice has no field to show a mandate error under: ignore it, as Slack does.
    if (raw === undefined || raw === null || (id === 'mandate' && !binding.mandateChoice)) continue;
    if (typeof raw !== 'string') errors[id] = `PreLetter could not read this field (${id}: expected text). Please fill it in again.`;
    else values[id] = raw;
  }
  const type = values.type as LetterType | undefined;
  if (!errors.type && !LETTER_TYPES.includes(type as LetterType)) errors.type = 'Choose the letter type.';
  const mandateKey = binding.mandateChoice ? values.mandate?.trim() || undefined : undefined;
  if (binding.mandateChoice && !errors.mandate && !mandateKey) errors.mandate = 'Choose the mandate this letter comes from.';
  const topics = [...new Set((values.topics ?? '').split(',').map((t) => t.trim()).filter(Boolean))];
  if (!errors.topics && topics.length === 0) errors.topics = 'Choose at least one topic.';
  const summary = (values.summary ?? '').trim();
  if (!errors.summary && summary === '') errors.summary = 'Write a short summary of the letter.';
  if (summary.length > SUMMARY_MAX_LENGTH) {
    errors.summary = `The summary is ${summary.length} characters long; the limit is ${SUMMARY_MAX_LENGTH}. Please shorten it.`;
  }
  const expected = values.expectedDate?.trim() || undefined;
  if (expected !== undefined && !errors.expectedDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expected) || !DateTime.fromISO(expected, { zone: 'UTC' }).isValid) {
      errors.expectedDate = 'Choose the date with the date picker.';
    } else if (expected < earliestFormDate(now)) {
      errors.expectedDate = 'That date is in the past. Choose the date you expect to send the formal letter, today or later.';
    }
  }
  if (values.urgent !== undefined && values.urgent !== 'true' && values.urgent !== 'false') errors.urgent = 'Turn urgency on or off.';
  if (Object.keys(errors).length > 0) return { ok: false, binding, values, errors };
  return {
    ok: true,
    binding,
    input: {
      channel: { platform: 'teams', workspaceId: binding.workspaceId, channelId: binding.channelId },
      type: type!,
      topics,
      summary,
      urgent: values.urgent === 'true',
      ...(expected ? { expectedFormalDate: expected } : {}),
      ...(mandateKey ? { mandateKey } : {}),
    },
  };
}

/**
 * The preview form: a Slack modal built from previewFormOptions (only the mandates
 * and topics this person and channel allow), in the person's language, read back on
 * submit into the core's form rules (errors are shown next to the field, keyed by
 * block_id), and handed to previewLetter. The bound channel and the person's locale
 * travel in private_metadata, which Slack keeps server-side.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { voiceFor, type Voice } from '../../src/bot/messages/catalogue';
import { checkPreviewForm, LETTER_TYPES, PREVIEW_FIELDS, type PreviewField } from '../../src/bot/preview-form';
import { previewLetter, SUMMARY_MAX_LENGTH, type PreviewFormOptions, type PreviewInput } from '../../src/bot/preview-letter';
import { refusal } from '../../src/bot/messages/catalogue';
import type { ChannelBinding } from '../../src/domain/types';
import { escapeUserText } from './escape';
import type { ViewSubmissionRequest } from './inbound';
import { handleModalSubmission, type ViewAck } from './modal-submission';
import { MODAL_LIMITS, modalOption, modalView } from './modal-kit';
import { mrkdwnText, plainText } from './render';
import { SLACK_ID } from './thread-ref';
import type { TurnServices } from './turn';

/** callback_id of the preview modal; app.ts routes view_submission payloads by it. */
export const PREVIEW_CALLBACK_ID = 'preletter-preview';

/** block_id of each form field: Slack keys the submitted state and our error messages by them. */
export const PREVIEW_BLOCKS: Record<PreviewField, string> = {
  type: 'type',
  mandate: 'mandate',
  topics: 'topics',
  summary: 'summary',
  expectedDate: 'expected_date',
  urgent: 'urgent',
};

/** The action_id inside every form block (one input per block). */
const VALUE = 'value';
const URGENT_VALUE = 'urgent';
const MAX_OPTIONS = 100;
/** Block Kit limits this module keeps to: option texts, labels and hints, the modal's title and buttons. */

const metadataSchema = z.object({
  v: z.literal(1),
  workspaceId: z.string().regex(SLACK_ID.team),
  channelId: z.string().regex(SLACK_ID.channel),
  mandateChoice: z.boolean(),
  /** The person's locale, so the errors read in the language the form was written in. */
  locale: z.string().max(35).optional(),
});

function label(v: Voice, field: PreviewField): types.PlainTextElement {
  return plainText(v.t('form.field', { field }), MODAL_LIMITS.label);
}

/** Why: the modal itself, in the person's language; only offers what previewFormOptions allows, so nobody fills in a form that cannot be used. */
export function previewModal(options: PreviewFormOptions, channel: ChannelBinding): types.ModalView {
  const v = voiceFor({ locale: options.locale, zone: 'UTC' });
  const mandateChoice = options.mandates.length > 1;
  const metadata: z.infer<typeof metadataSchema> = {
    v: 1,
    workspaceId: channel.workspaceId,
    channelId: channel.channelId,
    mandateChoice,
    ...(options.locale ? { locale: options.locale } : {}),
  };
  const typeOption = (t: (typeof LETTER_TYPES)[number]) => modalOption(v.t('card.type', { type: t, urgent: false }), t);
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: mrkdwnText(escapeUserText(v.t('form.intro', { company: options.company.name })), MODAL_LIMITS.section) },
    {
      type: 'input',
      block_id: PREVIEW_BLOCKS.type,
      label: label(v, 'type'),
      element: { type: 'static_select', action_id: VALUE, options: LETTER_TYPES.map(typeOption), initial_option: typeOption('AL') },
    },
  ];
  if (mandateChoice) {
    blocks.push({
      type: 'input',
      block_id: PREVIEW_BLOCKS.mandate,
      label: label(v, 'mandate'),
      element: { type: 'static_select', action_id: VALUE, options: options.mandates.slice(0, MAX_OPTIONS).map((m) => modalOption(m.title, m.key)) },
    });
  }
  blocks.push(
    {
      type: 'input',
      block_id: PREVIEW_BLOCKS.topics,
      label: label(v, 'topics'),
      hint: plainText(v.t('form.topics-hint'), MODAL_LIMITS.label),
      element: { type: 'multi_static_select', action_id: VALUE, options: options.topics.slice(0, MAX_OPTIONS).map((t) => modalOption(t, t)) },
    },
    {
      type: 'input',
      block_id: PREVIEW_BLOCKS.summary,
      label: label(v, 'summary'),
      hint: plainText(v.t('form.summary-hint', { max: SUMMARY_MAX_LENGTH }), MODAL_LIMITS.label),
      element: { type: 'plain_text_input', action_id: VALUE, multiline: true, max_length: SUMMARY_MAX_LENGTH },
    },
    { type: 'input', block_id: PREVIEW_BLOCKS.expectedDate, optional: true, label: label(v, 'expectedDate'), element: { type: 'datepicker', action_id: VALUE } },
    {
      type: 'input',
      block_id: PREVIEW_BLOCKS.urgent,
      optional: true,
      label: label(v, 'urgent'),
      element: { type: 'checkboxes', action_id: VALUE, options: [modalOption(v.t('form.urgent-option'), URGENT_VALUE)] },
    },
  );
  return modalView({ callbackId: PREVIEW_CALLBACK_ID, metadata, title: v.t('form.title'), submit: v.t('button.preview'), blocks }, v);
}

/** The form read back: a preview input ready for the core, or errors keyed by block_id. */
export type PreviewFormResult =
  | { ok: true; input: Omit<PreviewInput, 'actor'> }
  | { ok: false; errors: Record<string, string> };

const single = z.object({ selected_option: z.object({ value: z.string() }).nullable().optional() });
const multi = z.object({ selected_options: z.array(z.object({ value: z.string() })).nullable().optional() });
const text = z.object({ value: z.string().nullable().optional() });
const date = z.object({ selected_date: z.string().nullable().optional() });
const SHAPES: Record<PreviewField, z.ZodTypeAny> = { type: single, mandate: single, topics: multi, summary: text, expectedDate: date, urgent: multi };

/** Why: reads the submitted state at the edge, then the core's form rules decide; each problem is a sentence next to its field. */
export function readPreviewForm(submission: Pick<ViewSubmissionRequest, 'privateMetadata' | 'values'>, now: Date): PreviewFormResult {
  let metadata: z.infer<typeof metadataSchema>;
  try {
    metadata = metadataSchema.parse(JSON.parse(submission.privateMetadata));
  } catch {
    throw refusal('invalid-input', { key: 'form.out-of-date' }, { field: 'private_metadata' });
  }
  const unreadable = new Set<PreviewField>();
  const state: Partial<Record<PreviewField, Record<string, unknown>>> = {};
  for (const field of PREVIEW_FIELDS) {
    // A form without the mandate choice has no field to show a mandate error under: whatever arrives there is ignored.
    if (field === 'mandate' && !metadata.mandateChoice) continue;
    const parsed = SHAPES[field].safeParse(submission.values[PREVIEW_BLOCKS[field]]?.[VALUE] ?? {});
    if (parsed.success) state[field] = parsed.data as Record<string, unknown>;
    else unreadable.add(field);
  }
  const picked = (field: PreviewField) => (state[field]?.selected_option as { value: string } | null | undefined)?.value;
  const picks = (field: PreviewField) => ((state[field]?.selected_options as Array<{ value: string }> | null | undefined) ?? []).map((o) => o.value);
  const check = checkPreviewForm(
    {
      type: picked('type'),
      mandate: picked('mandate'),
      topics: picks('topics'),
      summary: (state.summary?.value as string | null | undefined) ?? undefined,
      expectedDate: (state.expectedDate?.selected_date as string | null | undefined) ?? undefined,
      urgent: picks('urgent').includes(URGENT_VALUE),
    },
    { mandateChoice: metadata.mandateChoice, now, unreadable },
  );
  if (!check.ok) {
    const v = voiceFor({ locale: metadata.locale, zone: 'UTC' });
    const errors = Object.fromEntries(Object.entries(check.errors).map(([field, message]) => [PREVIEW_BLOCKS[field as PreviewField], v.plain(message)]));
    return { ok: false, errors };
  }
  return { ok: true, input: { ...check.input, channel: { platform: 'slack', workspaceId: metadata.workspaceId, channelId: metadata.channelId } } };
}

/** Why: the preview form's submit turn (modal-submission.ts): the letter opened once, the person told in the channel. */
export function handlePreviewSubmission(services: TurnServices, body: unknown, ack: ViewAck): Promise<void> {
  return handleModalSubmission(services, body, ack, {
    turn: 'preview-submit',
    read: (submission) => {
      const form = readPreviewForm(submission, services.deps.clock.now());
      return form.ok ? { ok: true, input: form.input, replyIn: form.input.channel.channelId } : form;
    },
    act: async (submission, input, log) => {
      const { letter, reply } = await previewLetter(services.deps, { ...input, actor: submission.actor });
      log.info({ ref: letter.ref, channelId: input.channel.channelId }, 'preview submitted');
      return reply;
    },
  });
}

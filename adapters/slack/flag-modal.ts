/**
 * The flag form: a Slack modal built from flagFormOptions (the topics the mandates cover and
 * the mandates), in the person's language, read back on submit into the core's flag form
 * rules (errors are shown next to the field, keyed by block_id, and Slack keeps what was
 * typed), and handed to raiseFlag. The company's channel (when it was asked for in one), the
 * channel to answer in and the person's locale travel in private_metadata, which Slack keeps
 * server-side. One submission makes one flag: a view is acted on once per version.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { checkFlagForm, FLAG_FIELDS, type FlagField, type FlagFormOptions } from '../../src/bot/flag-form';
import { refusal, voiceFor, type Voice } from '../../src/bot/messages/catalogue';
import { SUMMARY_MAX_LENGTH } from '../../src/bot/preview-letter';
import { raiseFlag, type FlagInput } from '../../src/bot/raise-flag';
import { escapeUserText } from './escape';
import type { ViewSubmissionRequest } from './inbound';
import { handleModalSubmission, type ViewAck } from './modal-submission';
import { MODAL_LIMITS, modalOption, modalView } from './modal-kit';
import { mrkdwnText, plainText } from './render';
import { SLACK_ID } from './thread-ref';
import type { TurnServices } from './turn';

/** callback_id of the flag modal; app.ts routes its view_submission payloads by it. */
export const FLAG_CALLBACK_ID = 'preletter-flag';

/** block_id of each form field: Slack keys the submitted state and our error messages by them. */
export const FLAG_BLOCKS: Record<FlagField, string> = { topics: 'flag_topics', summary: 'flag_summary', mandate: 'flag_mandate', urgent: 'flag_urgent' };

/** The action_id inside every form block (one input per block). */
const VALUE = 'value';
const URGENT_VALUE = 'urgent';
const MAX_OPTIONS = 100;
/** Block Kit limits this module keeps to: option texts, labels and hints, the modal's title and buttons. */

const metadataSchema = z.object({
  v: z.literal(1),
  workspaceId: z.string().regex(SLACK_ID.team),
  /** The company's bound channel the flag is raised in, when it was asked for in one. */
  channelId: z.string().regex(SLACK_ID.channel).optional(),
  /** Where the command was typed: the person is answered there, privately. */
  replyIn: z.string().regex(SLACK_ID.channel).optional(),
  locale: z.string().max(35).optional(),
});

type Metadata = z.infer<typeof metadataSchema>;

function label(v: Voice, field: FlagField): types.PlainTextElement {
  return plainText(v.t('flag.field', { field }), MODAL_LIMITS.label);
}

/** Why: the modal itself, in the person's language; it offers only what the directory has, so nobody fills in a form that cannot be used. */
export function flagModal(options: FlagFormOptions, place: { workspaceId: string; replyIn?: string }): types.ModalView {
  const v = voiceFor({ locale: options.locale, zone: 'UTC' });
  const metadata: Metadata = {
    v: 1,
    workspaceId: place.workspaceId,
    ...(options.channel ? { channelId: options.channel.channelId } : {}),
    ...(place.replyIn ? { replyIn: place.replyIn } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
  };
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: mrkdwnText(escapeUserText(v.t('flag.form-intro', { company: options.company.name })), MODAL_LIMITS.section) },
    {
      type: 'input',
      block_id: FLAG_BLOCKS.topics,
      label: label(v, 'topics'),
      hint: plainText(v.t('flag.topics-hint'), MODAL_LIMITS.label),
      element: { type: 'multi_static_select', action_id: VALUE, options: options.topics.slice(0, MAX_OPTIONS).map((t) => modalOption(t, t)) },
    },
    {
      type: 'input',
      block_id: FLAG_BLOCKS.summary,
      label: label(v, 'summary'),
      hint: plainText(v.t('flag.summary-hint', { max: SUMMARY_MAX_LENGTH }), MODAL_LIMITS.label),
      element: { type: 'plain_text_input', action_id: VALUE, multiline: true, max_length: SUMMARY_MAX_LENGTH },
    },
    {
      type: 'input',
      block_id: FLAG_BLOCKS.mandate,
      optional: true,
      label: label(v, 'mandate'),
      hint: plainText(v.t('flag.mandate-hint'), MODAL_LIMITS.label),
      element: { type: 'static_select', action_id: VALUE, options: options.mandates.slice(0, MAX_OPTIONS).map((m) => modalOption(m.title, m.key)) },
    },
    {
      type: 'input',
      block_id: FLAG_BLOCKS.urgent,
      optional: true,
      label: label(v, 'urgent'),
      element: { type: 'checkboxes', action_id: VALUE, options: [modalOption(v.t('flag.urgent-option'), URGENT_VALUE)] },
    },
  ];
  return modalView({ callbackId: FLAG_CALLBACK_ID, metadata, title: v.t('flag.form-title'), submit: v.t('flag.submit'), blocks }, v);
}

/** The form read back: a flag ready for the core (with where to answer), or errors keyed by block_id. */
export type FlagFormResult = { ok: true; input: Omit<FlagInput, 'actor'>; replyIn?: string } | { ok: false; errors: Record<string, string> };

const single = z.object({ selected_option: z.object({ value: z.string() }).nullable().optional() });
const multi = z.object({ selected_options: z.array(z.object({ value: z.string() })).nullable().optional() });
const text = z.object({ value: z.string().nullable().optional() });
const SHAPES: Record<FlagField, z.ZodTypeAny> = { topics: multi, summary: text, mandate: single, urgent: multi };

/** Why: reads the submitted state at the edge, then the core's flag form rules decide; each problem is a sentence next to its field. */
export function readFlagForm(submission: Pick<ViewSubmissionRequest, 'privateMetadata' | 'values'>): FlagFormResult {
  let metadata: Metadata;
  try {
    metadata = metadataSchema.parse(JSON.parse(submission.privateMetadata));
  } catch {
    throw refusal('invalid-input', { key: 'flag.out-of-date' }, { field: 'private_metadata' });
  }
  const unreadable = new Set<FlagField>();
  const state: Partial<Record<FlagField, Record<string, unknown>>> = {};
  for (const field of FLAG_FIELDS) {
    const parsed = SHAPES[field].safeParse(submission.values[FLAG_BLOCKS[field]]?.[VALUE] ?? {});
    if (parsed.success) state[field] = parsed.data as Record<string, unknown>;
    else unreadable.add(field);
  }
  const picks = (field: FlagField) => ((state[field]?.selected_options as Array<{ value: string }> | null | undefined) ?? []).map((o) => o.value);
  // Slack returns only the options the modal offered: the topics and mandates need no second look at the directory.
  const check = checkFlagForm(
    {
      topics: picks('topics'),
      summary: (state.summary?.value as string | null | undefined) ?? undefined,
      mandate: (state.mandate?.selected_option as { value: string } | null | undefined)?.value,
      urgent: picks('urgent').includes(URGENT_VALUE),
    },
    { unreadable },
  );
  if (!check.ok) {
    const v = voiceFor({ locale: metadata.locale, zone: 'UTC' });
    return { ok: false, errors: Object.fromEntries(Object.entries(check.errors).map(([field, message]) => [FLAG_BLOCKS[field as FlagField], v.plain(message)])) };
  }
  const channel = metadata.channelId ? { platform: 'slack' as const, workspaceId: metadata.workspaceId, channelId: metadata.channelId } : undefined;
  return { ok: true, input: { ...check.input, ...(channel ? { channel } : {}) }, ...(metadata.replyIn ? { replyIn: metadata.replyIn } : {}) };
}

/** Why: the flag form's submit turn (modal-submission.ts): the flag raised once, the person told where it went. */
export function handleFlagSubmission(services: TurnServices, body: unknown, ack: ViewAck): Promise<void> {
  return handleModalSubmission(services, body, ack, {
    turn: 'flag-submit',
    read: (submission) => readFlagForm(submission),
    act: async (submission, input, log) => {
      const { flag, reply } = await raiseFlag(services.deps, { ...input, actor: submission.actor });
      log.info({ ref: flag.ref, mandates: flag.routing.mandateKeys.length }, 'flag submitted');
      return reply;
    },
  });
}

/**
 * The call-for-input form: a Slack modal built from callFormOptions (the mandates the person
 * may publish for, their topics, the deadline days they accept), in the person's language.
 * On submit the state is read at the edge (zod), then the core's call rules judge every field
 * at once (checkCallInput): each mistake is shown under its block, keyed by block_id, and
 * Slack keeps what was typed. Only then is the modal closed, the call published once and the
 * person told privately where it went. Where to answer and the person's locale travel in
 * private_metadata, which Slack keeps server-side. A view is acted on once per version.
 */
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { CALL_FIELDS, CALL_TITLE_MAX_LENGTH, type CallField } from '../../src/bot/call-form';
import { refusal, voiceFor, type Voice } from '../../src/bot/messages/catalogue';
import { checkCallInput, publishCall, type CallFormOptions, type CallInput } from '../../src/bot/publish-call';
import type { PlatformIdentity } from '../../src/domain/types';
import { escapeUserText } from './escape';
import type { ViewSubmissionRequest } from './inbound';
import { handleModalSubmission, type ViewAck } from './modal-submission';
import { MODAL_LIMITS, modalOption, modalView } from './modal-kit';
import { mrkdwnText, plainText } from './render';
import { SLACK_ID } from './thread-ref';
import type { TurnServices } from './turn';

/** callback_id of the call modal; app.ts routes its view_submission payloads by it. */
export const CALL_CALLBACK_ID = 'preletter-call';

/** block_id of each form field: Slack keys the submitted state and our error messages by them. */
export const CALL_BLOCKS: Record<CallField, string> = { mandate: 'call_mandate', title: 'call_title', link: 'call_link', topics: 'call_topics', deadline: 'call_deadline' };

/** The action_id inside every form block (one input per block). */
const VALUE = 'value';
const MAX_OPTIONS = 100;
/** Block Kit limits this module keeps to: option texts, labels and hints, the modal's title and buttons. */

const metadataSchema = z.object({
  v: z.literal(1),
  workspaceId: z.string().regex(SLACK_ID.team),
  /** Where the command was typed: the person is answered there, privately. */
  replyIn: z.string().regex(SLACK_ID.channel).optional(),
  locale: z.string().max(35).optional(),
});

type Metadata = z.infer<typeof metadataSchema>;

function label(v: Voice, field: CallField): types.PlainTextElement {
  return plainText(v.t('call.field', { field }), MODAL_LIMITS.label);
}

/** Why: the widest range of deadline days the person's mandates accept, for the date picker's hint. */
function deadlineSpan(options: CallFormOptions): { first: string; last: string } {
  const firsts = options.mandates.map((m) => m.deadlines.first).sort();
  const lasts = options.mandates.map((m) => m.deadlines.last).sort();
  return { first: firsts[0]!, last: lasts.at(-1)! };
}

/** Why: the modal itself, in the person's language; the mandate is asked for only when the person may publish for several. */
export function callModal(options: CallFormOptions, place: { workspaceId: string; replyIn?: string }): types.ModalView {
  const v = voiceFor({ locale: options.locale, zone: 'UTC' });
  const metadata: Metadata = { v: 1, workspaceId: place.workspaceId, ...(place.replyIn ? { replyIn: place.replyIn } : {}), ...(options.locale ? { locale: options.locale } : {}) };
  const blocks: types.KnownBlock[] = [{ type: 'section', text: mrkdwnText(escapeUserText(v.t('call.form-intro')), MODAL_LIMITS.section) }];
  if (options.mandates.length > 1) {
    blocks.push({
      type: 'input',
      block_id: CALL_BLOCKS.mandate,
      label: label(v, 'mandate'),
      hint: plainText(v.t('call.mandate-hint'), MODAL_LIMITS.label),
      element: { type: 'static_select', action_id: VALUE, options: options.mandates.slice(0, MAX_OPTIONS).map((m) => modalOption(m.title, m.key)) },
    });
  }
  blocks.push(
    {
      type: 'input',
      block_id: CALL_BLOCKS.title,
      label: label(v, 'title'),
      hint: plainText(v.t('call.title-hint', { max: CALL_TITLE_MAX_LENGTH }), MODAL_LIMITS.label),
      element: { type: 'plain_text_input', action_id: VALUE, max_length: CALL_TITLE_MAX_LENGTH },
    },
    { type: 'input', block_id: CALL_BLOCKS.link, label: label(v, 'link'), hint: plainText(v.t('call.link-hint'), MODAL_LIMITS.label), element: { type: 'url_text_input', action_id: VALUE } },
    {
      type: 'input',
      block_id: CALL_BLOCKS.topics,
      label: label(v, 'topics'),
      hint: plainText(v.t('call.topics-hint'), MODAL_LIMITS.label),
      element: { type: 'multi_static_select', action_id: VALUE, options: options.topics.slice(0, MAX_OPTIONS).map((t) => modalOption(t, t)) },
    },
    {
      type: 'input',
      block_id: CALL_BLOCKS.deadline,
      label: label(v, 'deadline'),
      hint: plainText(v.t('call.deadline-hint', deadlineSpan(options)), MODAL_LIMITS.label),
      element: { type: 'datepicker', action_id: VALUE },
    },
  );
  return modalView({ callbackId: CALL_CALLBACK_ID, metadata, title: v.t('call.form-title'), submit: v.t('call.submit'), blocks }, v);
}

const SHAPES: Record<CallField, z.ZodTypeAny> = {
  mandate: z.object({ selected_option: z.object({ value: z.string().max(200) }).nullable().optional() }),
  title: z.object({ value: z.string().max(4000).nullable().optional() }),
  link: z.object({ value: z.string().max(4000).nullable().optional() }),
  topics: z.object({ selected_options: z.array(z.object({ value: z.string().max(200) })).max(MAX_OPTIONS).nullable().optional() }),
  deadline: z.object({ selected_date: z.string().max(20).nullable().optional() }),
};

/** The form read back: a call for the core (with where to answer), or errors keyed by block_id. */
export type CallFormResult = { ok: true; input: CallInput; replyIn?: string } | { ok: false; errors: Record<string, string> };

/** Why: reads the submitted state at the edge, then the core's call rules judge every field; each problem is a sentence under its block. */
export async function readCallForm(services: TurnServices, actor: PlatformIdentity, submission: Pick<ViewSubmissionRequest, 'privateMetadata' | 'values'>): Promise<CallFormResult> {
  let metadata: Metadata;
  try {
    metadata = metadataSchema.parse(JSON.parse(submission.privateMetadata));
  } catch {
    throw refusal('invalid-input', { key: 'call.out-of-date' }, { field: 'private_metadata' });
  }
  const v = voiceFor({ locale: metadata.locale, zone: 'UTC' });
  const unreadable: Record<string, string> = {};
  const state: Partial<Record<CallField, Record<string, unknown>>> = {};
  for (const field of CALL_FIELDS) {
    const given = submission.values[CALL_BLOCKS[field]]?.[VALUE];
    if (given === undefined) continue;
    const parsed = SHAPES[field].safeParse(given);
    if (parsed.success) state[field] = parsed.data as Record<string, unknown>;
    else unreadable[CALL_BLOCKS[field]] = v.plain({ key: 'form.unreadable', field });
  }
  const text = (field: CallField, key: string) => (state[field]?.[key] as string | null | undefined) ?? undefined;
  const mandateKey = (state.mandate?.selected_option as { value: string } | null | undefined)?.value;
  const input: CallInput = {
    actor,
    ...(mandateKey ? { mandateKey } : {}),
    title: text('title', 'value') ?? '',
    link: text('link', 'value') ?? '',
    topics: ((state.topics?.selected_options as Array<{ value: string }> | null | undefined) ?? []).map((o) => o.value),
    deadline: text('deadline', 'selected_date') ?? '',
  };
  const problems = await checkCallInput(services.deps, input);
  // A modal opened with one mandate has no mandate block to show a mistake under: the sentence is told instead.
  if (problems.mandate && submission.values[CALL_BLOCKS.mandate] === undefined) throw refusal('invalid-input', problems.mandate, { field: 'mandate' });
  const errors = { ...Object.fromEntries(Object.entries(problems).map(([field, message]) => [CALL_BLOCKS[field as CallField], v.plain(message)])), ...unreadable };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input, ...(metadata.replyIn ? { replyIn: metadata.replyIn } : {}) };
}

/** Why: the call form's submit turn (modal-submission.ts): the call published once, the publisher told where it went. */
export function handleCallSubmission(services: TurnServices, body: unknown, ack: ViewAck): Promise<void> {
  return handleModalSubmission(services, body, ack, {
    turn: 'call-submit',
    read: (submission) => readCallForm(services, submission.actor, submission),
    act: async (_submission, input, log) => {
      const { call, delivery, reply } = await publishCall(services.deps, input);
      log.info({ ref: call.ref, companies: call.recipients.length, failed: delivery.failed.length }, 'call submitted');
      return reply;
    },
  });
}

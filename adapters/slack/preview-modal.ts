/**
 * The preview form: a Slack modal built from previewFormOptions (only the mandates
 * and topics this person and channel allow), its validation on submit (errors are
 * shown next to the field, keyed by block_id), and the hand-over to previewLetter.
 * The bound channel travels in private_metadata, which Slack keeps server-side.
 */
import { earliestFormDate } from '../../src/bot/shared-decisions';
import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { LETTER_TYPE_NAMES } from '../../src/bot/format';
import { previewLetter, SUMMARY_MAX_LENGTH, type PreviewFormOptions, type PreviewInput } from '../../src/bot/preview-letter';
import { PreLetterError } from '../../src/domain/errors';
import type { ChannelBinding, LetterType } from '../../src/domain/types';
import { escapeUserText } from './escape';
import { looseReply, readViewSubmission, type ViewSubmissionRequest } from './inbound';
import { mrkdwnText, plainText } from './render';
import { encodeReplyTarget, SLACK_ID } from './thread-ref';
import { afterAck, firstTime, runTurn, tellPrivately, type TurnServices } from './turn';

/** callback_id of the preview modal; app.ts routes view_submission payloads by it. */
export const PREVIEW_CALLBACK_ID = 'preletter-preview';

/** block_id of each form field: Slack keys the submitted state and our error messages by them. */
export const PREVIEW_BLOCKS = {
  type: 'type',
  mandate: 'mandate',
  topics: 'topics',
  summary: 'summary',
  expectedDate: 'expected_date',
  urgent: 'urgent',
} as const;

/** The action_id inside every form block (one input per block). */
const VALUE = 'value';
const URGENT_VALUE = 'urgent';
const MAX_OPTIONS = 100;
const LETTER_TYPES: LetterType[] = ['UA', 'AL', 'OL'];

const metadataSchema = z.object({
  v: z.literal(1),
  workspaceId: z.string().regex(SLACK_ID.team),
  channelId: z.string().regex(SLACK_ID.channel),
  mandateChoice: z.boolean(),
});

function option(text: string, value: string): types.PlainTextOption {
  return { text: plainText(text, 75), value };
}

/** Why: the modal itself; only offers what previewFormOptions allows, so nobody fills in a form that cannot be used. */
export function previewModal(options: PreviewFormOptions, channel: ChannelBinding): types.ModalView {
  const mandateChoice = options.mandates.length > 1;
  const metadata: z.infer<typeof metadataSchema> = { v: 1, workspaceId: channel.workspaceId, channelId: channel.channelId, mandateChoice };
  const topics = options.topics.slice(0, MAX_OPTIONS);
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwnText(
        `Preview a letter to *${escapeUserText(options.company.name)}*. It is posted in this channel only, routed to the company's issue owner, and stays confidential until published.`,
        3000,
      ),
    },
    {
      type: 'input',
      block_id: PREVIEW_BLOCKS.type,
      label: plainText('Letter type', 2000),
      element: {
        type: 'static_select',
        action_id: VALUE,
        options: LETTER_TYPES.map((t) => option(`${LETTER_TYPE_NAMES[t]} (${t})`, t)),
        initial_option: option(`${LETTER_TYPE_NAMES.AL} (AL)`, 'AL'),
      },
    },
  ];
  if (mandateChoice) {
    blocks.push({
      type: 'input',
      block_id: PREVIEW_BLOCKS.mandate,
      label: plainText('From which mandate', 2000),
      element: { type: 'static_select', action_id: VALUE, options: options.mandates.slice(0, MAX_OPTIONS).map((m) => option(m.title, m.key)) },
    });
  }
  blocks.push(
    {
      type: 'input',
      block_id: PREVIEW_BLOCKS.topics,
      label: plainText('Topics', 2000),
      hint: plainText('They decide who at the company the preview is routed to.', 2000),
      element: { type: 'multi_static_select', action_id: VALUE, options: topics.map((t) => option(t, t)) },
    },
    {
      type: 'input',
      block_id: PREVIEW_BLOCKS.summary,
      label: plainText('Summary', 2000),
      hint: plainText(`A short heads-up, not the letter itself: at most ${SUMMARY_MAX_LENGTH} characters.`, 2000),
      element: { type: 'plain_text_input', action_id: VALUE, multiline: true, max_length: SUMMARY_MAX_LENGTH },
    },
    {
      type: 'input',
      block_id: PREVIEW_BLOCKS.expectedDate,
      optional: true,
      label: plainText('Expected date of the formal letter', 2000),
      element: { type: 'datepicker', action_id: VALUE },
    },
    {
      type: 'input',
      block_id: PREVIEW_BLOCKS.urgent,
      optional: true,
      label: plainText('Urgency', 2000),
      element: {
        type: 'checkboxes',
        action_id: VALUE,
        options: [option('Urgent: use the short reminder clocks (urgent appeals always do)', URGENT_VALUE)],
      },
    },
  );
  return {
    type: 'modal',
    callback_id: PREVIEW_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: plainText('Preview a letter', 24),
    submit: plainText('Preview', 24),
    close: plainText('Cancel', 24),
    blocks,
  };
}

/** The form read back: a preview input ready for the core, or errors keyed by block_id. */
export type PreviewFormResult =
  | { ok: true; input: Omit<PreviewInput, 'actor'> }
  | { ok: false; errors: Record<string, string> };

const single = z.object({ selected_option: z.object({ value: z.string() }).nullable().optional() });
const multi = z.object({ selected_options: z.array(z.object({ value: z.string() })).nullable().optional() });
const text = z.object({ value: z.string().nullable().optional() });
const date = z.object({ selected_date: z.string().nullable().optional() });


/** Why: validates the submitted state field by field; every problem is a sentence next to its field. */
export function readPreviewForm(submission: Pick<ViewSubmissionRequest, 'privateMetadata' | 'values'>, now: Date): PreviewFormResult {
  let metadata: z.infer<typeof metadataSchema>;
  try {
    metadata = metadataSchema.parse(JSON.parse(submission.privateMetadata));
  } catch {
    throw new PreLetterError('invalid-input', 'This preview form is out of date. Please run `/preletter preview` again.', { field: 'private_metadata' });
  }
  const errors: Record<string, string> = {};
  const read = <S extends z.ZodTypeAny>(block: string, schema: S): z.output<S> | undefined => {
    const parsed = schema.safeParse(submission.values[block]?.[VALUE] ?? {});
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    errors[block] = `PreLetter could not read this field (${issue.path.join('.') || block}: ${issue.message}). Please fill it in again.`;
    return undefined;
  };

  const type = read(PREVIEW_BLOCKS.type, single)?.selected_option?.value;
  if (!errors[PREVIEW_BLOCKS.type] && !LETTER_TYPES.includes(type as LetterType)) errors[PREVIEW_BLOCKS.type] = 'Choose the letter type.';

  const mandateKey = metadata.mandateChoice ? read(PREVIEW_BLOCKS.mandate, single)?.selected_option?.value : undefined;
  if (metadata.mandateChoice && !errors[PREVIEW_BLOCKS.mandate] && !mandateKey) {
    errors[PREVIEW_BLOCKS.mandate] = 'Choose the mandate this letter comes from.';
  }

  const topics = (read(PREVIEW_BLOCKS.topics, multi)?.selected_options ?? []).map((o) => o.value);
  if (!errors[PREVIEW_BLOCKS.topics] && topics.length === 0) errors[PREVIEW_BLOCKS.topics] = 'Choose at least one topic.';

  const summary = (read(PREVIEW_BLOCKS.summary, text)?.value ?? '').trim();
  if (!errors[PREVIEW_BLOCKS.summary] && summary === '') errors[PREVIEW_BLOCKS.summary] = 'Write a short summary of the letter.';
  if (summary.length > SUMMARY_MAX_LENGTH) {
    errors[PREVIEW_BLOCKS.summary] = `The summary is ${summary.length} characters long; the limit is ${SUMMARY_MAX_LENGTH}. Please shorten it.`;
  }

  const expected = read(PREVIEW_BLOCKS.expectedDate, date)?.selected_date ?? undefined;
  if (expected !== undefined && !errors[PREVIEW_BLOCKS.expectedDate]) {
    if (!DateTime.fromISO(expected, { zone: 'UTC' }).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(expected)) {
      errors[PREVIEW_BLOCKS.expectedDate] = 'Choose the date with the date picker.';
    } else if (expected < earliestFormDate(now)) {
      errors[PREVIEW_BLOCKS.expectedDate] = 'That date is in the past. Choose the date you expect to send the formal letter, today or later.';
    }
  }

  const urgent = (read(PREVIEW_BLOCKS.urgent, multi)?.selected_options ?? []).some((o) => o.value === URGENT_VALUE);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      channel: { platform: 'slack', workspaceId: metadata.workspaceId, channelId: metadata.channelId },
      type: type as LetterType,
      topics,
      summary,
      urgent,
      ...(expected ? { expectedFormalDate: expected } : {}),
      ...(mandateKey ? { mandateKey } : {}),
    },
  };
}

/** The acknowledgement a view_submission gets: nothing (close the modal) or errors shown in it. */
export type ViewAck = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/**
 * Why: the submit turn. Validation answers inside Slack's 3 seconds (errors stay in
 * the modal); only then is the modal closed and the letter opened, and the person
 * told privately in the channel what happened.
 */
export async function handlePreviewSubmission(services: TurnServices, body: unknown, ack: ViewAck): Promise<void> {
  let acked = false;
  const ackOnce: ViewAck = async (response) => {
    if (acked) return;
    acked = true;
    await ack(response);
  };
  await runTurn(services, 'preview-submit', async (turn) => {
    turn.reply = looseReply(body);
    try {
      const submission = readViewSubmission(body);
      turn.reply = { user: submission.actor };
      const form = readPreviewForm(submission, services.deps.clock.now());
      if (!form.ok) return await ackOnce({ response_action: 'errors', errors: form.errors });
      turn.reply = { user: submission.actor, target: encodeReplyTarget({ channelId: form.input.channel.channelId }) };
      await ackOnce();
      const replyTo = turn.reply;
      await afterAck(services, async () => {
        if (!(await firstTime(services, submission.dedupeId, turn.log))) return;
        const { letter, reply } = await previewLetter(services.deps, { ...form.input, actor: submission.actor });
        turn.log.info({ ref: letter.ref, channelId: form.input.channel.channelId }, 'preview submitted');
        await tellPrivately(services, replyTo, reply, turn.log);
      });
    } finally {
      await ackOnce();
    }
  });
}

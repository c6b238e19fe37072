/**
 * The preview form's rules, kept once for both platforms: which fields it has, what
 * each must hold, and the sentence for each mistake. Each adapter reads its own payload
 * at the edge (a Slack view submission, a Teams card action) into FormAnswers, shows
 * the errors next to its fields in the person's language, and renders its own form.
 */
import { DateTime } from 'luxon';
import type { LetterType } from '../domain/types';
import type { Message } from './messages/catalogue';
import { SUMMARY_MAX_LENGTH, type PreviewInput } from './preview-letter';
import { earliestFormDate } from './shared-decisions';

/** The form's fields, in the order both platforms show them. */
export const PREVIEW_FIELDS = ['type', 'mandate', 'topics', 'summary', 'expectedDate', 'urgent'] as const;

/** One form field. */
export type PreviewField = (typeof PREVIEW_FIELDS)[number];

/** The letter types the form offers, the allegation letter first chosen. */
export const LETTER_TYPES: readonly LetterType[] = ['UA', 'AL', 'OL'];

/** What a person entered, read from either platform's payload (absent when left empty). */
export interface FormAnswers {
  type?: string;
  mandate?: string;
  topics: string[];
  summary?: string;
  expectedDate?: string;
  urgent?: boolean;
}

/** Why: the answers as a preview, or the sentence for each field at fault. */
export type FormCheck =
  | { ok: true; input: Omit<PreviewInput, 'actor' | 'channel'> }
  | { ok: false; errors: Partial<Record<PreviewField, Message>> };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why: every rule of the form in one place. `unreadable` are fields the adapter could not
 * read at all (their sentence wins); `mandateChoice` is whether the form asked for a mandate;
 * `offeredTopics`, when the adapter has them, are the only topics the form may return.
 */
export function checkPreviewForm(
  answers: FormAnswers,
  context: { mandateChoice: boolean; now: Date; unreadable?: ReadonlySet<PreviewField>; offeredTopics?: readonly string[] },
): FormCheck {
  const errors: Partial<Record<PreviewField, Message>> = {};
  for (const field of context.unreadable ?? []) errors[field] = { key: 'form.unreadable', field };
  const open = (field: PreviewField) => errors[field] === undefined;

  const type = answers.type as LetterType | undefined;
  if (open('type') && !LETTER_TYPES.includes(type as LetterType)) errors.type = { key: 'form.choose-type' };
  const mandateKey = context.mandateChoice ? answers.mandate?.trim() || undefined : undefined;
  if (context.mandateChoice && open('mandate') && !mandateKey) errors.mandate = { key: 'form.choose-mandate' };
  const topics = [...new Set(answers.topics.map((t) => t.trim()).filter(Boolean))];
  if (open('topics') && topics.length === 0) errors.topics = { key: 'form.choose-topic' };
  // A form that knows what it offered says so under the field, so the form stays usable (a topic gone from the directory, a forged value).
  const notOffered = context.offeredTopics ? topics.find((t) => !context.offeredTopics!.includes(t)) : undefined;
  if (open('topics') && notOffered !== undefined) errors.topics = { key: 'form.topic-not-offered', topic: notOffered };
  const summary = (answers.summary ?? '').trim();
  if (open('summary') && summary === '') errors.summary = { key: 'form.write-summary' };
  if (open('summary') && summary.length > SUMMARY_MAX_LENGTH) errors.summary = { key: 'form.summary-long', length: summary.length, max: SUMMARY_MAX_LENGTH };
  const expected = answers.expectedDate?.trim() || undefined;
  if (expected !== undefined && open('expectedDate')) {
    if (!ISO_DAY.test(expected) || !DateTime.fromISO(expected, { zone: 'UTC' }).isValid) errors.expectedDate = { key: 'form.use-picker' };
    else if (expected < earliestFormDate(context.now)) errors.expectedDate = { key: 'form.past-date' };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      type: type!,
      topics,
      summary,
      urgent: answers.urgent === true,
      ...(expected ? { expectedFormalDate: expected } : {}),
      ...(mandateKey ? { mandateKey } : {}),
    },
  };
}

/**
 * The flag form on Teams: an Adaptive Card built from flagFormOptions (the topics the mandates
 * cover, and the mandates), in the person's language, shown in a dialog (opened from the card
 * `@PreLetter flag` leaves in a channel, or from the message extension) or as a card in
 * personal chat. Its answers are read by the core's flag form rules (errors shown under their
 * field, inputs kept). Whose form it is, the company's channel it was opened in (if any) and
 * its one-time id travel through the Teams client, so they are signed and checked on return.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkFlagForm, FLAG_FIELDS, type FlagField, type FlagFormOptions } from '../../src/bot/flag-form';
import { refusal, voiceFor, type Voice } from '../../src/bot/messages/catalogue';
import { SUMMARY_MAX_LENGTH } from '../../src/bot/preview-letter';
import type { FlagInput } from '../../src/bot/raise-flag';
import type { ChannelBinding, PlatformIdentity } from '../../src/domain/types';
import { clipChars } from '../shared/read-payload';
import { escapeCardText } from './escape';
import { topicChoiceValue, topicsOf } from './preview-form';
import { dialogOpenerCard, formCard, type FormPlace } from './form-card';
import type { CardElement } from './render';
import { signToken, verifyToken } from './signed-token';
import { TEAMS_ID } from './thread-ref';

/** The Action.Execute verb of the chat form's submit button. */
export const FLAG_SUBMIT_VERB = 'flag-submit';

/** Why: names the flag dialog: the message extension's command id, and the `dialog` a card's button and the dialog's form send. */
export const FLAG_DIALOG = 'flag';

/** What a flag form's token is signed for: never mistaken for a preview form's. */
const PURPOSE = 'preletter-flag-form';
const MAX_OPTIONS = 100;
const CHOICE_TITLE_MAX = 100;

const bindingSchema = z.object({
  v: z.literal(1),
  workspaceId: z.string().regex(TEAMS_ID.tenant),
  /** Who the form was opened for: only they may submit it. */
  userId: z.string().min(1).max(300),
  /** The channel it was opened in, when it was opened in one. */
  channelId: z.string().regex(TEAMS_ID.conversation).optional(),
  nonce: z.string().min(8).max(64),
  locale: z.string().max(35).optional(),
});

/** The signed part of a flag form: whose it is, where it was opened, and its one-time id. */
export type FlagBinding = z.infer<typeof bindingSchema>;

/** Why: a new flag form's token, for this person, where they asked for it, with a fresh one-time id. */
export function signFlagBinding(actor: PlatformIdentity, channel: ChannelBinding | undefined, key: Buffer, locale?: string): string {
  const binding: FlagBinding = {
    v: 1,
    workspaceId: channel?.workspaceId ?? actor.workspaceId,
    userId: actor.userId,
    ...(channel ? { channelId: channel.channelId } : {}),
    nonce: randomUUID(),
    ...(locale ? { locale } : {}),
  };
  return signToken(PURPOSE, binding, key);
}

/** Why: only a flag form this process's key signed is trusted; anything else means "run flag again". */
export function verifyFlagBinding(token: unknown, key: Buffer): FlagBinding {
  const binding = verifyToken(PURPOSE, token, key, bindingSchema);
  if (!binding) throw refusal('invalid-input', { key: 'flag.out-of-date' }, { field: 'form' });
  return binding;
}

/** Why: the channel a flag form was opened in, as the core names it. */
export function bindingChannel(binding: FlagBinding): ChannelBinding | undefined {
  return binding.channelId ? { platform: 'teams', workspaceId: binding.workspaceId, channelId: binding.channelId } : undefined;
}

/** What the person entered, as Teams reports it (every input value is a string). */
export type FlagFormValues = Partial<Record<FlagField, string>>;

function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function choices(items: Array<{ title: string; value: string }>): CardElement[] {
  return items.slice(0, MAX_OPTIONS).map((c) => ({ title: clipChars(c.title, CHOICE_TITLE_MAX), value: c.value }));
}

/**
 * Why: the form card, in the person's language; with `values` and `errors` it is the same form
 * again, inputs kept, each problem in red under its field. In a chat it is submitted with a
 * Universal Action (Action.Submit fallback); in a dialog with Action.Submit, which submits the dialog.
 */
export function flagFormCard(options: FlagFormOptions, token: string, values: FlagFormValues = {}, errors: Partial<Record<FlagField, string>> = {}, place: FormPlace = 'chat'): CardElement {
  const v: Voice = voiceFor({ locale: options.locale, zone: 'UTC' });
  const label = (id: FlagField) => v.t('flag.field', { field: id });
  const body: CardElement[] = [
    textBlock(escapeCardText(v.t('flag.form-title')), { size: 'Medium', weight: 'Bolder' }),
    textBlock(escapeCardText(v.t('flag.form-intro', { company: options.company.name })), { isSubtle: true }),
  ];
  if (Object.keys(errors).length > 0) body.push(textBlock(escapeCardText(v.t('form.correct')), { color: 'Attention', weight: 'Bolder' }));
  const field = (id: FlagField, input: CardElement) => {
    body.push({ id, label: label(id), ...input });
    const problem = errors[id];
    if (problem) body.push(textBlock(escapeCardText(`${label(id)}: ${problem}`), { color: 'Attention', size: 'Small', spacing: 'None' }));
  };
  field('topics', { type: 'Input.ChoiceSet', isMultiSelect: true, style: 'expanded', ...(values.topics ? { value: values.topics } : {}), choices: choices(options.topics.map((t) => ({ title: t, value: topicChoiceValue(t) }))) });
  field('summary', {
    type: 'Input.Text',
    isMultiline: true,
    maxLength: SUMMARY_MAX_LENGTH,
    placeholder: v.t('flag.summary-hint', { max: SUMMARY_MAX_LENGTH }),
    ...(values.summary ? { value: values.summary } : {}),
  });
  field('mandate', {
    type: 'Input.ChoiceSet',
    style: 'compact',
    placeholder: v.t('flag.mandate-hint'),
    ...(values.mandate ? { value: values.mandate } : {}),
    choices: choices(options.mandates.map((m) => ({ title: m.title, value: m.key }))),
  });
  field('urgent', { type: 'Input.Toggle', title: v.t('flag.urgent-option'), valueOn: 'true', valueOff: 'false', value: values.urgent === 'true' ? 'true' : 'false' });
  return formCard(body, place, { title: v.t('flag.submit'), token, verb: FLAG_SUBMIT_VERB, dialog: FLAG_DIALOG });
}

/**
 * Why: what `@PreLetter flag` leaves in a channel's reply chain: a button that opens the form
 * as a dialog for whoever presses it, so nothing about the issue is typed in the channel.
 */
export function flagDialogCard(locale: string | undefined, name: string): CardElement {
  const v: Voice = voiceFor({ locale, zone: 'UTC' });
  return dialogOpenerCard([textBlock(escapeCardText(v.t('flag.form-title')), { weight: 'Bolder' }), textBlock(escapeCardText(v.t('flag.dialog-card', { name })))], v.t('button.open-form'), { dialog: FLAG_DIALOG });
}

/** The form read back: a flag ready for the core, or errors by field with what was entered. */
export type FlagFormResult = { ok: true; input: Omit<FlagInput, 'actor' | 'channel'> } | { ok: false; values: FlagFormValues; errors: Partial<Record<FlagField, string>> };

/** Why: reads the submitted data at the edge (every input value is a string), against what the directory offers now; each problem is a sentence under its field. */
export function readFlagAnswers(binding: FlagBinding, data: Record<string, unknown>, offered: Pick<FlagFormOptions, 'topics' | 'mandates'>): FlagFormResult {
  const values: FlagFormValues = {};
  const unreadable = new Set<FlagField>();
  for (const id of FLAG_FIELDS) {
    const raw = data[id];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string') unreadable.add(id);
    else values[id] = raw;
  }
  if (values.urgent !== undefined && values.urgent !== 'true' && values.urgent !== 'false') unreadable.add('urgent');
  const check = checkFlagForm(
    { topics: topicsOf((values.topics ?? '').split(','), offered.topics), summary: values.summary, mandate: values.mandate, urgent: values.urgent === 'true' },
    { offered, unreadable },
  );
  if (check.ok) return { ok: true, input: check.input };
  const v = voiceFor({ locale: binding.locale, zone: 'UTC' });
  return { ok: false, values, errors: Object.fromEntries(Object.entries(check.errors).map(([id, message]) => [id, v.plain(message)])) };
}

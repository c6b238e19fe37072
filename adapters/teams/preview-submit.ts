/**
 * The Teams preview form submitted, wherever it was shown (a card in the private chat, or
 * a dialog in the channel): the signed binding checked, the answers read against what the
 * directory offers now, the form's one-time id used once, and the letter opened. Each caller
 * words the outcome its own way (a card in place, or the dialog's answer).
 */
import type { Letter, PlatformIdentity } from '../../src/domain/types';
import { previewFormOptions, previewLetter, type PreviewFormOptions } from '../../src/bot/preview-letter';
import type { NeutralCard } from '../../src/bot/ports';
import type { Logger } from '../../src/logger';
import { readPreviewAnswers, verifyFormBinding, type FormBinding, type PreviewFormValues, type PreviewField } from './preview-form';
import type { TurnServices } from './turn';

/** What a submit came to: someone else's form, mistakes to show again, a form already used, or the letter. */
export type PreviewSubmit =
  | { kind: 'not-yours'; binding: FormBinding }
  | { kind: 'mistakes'; binding: FormBinding; options: PreviewFormOptions; values: PreviewFormValues; errors: Partial<Record<PreviewField, string>> }
  | { kind: 'repeated'; binding: FormBinding }
  | { kind: 'used'; binding: FormBinding }
  | { kind: 'opened'; binding: FormBinding; letter: Letter; reply: NeutralCard };

/**
 * Why: one reading of a submitted form for both places it is shown. `firstTime` is asked
 * once the answers are sound (a dialog records its submit only then; a card click has
 * recorded its own already and passes nothing).
 */
export async function submitPreviewForm(
  services: TurnServices,
  actor: PlatformIdentity,
  data: Record<string, unknown>,
  log: Logger,
  firstTime: () => Promise<boolean> = async () => true,
): Promise<PreviewSubmit> {
  const { deps } = services;
  const binding = verifyFormBinding(data.form, services.settings.formKey);
  if (binding.userId !== actor.userId) return { kind: 'not-yours', binding };
  const channel = { platform: 'teams' as const, workspaceId: binding.workspaceId, channelId: binding.channelId };
  // The topics are chosen by digest: what the directory offers now says which they are.
  const options = await previewFormOptions(deps, actor, channel);
  const form = readPreviewAnswers(binding, data, deps.clock.now(), options.topics);
  if (!form.ok) return { kind: 'mistakes', binding, options, values: form.values, errors: form.errors };
  if (!(await firstTime())) return { kind: 'repeated', binding };
  if (!(await deps.inbound.recordOnce('teams', `form:${form.binding.nonce}`, deps.clock.now()))) return { kind: 'used', binding };
  const { letter, reply } = await previewLetter(deps, { ...form.input, actor });
  log.info({ ref: letter.ref, channelId: channel.channelId }, 'preview submitted');
  return { kind: 'opened', binding, letter, reply };
}

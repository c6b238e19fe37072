/**
 * The Teams call form submitted, wherever it was shown (a card in personal chat, or a dialog):
 * the signed binding checked, the answers read at the edge and judged by the core's call rules
 * (every field at once), the form's one-time id used once, and the call published. Each caller
 * words the outcome its own way (a card in place, or the dialog's answer).
 */
import type { CallField } from '../../src/bot/call-form';
import { voiceFor } from '../../src/bot/messages/catalogue';
import type { NeutralCard } from '../../src/bot/ports';
import { callFormOptions, checkCallInput, publishCall, type CallFormOptions } from '../../src/bot/publish-call';
import type { CallForInput } from '../../src/domain/call';
import type { PlatformIdentity } from '../../src/domain/types';
import type { Logger } from '../../src/logger';
import { readCallAnswers, verifyCallBinding, type CallBinding, type CallFormValues } from './call-form';
import type { TurnServices } from './turn';

/** What a submit came to: someone else's form, mistakes to show again, a repeat, a form already used, or the call. */
export type CallSubmit =
  | { kind: 'not-yours'; binding: CallBinding }
  | { kind: 'mistakes'; binding: CallBinding; options: CallFormOptions; values: CallFormValues; errors: Partial<Record<CallField, string>> }
  | { kind: 'repeated'; binding: CallBinding }
  | { kind: 'used'; binding: CallBinding }
  | { kind: 'published'; binding: CallBinding; call: CallForInput; reply: NeutralCard };

/**
 * Why: one reading of a submitted call form for both places it is shown. `firstTime` is asked
 * once the answers are sound (a dialog records its submit only then; a card click has recorded
 * its own already and passes nothing); the form's one-time id makes one call at most.
 */
export async function submitCallForm(
  services: TurnServices,
  actor: PlatformIdentity,
  data: Record<string, unknown>,
  log: Logger,
  firstTime: () => Promise<boolean> = async () => true,
): Promise<CallSubmit> {
  const { deps } = services;
  const binding = verifyCallBinding(data.form, services.settings.formKey);
  if (binding.userId !== actor.userId) return { kind: 'not-yours', binding };
  // What the directory offers now says which topics the choice values are (and the person is checked again).
  const options = await callFormOptions(deps, actor);
  const read = readCallAnswers(data, options);
  const problems = await checkCallInput(deps, { ...read.input, actor });
  const v = voiceFor({ locale: binding.locale, zone: 'UTC' });
  const errors: Partial<Record<CallField, string>> = Object.fromEntries(Object.entries(problems).map(([id, message]) => [id, v.plain(message)]));
  for (const id of read.unreadable) errors[id] = v.plain({ key: 'form.unreadable', field: id });
  if (Object.keys(errors).length > 0) return { kind: 'mistakes', binding, options, values: read.values, errors };
  if (!(await firstTime())) return { kind: 'repeated', binding };
  if (!(await deps.inbound.recordOnce('teams', `call-form:${binding.nonce}`, deps.clock.now()))) return { kind: 'used', binding };
  const { call, delivery, reply } = await publishCall(deps, { ...read.input, actor });
  log.info({ ref: call.ref, companies: call.recipients.length, failed: delivery.failed.length }, 'call submitted');
  return { kind: 'published', binding, call, reply };
}

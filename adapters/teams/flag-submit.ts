/**
 * The Teams flag form submitted, wherever it was shown (a card in personal chat, or a dialog):
 * the signed binding checked, the answers read against what the directory offers now, the
 * form's one-time id used once, and the flag raised. Each caller words the outcome its own way
 * (a card in place, or the dialog's answer).
 */
import { flagFormOptions, type FlagField, type FlagFormOptions } from '../../src/bot/flag-form';
import type { NeutralCard } from '../../src/bot/ports';
import { raiseFlag } from '../../src/bot/raise-flag';
import type { Flag } from '../../src/domain/flag';
import type { PlatformIdentity } from '../../src/domain/types';
import type { Logger } from '../../src/logger';
import { bindingChannel, readFlagAnswers, verifyFlagBinding, type FlagBinding, type FlagFormValues } from './flag-form';
import type { TurnServices } from './turn';

/** What a submit came to: someone else's form, mistakes to show again, a repeat, a form already used, or the flag. */
export type FlagSubmit =
  | { kind: 'not-yours'; binding: FlagBinding }
  | { kind: 'mistakes'; binding: FlagBinding; options: FlagFormOptions; values: FlagFormValues; errors: Partial<Record<FlagField, string>> }
  | { kind: 'repeated'; binding: FlagBinding }
  | { kind: 'used'; binding: FlagBinding }
  | { kind: 'raised'; binding: FlagBinding; flag: Flag; reply: NeutralCard };

/**
 * Why: one reading of a submitted flag form for both places it is shown. `firstTime` is asked
 * once the answers are sound (a dialog records its submit only then; a card click has
 * recorded its own already and passes nothing); the form's one-time id makes one flag at most.
 */
export async function submitFlagForm(
  services: TurnServices,
  actor: PlatformIdentity,
  data: Record<string, unknown>,
  log: Logger,
  firstTime: () => Promise<boolean> = async () => true,
): Promise<FlagSubmit> {
  const { deps } = services;
  const binding = verifyFlagBinding(data.form, services.settings.formKey);
  if (binding.userId !== actor.userId) return { kind: 'not-yours', binding };
  const channel = bindingChannel(binding);
  // The topics are chosen by digest: what the directory offers now says which they are (and the person is checked again).
  const options = await flagFormOptions(deps, actor, channel);
  const form = readFlagAnswers(binding, data, options);
  if (!form.ok) return { kind: 'mistakes', binding, options, values: form.values, errors: form.errors };
  if (!(await firstTime())) return { kind: 'repeated', binding };
  if (!(await deps.inbound.recordOnce('teams', `flag-form:${binding.nonce}`, deps.clock.now()))) return { kind: 'used', binding };
  const { flag, reply } = await raiseFlag(deps, { ...form.input, actor, ...(options.channel ? { channel: options.channel } : {}) });
  log.info({ ref: flag.ref, mandates: flag.routing.mandateKeys.length }, 'flag submitted');
  return { kind: 'raised', binding, flag, reply };
}

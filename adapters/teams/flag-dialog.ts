/**
 * The flag form as a dialog (Teams' task module). It opens from the message extension's
 * action command (`composeExtension/fetchTask`, commandId `flag`) and from the "Open the
 * form" button of the card `@PreLetter flag` leaves in a channel (`task/fetch`, whose data
 * says `dialog: flag`). Its submit (`task/submit`, `composeExtension/submitAction`) is read by
 * the same rules as the chat form: mistakes are shown in the dialog, inputs kept; success
 * closes it with the sentence naming the flag and where it went.
 */
import { flagFormOptions } from '../../src/bot/flag-form';
import { voiceFor } from '../../src/bot/messages/catalogue';
import type { Logger } from '../../src/logger';
import { closeDialog, showDialog, type DialogResponse } from './dialog-response';
import { FLAG_DIALOG, flagFormCard, signFlagBinding } from './flag-form';
import { submitFlagForm } from './flag-submit';
import type { TaskRequest } from './inbound-actions';
import { plainSentence, plainWords } from './render';
import { firstTime, type TurnServices } from './turn';

/** Why: the message extension's command `flag`, or a card or dialog form that names the flag dialog. */
export function isFlagDialog(request: TaskRequest): boolean {
  return request.commandId === undefined ? request.data.dialog === FLAG_DIALOG : request.commandId === FLAG_DIALOG;
}

async function open(services: TurnServices, request: TaskRequest, log: Logger): Promise<DialogResponse> {
  const { deps } = services;
  // The person is checked before the form is shown: only a company's people may raise a flag.
  const options = await flagFormOptions(deps, request.actor, request.channel);
  const v = voiceFor({ locale: options.locale, zone: deps.policy.defaultTimeZone });
  const token = signFlagBinding(request.actor, request.channel, services.settings.formKey, options.locale);
  log.info({ companyKey: options.company.key, inChannel: Boolean(options.channel), source: request.commandId ? 'extension' : 'card' }, 'flag dialog opened');
  return showDialog(v.t('flag.form-title'), flagFormCard(options, token, {}, {}, 'dialog'));
}

async function submit(services: TurnServices, request: TaskRequest, log: Logger): Promise<DialogResponse> {
  const submitted = await submitFlagForm(services, request.actor, request.data, log, () => firstTime(services, request.dedupeId, log));
  const v = voiceFor({ locale: submitted.binding.locale, zone: services.deps.policy.defaultTimeZone });
  switch (submitted.kind) {
    case 'mistakes':
      return showDialog(v.t('flag.form-title'), flagFormCard(submitted.options, String(request.data.form), submitted.values, submitted.errors, 'dialog'));
    case 'raised':
      return closeDialog(plainSentence(submitted.reply));
    case 'not-yours':
      return closeDialog(plainWords(v.say({ key: 'flag.not-yours' })));
    case 'repeated':
      return closeDialog(plainWords(v.say({ key: 'click.repeated' })));
    case 'used':
      return closeDialog(plainWords(v.say({ key: 'flag.used' })));
  }
}

/** Why: the flag dialog's step: the form to show, or what its submit came to. Refusals are the caller's to word. */
export function flagDialog(services: TurnServices, request: TaskRequest, log: Logger): Promise<DialogResponse> {
  return request.step === 'fetch' ? open(services, request, log) : submit(services, request, log);
}

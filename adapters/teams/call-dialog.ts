/**
 * The call-for-input form as a dialog (Teams' task module). It opens from the message
 * extension's action command (`composeExtension/fetchTask`, commandId `call`) and from the
 * "Open the form" button of the card `@PreLetter call` leaves in a channel (`task/fetch`, whose
 * data says `dialog: call`). Its submit (`task/submit`, `composeExtension/submitAction`) is
 * judged by the same rules as the chat form: mistakes are shown in the dialog, inputs kept;
 * success closes it with the sentence naming the call and where it went.
 */
import { voiceFor } from '../../src/bot/messages/catalogue';
import { callFormOptions } from '../../src/bot/publish-call';
import type { Logger } from '../../src/logger';
import { CALL_DIALOG, callFormCard, signCallBinding } from './call-form';
import { submitCallForm } from './call-submit';
import { closeDialog, showDialog, type DialogResponse } from './dialog-response';
import type { TaskRequest } from './inbound-actions';
import { plainSentence, plainWords } from './render';
import { firstTime, type TurnServices } from './turn';

/** Why: the message extension's command `call`, or a card or dialog form that names the call dialog. */
export function isCallDialog(request: TaskRequest): boolean {
  return request.commandId === undefined ? request.data.dialog === CALL_DIALOG : request.commandId === CALL_DIALOG;
}

async function open(services: TurnServices, request: TaskRequest, log: Logger): Promise<DialogResponse> {
  const { deps } = services;
  // The person is checked before the form is shown: only a mandate team (or an admin) may publish a call.
  const options = await callFormOptions(deps, request.actor);
  const v = voiceFor({ locale: options.locale, zone: deps.policy.defaultTimeZone });
  const token = signCallBinding(request.actor, services.settings.formKey, options.locale);
  log.info({ mandates: options.mandates.length, source: request.commandId ? 'extension' : 'card' }, 'call dialog opened');
  return showDialog(v.t('call.form-title'), callFormCard(options, token, {}, {}, 'dialog'));
}

async function submit(services: TurnServices, request: TaskRequest, log: Logger): Promise<DialogResponse> {
  const submitted = await submitCallForm(services, request.actor, request.data, log, () => firstTime(services, request.dedupeId, log));
  const v = voiceFor({ locale: submitted.binding.locale, zone: services.deps.policy.defaultTimeZone });
  switch (submitted.kind) {
    case 'mistakes':
      return showDialog(v.t('call.form-title'), callFormCard(submitted.options, String(request.data.form), submitted.values, submitted.errors, 'dialog'));
    case 'published':
      return closeDialog(plainSentence(submitted.reply));
    case 'not-yours':
      return closeDialog(plainWords(v.say({ key: 'call.not-yours' })));
    case 'repeated':
      return closeDialog(plainWords(v.say({ key: 'click.repeated' })));
    case 'used':
      return closeDialog(plainWords(v.say({ key: 'call.used' })));
  }
}

/** Why: the call dialog's step: the form to show, or what its submit came to. Refusals are the caller's to word. */
export function callDialog(services: TurnServices, request: TaskRequest, log: Logger): Promise<DialogResponse> {
  return request.step === 'fetch' ? open(services, request, log) : submit(services, request, log);
}

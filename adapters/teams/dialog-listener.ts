/**
 * The dialogs (Teams' task modules): the flag form's (flag-dialog.ts), the call form's
 * (call-dialog.ts), and the preview form
 * as a dialog in the channel. The preview dialog opens from the message extension's action
 * command (`composeExtension/fetchTask`, commandId `preview`) and from the "Open the form
 * here" button of the card `@PreLetter preview` leaves in the channel (`task/fetch`). Its
 * submit (`task/submit`, `composeExtension/submitAction`) is read by the same rules as the
 * chat form: problems are shown in the dialog, inputs kept; success closes it with one
 * sentence. The form is bound (signed) to the channel it was opened in and to the person who
 * opened it; a form already offered in their private chat keeps its one-time id here, so the
 * two can never make two letters.
 */
import { cardForError } from '../../src/bot/error-sink';
import { inUnitOfWork } from '../../src/bot/deps';
import { voiceFor, type Voice } from '../../src/bot/messages/catalogue';
import { previewFormOptions, type PreviewFormOptions } from '../../src/bot/preview-letter';
import { noticeCard } from '../../src/bot/views/notice-card';
import type { Logger } from '../../src/logger';
import { voiceOfAccount } from '../../src/bot/voices';
import { voiceOfReply } from '../shared/turn';
import { looseReply } from './inbound';
import { readTask, type TaskRequest } from './inbound-actions';
import { previewFormCard, signFormBinding, verifyFormBinding } from './preview-form';
import { submitPreviewForm } from './preview-submit';
import { closeDialog, showDialog, type DialogResponse } from './dialog-response';
import { callDialog, isCallDialog } from './call-dialog';
import { flagDialog, isFlagDialog } from './flag-dialog';
import { plainSentence, plainWords, type CardElement } from './render';
import { firstTime, withinBudget, type TurnServices } from './turn';

/** Why: the message extension's action command that opens the preview dialog (manifest/teams/manifest.json). */
export const PREVIEW_COMMAND_ID = 'preview';

export type { DialogResponse };

const close = closeDialog;

function show(v: Voice, content: CardElement): DialogResponse {
  return showDialog(v.t('form.title'), content);
}

/** Why: the one-time form this person already has for this channel (from `@PreLetter preview`), else a new one. */
function tokenFor(services: TurnServices, request: TaskRequest, options: PreviewFormOptions): string {
  const given = request.data.form;
  if (typeof given === 'string') {
    try {
      const binding = verifyFormBinding(given, services.settings.formKey);
      if (binding.userId === request.actor.userId && binding.channelId === request.channel?.channelId) return given;
    } catch {
      // Not a form this process signed: a new one is made below.
    }
  }
  return signFormBinding(request.channel!, request.actor.userId, options.mandates.length > 1, services.settings.formKey, options.locale);
}

async function open(services: TurnServices, request: TaskRequest, log: Logger): Promise<DialogResponse> {
  const { deps } = services;
  if (!request.channel) return close(plainWords((await voiceOfReply(deps, request.reply)).say({ key: 'form.from-command' })));
  const options = await previewFormOptions(deps, request.actor, request.channel);
  const v = voiceFor({ locale: options.locale, zone: deps.policy.defaultTimeZone });
  log.info({ channelId: request.channel.channelId, companyKey: options.company.key, source: request.commandId ? 'extension' : 'card' }, 'preview dialog opened');
  return show(v, previewFormCard(options, tokenFor(services, request, options), {}, {}, 'dialog'));
}

async function submit(services: TurnServices, request: TaskRequest, log: Logger): Promise<DialogResponse> {
  const submitted = await submitPreviewForm(services, request.actor, request.data, log, () => firstTime(services, request.dedupeId, log));
  const v = voiceFor({ locale: submitted.binding.locale, zone: services.deps.policy.defaultTimeZone });
  switch (submitted.kind) {
    case 'mistakes':
      return show(v, previewFormCard(submitted.options, String(request.data.form), submitted.values, submitted.errors, 'dialog'));
    case 'opened':
      return close(v.t('form.done', { ref: submitted.letter.ref }));
    case 'not-yours':
      return close(plainWords(v.say({ key: 'form.not-yours' })));
    case 'repeated':
      return close(plainWords(v.say({ key: 'click.repeated' })));
    case 'used':
      return close(plainWords(v.say({ key: 'form.used' })));
  }
}

/**
 * Why: the dialog turn; always returns an answer Teams accepts within the invoke budget. A
 * refusal closes the dialog with its sentence; a slow submit is finished and confirmed in private.
 */
export async function handleDialog(services: TurnServices, body: unknown): Promise<DialogResponse> {
  const log = services.logger.child({ turn: 'dialog' });
  let request: TaskRequest;
  try {
    request = readTask(body);
  } catch (err) {
    const loose = looseReply(body);
    return close(plainSentence(cardForError(err, log, await voiceOfAccount(services.deps, loose?.user, loose?.locale), 'teams')));
  }
  const scoped: TurnServices = { ...services, deps: inUnitOfWork(services.deps) };
  const flag = isFlagDialog(request);
  const call = isCallDialog(request);
  if (!flag && !call && request.commandId !== undefined && request.commandId !== PREVIEW_COMMAND_ID) {
    log.info({ commandId: request.commandId.slice(0, 40) }, 'unknown dialog command');
    return close(plainWords((await voiceOfReply(scoped.deps, request.reply)).say({ key: 'click.unknown-button' })));
  }
  const step = flag
    ? flagDialog(scoped, request, log)
    : call
      ? callDialog(scoped, request, log)
      : request.step === 'fetch'
        ? open(scoped, request, log)
        : submit(scoped, request, log);
  const running = step.catch(async (err: unknown) =>
    close(plainSentence(cardForError(err, log, await voiceOfReply(scoped.deps, request.reply), 'teams'))),
  );
  const first = await withinBudget(running, services.settings.invokeBudgetMs);
  if (first) return first;
  log.warn({ budgetMs: services.settings.invokeBudgetMs, step: request.step }, 'dialog answered before its work finished');
  services.tracker.track(
    running.then(async (late) => {
      if (late.task.type !== 'message') return;
      const notice = noticeCard('PreLetter', late.task.value);
      await services.platform.replyPrivately(request.reply.target, request.reply.user, notice).catch(() => undefined);
    }),
  );
  const v = voiceFor({ locale: request.reply.locale, zone: services.deps.policy.defaultTimeZone });
  return close(v.t('click.working'));
}

/**
 * Messages: Teams has no slash commands, so `@PreLetter preview`, `@PreLetter status
 * PL-2026-0007` (or the same words without the mention in personal chat) go to the
 * core's command handler, and `ack` in a letter's reply chain acknowledges it. Every
 * answer is private: the person's 1:1 chat with the bot. `preview` answers with the
 * preview form there; `flag` and `call` with a card that opens their form as a dialog (in
 * a channel) or the form itself (elsewhere). Runs after Teams got its HTTP answer.
 */
import { isAckReply } from '../../src/bot/shared-decisions';
import { parseCommand } from '../../src/domain/command';
import { acknowledgeInThread } from '../../src/bot/acknowledge';
import type { FlagFormOptions } from '../../src/bot/flag-form';
import type { CallFormOptions } from '../../src/bot/publish-call';
import { handleCommand } from '../../src/bot/handle-command';
import type { ActionOutcome } from '../../src/bot/letter-action';
import { refusal } from '../../src/bot/messages/catalogue';
import { noticeCard } from '../../src/bot/views/notice-card';
import { errorDetails, type Logger } from '../../src/logger';
import { relayChange, relayMessage } from '../../src/bot/relay-message';
import { readChainChange } from './inbound-thread';
import { voiceOfReply } from '../shared/turn';
import { handleSubmittedCard } from './card-action-listener';
import { looseReply, readMessage, type MessageRequest } from './inbound';
import { isSubmittedCard, readSubmittedCard } from './inbound-actions';
import { callDialogCard, callFormCard, signCallBinding } from './call-form';
import { flagDialogCard, flagFormCard, signFlagBinding } from './flag-form';
import { previewDialogCard, previewFormAttachment, previewFormCard, signFormBinding } from './preview-form';
import { encodeThreadRef, replyChainKey } from './thread-ref';
import { directoryActor, firstTime, runTurn, tellPrivately, type TurnServices } from './turn';


/**
 * Why: the thread ref a reply chain had when its root card was posted. Refs carry the
 * service URL PreLetter used then, so the URLs this tenant may have had are tried in turn.
 */
async function acknowledgeReplyChain(services: TurnServices, request: MessageRequest): Promise<ActionOutcome | null> {
  const thread = request.thread!;
  // The chain's own key first: the same from every tenant (a shared channel's external members) and service URL.
  const keyed = await acknowledgeInThread(services.deps, { actor: request.actor, threadRef: replyChainKey(thread.conversationId, thread.rootActivityId) });
  if (keyed) return keyed;
  // Letters posted before chains had a key: their refs name the tenant and service URL of the time.
  for (const serviceUrl of await services.platform.serviceUrls.candidates(request.tenantId, request.serviceUrl)) {
    const threadRef = encodeThreadRef({ conversationId: thread.conversationId, serviceUrl, tenantId: request.tenantId, rootActivityId: thread.rootActivityId });
    const outcome = await acknowledgeInThread(services.deps, { actor: request.actor, threadRef });
    if (outcome) return outcome;
  }
  return null;
}

/**
 * Why: sends the preview form to the person's 1:1 chat, bound (and signed) to the channel
 * `preview` was typed in, and says in the channel's reply chain where it went, so the
 * person is not left wondering and nothing confidential is typed in the channel.
 */
async function sendPreviewForm(services: TurnServices, request: MessageRequest, options: Parameters<typeof previewFormCard>[0]): Promise<void> {
  if (!request.channel) throw refusal('not-bound', { key: 'command.preview-here' });
  const token = signFormBinding(request.channel, request.actor.userId, options.mandates.length > 1, services.settings.formKey, options.locale);
  const form = previewFormAttachment(previewFormCard(options, token));
  await services.platform.deliverPrivately(request.reply.target, request.actor, { type: 'message', attachments: [form] });
  if (!request.said) return;
  // In the person's language, which the form's options already carry: no second lookup.
  const card = previewFormAttachment(previewDialogCard(options.locale, request.said.name ?? '', token));
  await services.platform.postActivity(request.serviceUrl, request.said.conversationId, { type: 'message', attachments: [card] }).catch((err: unknown) => {
    services.logger.warn({ channelId: request.channel?.channelId, ...errorDetails(err) }, 'channel note about the preview form failed');
  });
}

/**
 * Why: `@PreLetter flag` in a channel leaves a card there whose button opens the form as a
 * dialog, for the presser alone, so nothing about the issue is typed in the channel; anywhere
 * else (personal chat, a group chat) the form itself comes in the person's private chat.
 */
async function offerFlagForm(services: TurnServices, request: MessageRequest, options: FlagFormOptions, log: Logger): Promise<void> {
  if (request.said) {
    const card = previewFormAttachment(flagDialogCard(options.locale, request.said.name ?? ''));
    await services.platform.postActivity(request.serviceUrl, request.said.conversationId, { type: 'message', attachments: [card] });
    log.info({ channelId: request.channel?.channelId, companyKey: options.company.key }, 'flag dialog card posted');
    return;
  }
  const token = signFlagBinding(request.actor, request.channel, services.settings.formKey, options.locale);
  await services.platform.deliverPrivately(request.reply.target, request.actor, { type: 'message', attachments: [previewFormAttachment(flagFormCard(options, token))] });
  log.info({ companyKey: options.company.key }, 'flag form sent');
}

/**
 * Why: `@PreLetter call` in a channel leaves a card there whose button opens the call form as a
 * dialog for the presser alone; anywhere else the form itself comes in the person's private chat.
 */
async function offerCallForm(services: TurnServices, request: MessageRequest, options: CallFormOptions, log: Logger): Promise<void> {
  if (request.said) {
    const card = previewFormAttachment(callDialogCard(options.locale, request.said.name ?? ''));
    await services.platform.postActivity(request.serviceUrl, request.said.conversationId, { type: 'message', attachments: [card] });
    log.info({ channelId: request.channel?.channelId, mandates: options.mandates.length }, 'call dialog card posted');
    return;
  }
  const token = signCallBinding(request.actor, services.settings.formKey, options.locale);
  await services.platform.deliverPrivately(request.reply.target, request.actor, { type: 'message', attachments: [previewFormAttachment(callFormCard(options, token))] });
  log.info({ mandates: options.mandates.length }, 'call form sent');
}

/** Why: a person's words in a bridged letter's reply chain, relayed to its other thread; mentions read as the names they show. */
async function relayChainMessage(services: TurnServices, request: MessageRequest, log: Logger): Promise<number> {
  const thread = request.thread!;
  const text = request.text.replace(/<at>([^<]*)<\/at>/g, '$1');
  return relayMessage(
    services.deps,
    { platform: 'teams', thread: replyChainKey(thread.conversationId, thread.rootActivityId), messageId: request.messageId, author: request.actor, ...(request.said?.name ? { authorName: request.said.name } : {}), text },
    () => firstTime(services, request.dedupeId, log),
  );
}

/**
 * Why: an edit or deletion of a reply in a bridged letter's chain, shown on its relayed copies.
 * Runs after Teams got its HTTP answer.
 */
export async function handleMessageChange(services: TurnServices, body: unknown): Promise<void> {
  await runTurn(services, 'message-change', async (turn) => {
    const change = readChainChange(body);
    if (!change) return;
    const { thread, messageId, actor, authorName } = change;
    await relayChange(services.deps, { platform: 'teams', thread, messageId, author: actor, ...(authorName ? { authorName } : {}), change: change.change }, () => firstTime(services, change.dedupeId, turn.log));
  });
}

/** Why: the message turn: a command said to the bot, or `ack` in a letter's thread; all other chatter is ignored. */
export async function handleMessage(services: TurnServices, body: unknown): Promise<void> {
  await runTurn(services, 'message', async (turn) => {
    turn.reply = looseReply(body);
    if (isSubmittedCard(body)) {
      // An older client's click on a card's button arrives as a message carrying the button's data.
      const click = readSubmittedCard(body);
      turn.reply = click.reply;
      return handleSubmittedCard(services, click);
    }
    const read = readMessage(body);
    if (!read) return;
    const ack = read.thread !== undefined && isAckReply(read.text);
    if (!read.addressed && !ack) {
      // Other talk in a reply chain: relayed when the chain is a bridged letter's (mirrored on Slack).
      if (read.thread) await relayChainMessage(services, read, turn.log);
      return;
    }
    // Words that mention PreLetter in a bridged chain but are no command are talk too: relayed, not answered with help.
    if (read.thread && !ack && !parseCommand(read.text).ok && (await relayChainMessage(services, read, turn.log)) > 0) return;
    turn.reply = read.reply;
    if (!(await firstTime(services, read.dedupeId, turn.log))) return;
    const request = read.channel ? { ...read, actor: await directoryActor(services, read.actor, read.serviceUrl, read.channel.channelId) } : read;
    if (ack) {
      const outcome = await acknowledgeReplyChain(services, request);
      if (outcome) return tellPrivately(services, request.reply, outcome.reply, turn.log);
      if (!request.addressed) return;
      const v = await voiceOfReply(services.deps, request.reply);
      await tellPrivately(services, request.reply, noticeCard(v.t('thread.nothing-to-ack-title'), [v.t('thread.nothing-to-ack')]), turn.log);
      return;
    }
    const outcome = await handleCommand(services.deps, { actor: request.actor, text: request.text, channel: request.channel });
    if (outcome.kind === 'reply') return tellPrivately(services, request.reply, outcome.card, turn.log);
    if (outcome.kind === 'flag-form') return offerFlagForm(services, request, outcome.options, turn.log);
    if (outcome.kind === 'call-form') return offerCallForm(services, request, outcome.options, turn.log);
    await sendPreviewForm(services, request, outcome.options);
    turn.log.info({ channelId: request.channel?.channelId, companyKey: outcome.options.company.key }, 'preview form sent');
  });
}

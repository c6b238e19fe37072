/**
 * Messages: Teams has no slash commands, so `@PreLetter preview`, `@PreLetter status
 * PL-2026-0007` (or the same words without the mention in personal chat) go to the
 * core's command handler, and `ack` in a letter's reply chain acknowledges it. Every
 * answer is private: the person's 1:1 chat with the bot. `preview` answers with the
 * preview form there. Runs after Teams got its HTTP answer.
 */
import { isAckReply } from '../../src/bot/shared-decisions';
import { acknowledgeInThread } from '../../src/bot/acknowledge';
import { handleCommand } from '../../src/bot/handle-command';
import type { ActionOutcome } from '../../src/bot/letter-action';
import { noticeCard } from '../../src/bot/views/notice-card';
import { PreLetterError } from '../../src/domain/errors';
import { looseReply, readMessage, type MessageRequest } from './inbound';
import { previewFormAttachment, previewFormCard, signFormBinding } from './preview-form';
import { encodeThreadRef } from './thread-ref';
import { firstTime, runTurn, tellPrivately, type TurnServices } from './turn';

const NOT_A_LETTER_THREAD =
  "This thread is not a letter's thread, so there is nothing to acknowledge here. Use `@PreLetter ack REF` with the letter's reference.";

/**
 * Why: the thread ref a reply chain had when its root card was posted. Refs carry the
 * service URL PreLetter used then, so the URLs this tenant may have had are tried in turn.
 */
async function acknowledgeReplyChain(services: TurnServices, request: MessageRequest): Promise<ActionOutcome | null> {
  const thread = request.thread!;
  for (const serviceUrl of await services.platform.serviceUrls.candidates(request.tenantId, request.serviceUrl)) {
    const threadRef = encodeThreadRef({ conversationId: thread.conversationId, serviceUrl, tenantId: request.tenantId, rootActivityId: thread.rootActivityId });
    const outcome = await acknowledgeInThread(services.deps, { actor: request.actor, threadRef });
    if (outcome) return outcome;
  }
  return null;
}

/** Why: sends the preview form to the person's 1:1 chat, bound (and signed) to the channel `preview` was typed in. */
async function sendPreviewForm(services: TurnServices, request: MessageRequest, options: Parameters<typeof previewFormCard>[0]): Promise<void> {
  if (!request.channel) throw new PreLetterError('not-bound', 'Type `@PreLetter preview` in the channel you share with the company.', {});
  const token = signFormBinding(request.channel, request.actor.userId, options.mandates.length > 1, services.settings.formKey);
  const form = previewFormAttachment(previewFormCard(options, token));
  await services.platform.deliverPrivately(request.reply.target, request.actor, { type: 'message', attachments: [form] });
}

/** Why: the message turn: a command said to the bot, or `ack` in a letter's thread; all other chatter is ignored. */
export async function handleMessage(services: TurnServices, body: unknown): Promise<void> {
  await runTurn(services, 'message', async (turn) => {
    turn.reply = looseReply(body);
    const request = readMessage(body);
    if (!request) return;
    const ack = request.thread !== undefined && isAckReply(request.text);
    if (!request.addressed && !ack) return;
    turn.reply = request.reply;
    if (!(await firstTime(services, request.dedupeId, turn.log))) return;
    if (ack) {
      const outcome = await acknowledgeReplyChain(services, request);
      if (outcome) return tellPrivately(services, request.reply, outcome.reply, turn.log);
      if (request.addressed) await tellPrivately(services, request.reply, noticeCard('Nothing to acknowledge', NOT_A_LETTER_THREAD), turn.log);
      return;
    }
    const outcome = await handleCommand(services.deps, { actor: request.actor, text: request.text, channel: request.channel });
    if (outcome.kind === 'reply') return tellPrivately(services, request.reply, outcome.card, turn.log);
    await sendPreviewForm(services, request, outcome.options);
    turn.log.info({ channelId: request.channel?.channelId, companyKey: outcome.options.company.key }, 'preview form sent');
  });
}

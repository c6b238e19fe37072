/**
 * `/preletter …` and `@PreLetter …`: the text goes to the core's command handler;
 * a preview, a flag or a call for input opens its modal (slash command only: a mention has no trigger id
 * to open one with), every other outcome is answered privately to the person.
 */
import { isAckReply } from '../../src/bot/shared-decisions';
import { acknowledgeInThread } from '../../src/bot/acknowledge';
import { handleCommand, type CommandOutcome } from '../../src/bot/handle-command';
import { refusal } from '../../src/bot/messages/catalogue';
import { noticeCard } from '../../src/bot/views/notice-card';
import { voiceOfAccount } from '../../src/bot/voices';
import { parseCommand } from '../../src/domain/command';
import { readDirectMessage, readMention, readSlashCommand } from './inbound';
import { callModal } from './call-modal';
import { flagModal } from './flag-modal';
import { previewModal } from './preview-modal';
import { firstTime, runRequestTurn, runTurn, tellPrivately, type TurnServices } from './turn';
import type { NeutralCard } from '../../src/bot/ports';
import type { PlatformIdentity } from '../../src/domain/types';

/** Why: a form asked for where no modal can open (a mention, the Messages tab): the person is told how to open it. */
async function formNeedsCommand(services: TurnServices, actor: PlatformIdentity, outcome: CommandOutcome): Promise<NeutralCard> {
  const v = await voiceOfAccount(services.deps, actor);
  if (outcome.kind === 'flag-form') return noticeCard(v.t('flag.form-title'), [v.t('flag.from-command')]);
  if (outcome.kind === 'call-form') return noticeCard(v.t('call.form-title'), [v.t('call.from-command')]);
  return noticeCard(v.t('form.title'), [v.t('form.from-command')]);
}

/** Why: `/preletter preview`, `flag` and `call` must open their form within Slack's three seconds, so their turn never waits for others. */
export function opensForm(body: unknown): boolean {
  const text = (body as { text?: unknown } | null)?.text;
  const parsed = parseCommand(typeof text === 'string' ? text : '');
  return parsed.ok && ['preview', 'flag', 'call'].includes(parsed.command.name);
}

/** Why: the slash command turn, run after Bolt has already acked (Slack's 3-second limit). */
export async function handleSlashCommand(services: TurnServices, body: unknown): Promise<void> {
  await runRequestTurn(services, 'command', body, readSlashCommand, async (request, turn) => {
    const outcome = await handleCommand(services.deps, { actor: request.actor, text: request.text, channel: request.channel });
    if (outcome.kind === 'reply') return tellPrivately(services, request.reply, outcome.card, turn.log);
    if (outcome.kind === 'flag-form') {
      // The trigger id expires three seconds after the command: open the form before anything else.
      await services.platform.openModal(request.triggerId, flagModal(outcome.options, { workspaceId: request.actor.workspaceId, ...(request.channel ? { replyIn: request.channel.channelId } : {}) }));
      turn.log.info({ companyKey: outcome.options.company.key, inChannel: Boolean(outcome.options.channel) }, 'flag form opened');
      return;
    }
    if (outcome.kind === 'call-form') {
      await services.platform.openModal(request.triggerId, callModal(outcome.options, { workspaceId: request.actor.workspaceId, ...(request.channel ? { replyIn: request.channel.channelId } : {}) }));
      turn.log.info({ mandates: outcome.options.mandates.length }, 'call form opened');
      return;
    }
    if (!request.channel) throw refusal('not-bound', { key: 'form.from-command' });
    // The trigger id expires three seconds after the command: open the form before anything else.
    await services.platform.openModal(request.triggerId, previewModal(outcome.options, request.channel));
    turn.log.info({ channelId: request.channel.channelId, companyKey: outcome.options.company.key }, 'preview form opened');
  });
}

/** Why: `@PreLetter status`, `@PreLetter ack` in a letter's thread, or any other command said to the bot. */
export async function handleMention(services: TurnServices, body: unknown): Promise<void> {
  await runRequestTurn(services, 'mention', body, readMention, async (request, turn) => {
    if (request.threadRef && isAckReply(request.text)) {
      const outcome = await acknowledgeInThread(services.deps, { actor: request.actor, threadRef: request.threadRef });
      const v = await voiceOfAccount(services.deps, request.actor);
      const card = outcome ? outcome.reply : noticeCard(v.t('thread.nothing-to-ack-title'), [v.t('thread.nothing-to-ack')]);
      return tellPrivately(services, request.reply, card, turn.log);
    }
    const outcome = await handleCommand(services.deps, { actor: request.actor, text: request.text, channel: request.channel });
    const card = outcome.kind === 'reply' ? outcome.card : await formNeedsCommand(services, request.actor, outcome);
    await tellPrivately(services, request.reply, card, turn.log);
  });
}

/**
 * Why: the app's Messages tab is a private place to type the same commands as
 * `/preletter` (`status`, `ack PL-…`, `help`); the answer comes back in that conversation.
 */
export async function handleDirectMessage(services: TurnServices, body: unknown): Promise<void> {
  await runTurn(services, 'direct-message', async (turn) => {
    const request = readDirectMessage(body);
    if (!request) return;
    turn.reply = request.reply;
    if (!(await firstTime(services, request.dedupeId, turn.log))) return;
    const outcome = await handleCommand(services.deps, { actor: request.actor, text: request.text });
    const card = outcome.kind === 'reply' ? outcome.card : await formNeedsCommand(services, request.actor, outcome);
    await tellPrivately(services, request.reply, card, turn.log);
  });
}

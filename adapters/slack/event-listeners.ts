/**
 * Events API listeners that are not commands: a thread reply `ack` acknowledges the
 * letter whose thread it is, and opening the App Home shows the person their letters.
 * (Mentions are commands: see command-listener.ts.)
 */
import { isAckReply } from '../../src/bot/shared-decisions';
import { acknowledgeInThread } from '../../src/bot/acknowledge';
import { cardForError } from '../../src/bot/error-sink';
import type { Voice } from '../../src/bot/messages/catalogue';
import { inUnitOfWork } from '../../src/bot/deps';
import { voiceOfAccount } from '../../src/bot/voices';
import type { NeutralCard } from '../../src/bot/ports';
import { status } from '../../src/bot/status';
import type { types } from '@slack/bolt';
import { readHomeOpened } from './inbound';
import { isThreadChange, readThreadChange, readThreadReply } from './inbound-thread';
import { relayChange, relayMessage } from '../../src/bot/relay-message';
import { mrkdwnText, segmentsMarkup } from './render';
import type { SlackPlatform } from './platform';
import { firstTime, runTurn, tellPrivately, type TurnServices } from './turn';

const HOME_MAX_BLOCKS = 100;

/**
 * Why: `ack` in a letter's thread acknowledges it; in a bridged letter's thread (mirrored on
 * Teams) every other reply, edit and deletion is relayed to the other side; the rest of
 * thread talk is none of our business.
 */
export async function handleThreadReply(services: TurnServices, body: unknown): Promise<void> {
  await runTurn(services, 'thread-reply', async (turn) => {
    const once = (id: string) => () => firstTime(services, id, turn.log);
    if (isThreadChange(body)) {
      const change = readThreadChange(body);
      if (change) await relayChange(services.deps, { platform: 'slack', thread: change.threadRef, messageId: change.messageId, author: change.actor, change: change.change }, once(change.dedupeId));
      return;
    }
    const request = readThreadReply(body);
    if (request && !isAckReply(request.text)) {
      await relayMessage(services.deps, { platform: 'slack', thread: request.threadRef, messageId: request.messageId, author: request.actor, text: request.text }, once(request.dedupeId));
      return;
    }
    if (!request) return;
    turn.reply = request.reply;
    if (!(await firstTime(services, request.dedupeId, turn.log))) return;
    const outcome = await acknowledgeInThread(services.deps, { actor: request.actor, threadRef: request.threadRef });
    if (!outcome) return; // a thread that is no letter's: stay quiet
    await tellPrivately(services, request.reply, outcome.reply, turn.log);
  });
}

/** Why: the App Home tab is the status answer for the person who opened it, with a line on how to act. */
export function homeView(card: NeutralCard, platform: SlackPlatform, v: Voice): types.HomeView {
  const intro: types.KnownBlock = { type: 'context', elements: [mrkdwnText(segmentsMarkup(v.t('home.intro')), 3000)] };
  const blocks = [intro, ...platform.render(card).blocks].slice(0, HOME_MAX_BLOCKS);
  return { type: 'home', blocks };
}

/** Why: publishes the person's status on the Home tab; a refusal (e.g. unknown account) is shown there too. */
export async function handleHomeOpened(services: TurnServices, body: unknown): Promise<void> {
  await runTurn(services, 'home', async (turn) => {
    const request = readHomeOpened(body);
    if (request.tab !== 'home') return;
    if (!(await firstTime(services, request.dedupeId, turn.log))) return;
    // One unit of work: the voice's lookup of the person also answers the status use case's.
    const deps = inUnitOfWork(services.deps);
    const voice = await voiceOfAccount(deps, request.actor);
    let card: NeutralCard;
    try {
      card = await status(deps, { actor: request.actor });
    } catch (err) {
      card = cardForError(err, turn.log, voice, 'slack');
    }
    await services.platform.publishHome(request.actor.userId, homeView(card, services.platform, voice));
  });
}

/**
 * Card buttons: Acknowledge, Mark formal letter sent, Record reply, Withdraw on a letter's
 * card, Acknowledge on a flag's, and the answers on a call for input's. Each click runs its use case for the person who
 * clicked; the core refreshes the cards (chat.update) and, for a letter, notes the change in
 * its thread; the clicker alone is told the outcome, or why they may not.
 */
import { acknowledgeFlag } from '../../src/bot/acknowledge-flag';
import { answerCall, CALL_BUTTON_ANSWERS } from '../../src/bot/answer-call';
import { BUTTON_USE_CASES } from '../../src/bot/shared-decisions';
import { readButton, readCallButton, readFlagButton } from './inbound-actions';
import { encodeMessageRef } from './thread-ref';
import { runRequestTurn, tellPrivately, type TurnServices } from './turn';


/** Why: the button turn, run after Bolt has acked the click. */
export async function handleButton(services: TurnServices, body: unknown): Promise<void> {
  await runRequestTurn(services, 'button', body, readButton, async (request, turn) => {
    const outcome = await BUTTON_USE_CASES[request.action](services.deps, { actor: request.actor, ref: request.ref });
    turn.log.info({ ref: request.ref, action: request.action, changed: outcome.changed }, 'button handled');
    await tellPrivately(services, request.reply, outcome.reply, turn.log);
  });
}

/** Why: the flag card's Acknowledge button, with the same effect and refusals as `ack FL-…`; the card clicked is updated too. */
export async function handleFlagButton(services: TurnServices, body: unknown): Promise<void> {
  await runRequestTurn(services, 'flag-button', body, readFlagButton, async (request, turn) => {
    const copy = request.message ? encodeMessageRef({ channelId: request.message.channelId, ts: request.message.ts }) : undefined;
    const outcome = await acknowledgeFlag(services.deps, { actor: request.actor, ref: request.ref, ...(copy ? { copy } : {}) });
    turn.log.info({ ref: request.ref, changed: outcome.changed }, 'flag button handled');
    await tellPrivately(services, request.reply, outcome.reply, turn.log);
  });
}

/**
 * Why: a call card's answer buttons. The channel the card was in says which company answers
 * (a person may work with several); the core updates the card in place and tells the mandate
 * team; the clicker alone is told, or why they may not.
 */
export async function handleCallButton(services: TurnServices, body: unknown): Promise<void> {
  await runRequestTurn(services, 'call-button', body, readCallButton, async (request, turn) => {
    const channel = request.channelId ? { platform: 'slack' as const, workspaceId: request.actor.workspaceId, channelId: request.channelId } : undefined;
    const outcome = await answerCall(services.deps, { actor: request.actor, ref: request.ref, answer: CALL_BUTTON_ANSWERS[request.action], ...(channel ? { channel } : {}) });
    turn.log.info({ ref: request.ref, action: request.action, changed: outcome.changed }, 'call button handled');
    await tellPrivately(services, request.reply, outcome.reply, turn.log);
  });
}

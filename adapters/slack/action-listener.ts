/**
 * Card buttons: Acknowledge, Mark formal letter sent, Record reply, Withdraw on a letter's
 * card, and Acknowledge on a flag's. Each click runs its use case for the person who
 * clicked; the core refreshes the cards (chat.update) and, for a letter, notes the change in
 * its thread; the clicker alone is told the outcome, or why they may not.
 */
import { acknowledgeFlag } from '../../src/bot/acknowledge-flag';
import { BUTTON_USE_CASES } from '../../src/bot/shared-decisions';
import { readButton, readFlagButton } from './inbound-actions';
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

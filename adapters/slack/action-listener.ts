/**
 * Card buttons: Acknowledge, Mark formal letter sent, Record reply, Withdraw. Each
 * click runs its use case for the person who clicked; the core refreshes the root
 * card (chat.update) and notes the change in the thread; the clicker alone is told
 * the outcome, or why they may not.
 */
import { BUTTON_USE_CASES } from '../../src/bot/shared-decisions';
import { readButton } from './inbound';
import { runRequestTurn, tellPrivately, type TurnServices } from './turn';


/** Why: the button turn, run after Bolt has acked the click. */
export async function handleButton(services: TurnServices, body: unknown): Promise<void> {
  await runRequestTurn(services, 'button', body, readButton, async (request, turn) => {
    const outcome = await BUTTON_USE_CASES[request.action](services.deps, { actor: request.actor, ref: request.ref });
    turn.log.info({ ref: request.ref, action: request.action, changed: outcome.changed }, 'button handled');
    await tellPrivately(services, request.reply, outcome.reply, turn.log);
  });
}

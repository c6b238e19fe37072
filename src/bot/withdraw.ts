/** Use case: the mandate team withdraws a letter that will not be sent; everything stops. */
import type { BotDeps } from './deps';
import { runLetterAction, type ActionOutcome, type ActionRequest } from './letter-action';

/** Sets the withdrawal fact once, with the reason if given (kept on the letter, not logged). */
export function withdraw(deps: BotDeps, request: ActionRequest): Promise<ActionOutcome> {
  return runLetterAction(deps, 'withdraw', request, {
    title: `Withdrawn ${request.ref}`,
    threadNote: (ctx, name) =>
      `${name} withdrew this letter preview${ctx.letter.withdrawReason ? `: ${ctx.letter.withdrawReason}` : '.'} No action is needed from the company.`,
    confirmation: (ctx) => `${ctx.letter.ref} is withdrawn, and all reminders have stopped.`,
  });
}

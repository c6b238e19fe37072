/** Use case: the mandate team withdraws a letter that will not be sent; everything stops. */
import type { BotDeps } from './deps';
import { runLetterAction, type ActionOutcome, type ActionRequest } from './letter-action';

/** The reason as the end of a sentence: after a colon, closed with a full stop unless it already ends one. */
function reasonSentence(reason: string | undefined): string {
  if (!reason) return '.';
  return /[.!?…]$/.test(reason) ? `: ${reason}` : `: ${reason}.`;
}

/** Sets the withdrawal fact once, with the reason if given (kept on the letter, not logged). */
export function withdraw(deps: BotDeps, request: ActionRequest): Promise<ActionOutcome> {
  return runLetterAction(deps, 'withdraw', request, {
    title: `Withdrawn ${request.ref}`,
    threadNote: (ctx, name) =>
      `${name} withdrew this letter preview${reasonSentence(ctx.letter.withdrawReason)} No action is needed from the company.`,
    confirmation: (ctx) => `${ctx.letter.ref} is withdrawn, and all reminders have stopped.`,
  });
}

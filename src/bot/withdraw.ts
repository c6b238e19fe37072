/** Use case: the mandate team withdraws a letter that will not be sent; everything stops. */
import type { BotDeps } from './deps';
import { runLetterAction, type ActionOutcome, type ActionRequest } from './letter-action';

/** Sets the withdrawal fact once, with the reason if given (kept on the letter, shown to the company, not logged). */
export function withdraw(deps: BotDeps, request: ActionRequest): Promise<ActionOutcome> {
  return runLetterAction(deps, 'withdraw', request, {
    title: (v) => v.t('withdraw.title', { ref: request.ref }),
    threadNote: (ctx, name, v) => v.t('withdraw.note', { name, ...(ctx.letter.withdrawReason ? { reason: ctx.letter.withdrawReason } : {}) }),
    confirmation: (ctx, v) => v.t('withdraw.done', { ref: ctx.letter.ref }),
  });
}

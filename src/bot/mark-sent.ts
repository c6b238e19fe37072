/** Use case: the mandate team records that the formal letter was sent, which starts the reply clock. */
import { deadlineOf } from '../domain/deadline';
import type { BotDeps } from './deps';
import { runLetterAction, type ActionOutcome, type ActionRequest } from './letter-action';
import type { LetterContext } from './letter-context';

/** The reply deadline, kept in the mandate's zone; each reader's voice names it in their own. */
function deadlineOfSent(deps: BotDeps, ctx: LetterContext): { deadline: Date; days: number } {
  const days = deps.policy.responseWindowDays;
  return { deadline: deadlineOf(ctx.letter.formalSent!.at, ctx.mandate.timeZone, days), days };
}

/** Sets the formal-letter fact once, with the official symbol if given. */
export function markSent(deps: BotDeps, request: ActionRequest): Promise<ActionOutcome> {
  return runLetterAction(deps, 'mark-sent', request, {
    title: (v) => v.t('sent.title', { ref: request.ref }),
    threadNote: (ctx, name, v) =>
      v.t('sent.note', { name, ...deadlineOfSent(deps, ctx), ...(ctx.letter.officialSymbol ? { symbol: ctx.letter.officialSymbol } : {}) }),
    confirmation: (ctx, v) => v.t('sent.done', { ref: ctx.letter.ref, ...deadlineOfSent(deps, ctx) }),
  });
}

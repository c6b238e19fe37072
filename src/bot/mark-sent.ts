/** Use case: the mandate team records that the formal letter was sent, which starts the reply clock. */
import { deadlineOf } from '../domain/deadline';
import type { BotDeps } from './deps';
import { formatMoment } from './format';
import { runLetterAction, type ActionOutcome, type ActionRequest } from './letter-action';
import type { LetterContext } from './letter-context';

/** The reply deadline in `zone` (the mandate's for the thread, the reader's for their confirmation), its zone named. */
function deadlineText(deps: BotDeps, ctx: LetterContext, zone = ctx.mandate.timeZone): string {
  const sent = ctx.letter.formalSent!;
  const deadline = deadlineOf(sent.at, ctx.mandate.timeZone, deps.policy.responseWindowDays);
  return `the reply is due by ${formatMoment(deadline, zone)} (${deps.policy.responseWindowDays} days)`;
}

/** Sets the formal-letter fact once, with the official symbol if given. */
export function markSent(deps: BotDeps, request: ActionRequest): Promise<ActionOutcome> {
  return runLetterAction(deps, 'mark-sent', request, {
    title: `Formal letter sent for ${request.ref}`,
    threadNote: (ctx, name) =>
      `${name} marked the formal letter as sent${ctx.letter.officialSymbol ? ` (${ctx.letter.officialSymbol})` : ''}: ${deadlineText(deps, ctx)}.`,
    confirmation: (ctx, zone) => `Recorded: the formal letter for ${ctx.letter.ref} is sent, and ${deadlineText(deps, ctx, zone)}.`,
  });
}

/** Use case: the mandate team records the company's reply, which stops every reminder. */
import type { BotDeps } from './deps';
import { runLetterAction, type ActionOutcome, type ActionRequest } from './letter-action';

/** Sets the reply fact once; only after the formal letter was marked sent. */
export function recordReply(deps: BotDeps, request: ActionRequest): Promise<ActionOutcome> {
  return runLetterAction(deps, 'record-reply', request, {
    title: (v) => v.t('reply.title', { ref: request.ref }),
    threadNote: (_ctx, name, v) => v.t('reply.note', { name }),
    confirmation: (ctx, v) => v.t('reply.done', { ref: ctx.letter.ref }),
  });
}

/** Use case: the mandate team records the company's reply, which stops every reminder. */
import type { BotDeps } from './deps';
import { runLetterAction, type ActionOutcome, type ActionRequest } from './letter-action';

/** Sets the reply fact once; only after the formal letter was marked sent. */
export function recordReply(deps: BotDeps, request: ActionRequest): Promise<ActionOutcome> {
  return runLetterAction(deps, 'record-reply', request, {
    title: `Reply recorded for ${request.ref}`,
    threadNote: (_ctx, name) => `${name} recorded the company's reply. Thank you; no more reminders will be sent.`,
    confirmation: (ctx) => `Recorded: ${ctx.letter.ref} has its reply. All reminders have stopped.`,
  });
}

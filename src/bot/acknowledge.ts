/** Use case: an issue owner (or company contact) acknowledges a letter preview. */
import type { BotDeps } from './deps';
import { runLetterAction, type ActionOutcome, type ActionRequest } from './letter-action';

/** Records the acknowledgement once; a repeat gets "already acknowledged by … on …". */
export function acknowledge(deps: BotDeps, request: ActionRequest): Promise<ActionOutcome> {
  return runLetterAction(deps, 'acknowledge', request, {
    title: `Acknowledged ${request.ref}`,
    threadNote: (_ctx, name) => `${name} acknowledged this preview. Reminders to acknowledge stop here.`,
    confirmation: (ctx) => `Thank you: ${ctx.letter.ref} is acknowledged. The mandate team can see it in the thread.`,
  });
}

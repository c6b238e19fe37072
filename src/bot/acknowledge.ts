/** Use case: an issue owner (or company contact) acknowledges a letter preview. */
import { canSeeLetter } from '../domain/access';
import { resolveActor } from './actor';
import { inUnitOfWork, type BotDeps } from './deps';
import { rolesOf, withDirectory } from './letter-context';
import { runLetterAction, type ActionOutcome, type ActionRequest } from './letter-action';

/** Records the acknowledgement once; a repeat gets "already acknowledged by … on …". */
export function acknowledge(deps: BotDeps, request: ActionRequest): Promise<ActionOutcome> {
  return runLetterAction(deps, 'acknowledge', request, {
    title: (v) => v.t('ack.title', { ref: request.ref }),
    threadNote: (_ctx, name, v) => v.t('ack.note', { name }),
    confirmation: (ctx, v) => v.t('ack.done', { ref: ctx.letter.ref }),
  });
}

/**
 * Acknowledges the letter whose thread the person replied `ack` in; null when the thread
 * is no letter's, and also when it is the thread of a letter the person may not know
 * exists, so they are answered as in any other thread (an unknown account is still told so).
 */
export async function acknowledgeInThread(
  deps: BotDeps,
  request: { actor: ActionRequest['actor']; threadRef: string },
): Promise<ActionOutcome | null> {
  deps = inUnitOfWork(deps);
  const letter = await deps.letters.findByThread(request.threadRef);
  if (!letter) return null;
  const person = await resolveActor(deps, request.actor);
  if (!canSeeLetter(rolesOf(await withDirectory(deps, letter), person))) return null;
  return acknowledge(deps, { actor: request.actor, ref: letter.ref });
}

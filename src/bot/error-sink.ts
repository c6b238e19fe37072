/**
 * The one place an adapter turn's failure becomes words for a person and a log
 * line for us. Expected failures are told as they are, in the reader's language;
 * anything else is logged with ids and answered with a calm sentence for its kind
 * (a platform that refused, records out of reach, or our own fault), never a stack trace.
 */
import { isPreLetterError, type PreLetterError } from '../domain/errors';
import type { Platform } from '../domain/types';
import { errorDetails, type Logger } from '../logger';
import type { Message, Voice } from './messages/catalogue';
import type { NeutralCard, PlatformFailure } from './ports';
import { errorCard } from './views/notice-card';

const EXPECTED = new Set(['invalid-input', 'not-found', 'forbidden', 'not-bound', 'conflict']);
const FAILURES: ReadonlySet<string> = new Set<PlatformFailure>(['no-access', 'busy', 'unreachable', 'refused', 'expired-trigger']);

/** Why: an error without words of its own is worded by its kind; the platform is the one the turn runs on. */
function messageFor(err: PreLetterError, platform: Platform): Message {
  if (err.code === 'unavailable') return { key: 'error.unavailable' };
  if (err.code === 'platform') {
    const reason = String(err.context.reason);
    return { key: FAILURES.has(reason) ? (`error.${reason as PlatformFailure}` as const) : 'error.refused', platform };
  }
  return { key: 'error.internal' };
}

/** Logs the failure once and returns the card to show the person who acted, in their words. */
export function cardForError(err: unknown, logger: Logger, v: Voice, platform: Platform): NeutralCard {
  if (isPreLetterError(err)) {
    if (EXPECTED.has(err.code)) logger.info({ code: err.code, ...err.context }, 'request refused');
    else logger.error({ code: err.code, ...err.context, ...errorDetails(err) }, 'request failed');
    return errorCard(v, v.say(err.say ?? messageFor(err, platform)));
  }
  logger.error({ code: 'internal', ...errorDetails(err) }, 'unexpected error');
  return errorCard(v, v.say({ key: 'error.internal' }));
}

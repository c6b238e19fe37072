/**
 * The one place an adapter turn's failure becomes words for a person and a log
 * line for us. Expected failures are told as they are; anything else is logged
 * with ids and answered with a calm generic sentence, never a stack trace.
 */
import { INTERNAL_ERROR_MESSAGE, isPreLetterError } from '../domain/errors';
import { errorDetails, type Logger } from '../logger';
import type { NeutralCard } from './ports';
import { errorCard } from './views/notice-card';

const EXPECTED = new Set(['invalid-input', 'not-found', 'forbidden', 'not-bound', 'conflict']);

/** Logs the failure once and returns the card to show the person who acted. */
export function cardForError(err: unknown, logger: Logger): NeutralCard {
  if (isPreLetterError(err)) {
    if (EXPECTED.has(err.code)) logger.info({ code: err.code, ...err.context }, 'request refused');
    else logger.error({ code: err.code, ...err.context, ...errorDetails(err) }, 'request failed');
    return errorCard(err.userMessage);
  }
  logger.error({ code: 'internal', ...errorDetails(err) }, 'unexpected error');
  return errorCard(INTERNAL_ERROR_MESSAGE);
}

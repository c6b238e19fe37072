/**
 * The one error type of PreLetter. Every failure a person can meet carries a code
 * (for logs and tests) and a polite sentence (for the person), so adapters never
 * show stack traces and never have to guess what to say.
 */

/** Stable error codes; adapters and tests switch on these, never on message text. */
export type ErrorCode =
  | 'invalid-input'
  | 'invalid-config'
  | 'invalid-directory'
  | 'not-found'
  | 'forbidden'
  | 'not-bound'
  | 'conflict'
  | 'unavailable'
  | 'platform'
  | 'internal';

/** A failure with a code and a sentence fit to show the person who caused it. */
export class PreLetterError extends Error {
  override readonly name = 'PreLetterError';

  constructor(
    readonly code: ErrorCode,
    /** Polite, complete sentence for the person; must not contain letter text or secrets. */
    readonly userMessage: string,
    /** Extra ids for the log; never letter text. */
    readonly context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(userMessage, options);
  }
}

/** Narrows unknown throwables so error sinks can tell expected failures from bugs. */
export function isPreLetterError(err: unknown): err is PreLetterError {
  return err instanceof PreLetterError;
}

/** What a person is told when something failed that is not their doing. */
export const INTERNAL_ERROR_MESSAGE =
  'Sorry, something went wrong on our side and nothing was changed. Please try again in a minute; if it keeps happening, tell your PreLetter admin.';

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

/**
 * Words for a person, not yet in any language: a catalogue key and its values. The
 * core's catalogue (src/bot/messages) words it for each reader; the domain only names it.
 */
export interface Say {
  readonly key: string;
  readonly [value: string]: unknown;
}

/** A failure with a code and a sentence fit to show the person who caused it. */
export class PreLetterError extends Error {
  override readonly name = 'PreLetterError';
  /** What to tell the person, in their own language; without it the error sink words the code. */
  readonly say?: Say;

  constructor(
    readonly code: ErrorCode,
    /** Polite, complete sentence for the person; must not contain letter text or secrets. */
    /** The English sentence, for operators (logs, the CLI); people read `say` in their language. */
    readonly userMessage: string,
    /** Extra ids for the log; never letter text. */
    readonly context: Record<string, unknown> = {},
    options?: { cause?: unknown; say?: Say },
  ) {
    super(userMessage, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.say) this.say = options.say;
  }
}

/** Narrows unknown throwables so error sinks can tell expected failures from bugs. */
export function isPreLetterError(err: unknown): err is PreLetterError {
  return err instanceof PreLetterError;
}

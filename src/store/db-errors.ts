/**
 * Classifies driver errors so repositories can turn "database unreachable" into one
 * polite PreLetterError and "duplicate key" into a normal answer (the claim was taken).
 */
import mongoose from 'mongoose';
import { PreLetterError } from '../domain/errors';

/**
 * Why: validation and cast errors echo the stored value (letter text) in their message, and
 * any error may reach a log; the store lets them out naming only what failed where.
 */
export function withoutStoredValues<T>(err: T): T {
  if (!(err instanceof mongoose.Error)) return err;
  if (err instanceof mongoose.Error.ValidationError) {
    err.message = `validation failed: ${Object.values(err.errors).map((f) => `${f.path} (${f.kind})`).join(', ')}`;
  } else if (err instanceof mongoose.Error.CastError || err instanceof mongoose.Error.ValidatorError) {
    err.message = `${err.name} at path ${err.path} (${err.kind})`;
  }
  return err;
}

/** What a person is told when the database cannot be reached; nothing was changed. */
export const UNAVAILABLE_MESSAGE =
  'The PreLetter database is not reachable right now, so nothing was changed. Please try again in a minute.';

/**
 * What a person is told when a write was sent but its answer never came (the server
 * stopped answering mid-way): it may be applied when the server recovers, so "nothing
 * was changed" would not be true.
 */
export const UNCERTAIN_MESSAGE =
  'The PreLetter database stopped answering while this was being saved, so I cannot tell yet whether it was recorded. Please check with `/preletter status` in a minute before trying again.';

/** Driver and mongoose error names that mean "no server to talk to", not "the query was wrong". */
const UNREACHABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoPoolClosedError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoClientClosedError',
]);

/**
 * Error labels the driver puts on failures of the connection itself: its pool was
 * cleared (the server went away or its monitor timed out), or in-use connections were
 * interrupted.
 */
const UNREACHABLE_LABELS = [
  mongoose.mongo.MongoErrorLabel.ResetPool,
  mongoose.mongo.MongoErrorLabel.PoolRequestedRetry,
  mongoose.mongo.MongoErrorLabel.InterruptInUseConnections,
];

/** How many `cause` links to follow: mongoose and the driver wrap one failure in another. */
const CAUSE_DEPTH = 3;

/** True for a unique-index violation (E11000): the insert-is-the-claim answer "someone else has it". */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

function hasUnreachableLabel(err: Error): boolean {
  return err instanceof mongoose.mongo.MongoError && UNREACHABLE_LABELS.some((label) => err.hasErrorLabel(label));
}

function unreachable(err: unknown, depth: number): boolean {
  if (!(err instanceof Error)) return false;
  if (UNREACHABLE_NAMES.has(err.name) || err instanceof mongoose.mongo.MongoNetworkError || hasUnreachableLabel(err)) return true;
  // bufferCommands=false: mongoose refuses commands on a connection that never opened.
  if (err.name === 'MongooseError' && err.message.includes('before initial connection')) return true;
  return depth < CAUSE_DEPTH && unreachable(err.cause, depth + 1);
}

/** True when the failure is the database being unreachable (down, closed, wrong address, connection pool reset). */
export function isUnreachableError(err: unknown): boolean {
  return unreachable(err, 0);
}

/**
 * True when the command may have reached the server before the connection failed: a
 * network error or timeout on a connection in use, as opposed to finding no server
 * (selection timed out, pool closed or cleared before the command left).
 */
export function mayHaveReachedServer(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof mongoose.mongo.MongoServerSelectionError || err.name === 'MongooseServerSelectionError') return false;
  // Raised when taking a connection from a pool that was cleared: the command never left
  // (a network error by class, so this comes first; its in-use sibling is named differently).
  if (err.name === 'MongoPoolClearedError') return false;
  if (err instanceof mongoose.mongo.MongoNetworkError || err.name === 'PoolClearedOnNetworkError') return true;
  if (err instanceof mongoose.mongo.MongoError && err.hasErrorLabel(mongoose.mongo.MongoErrorLabel.InterruptInUseConnections)) return true;
  return depth < CAUSE_DEPTH && mayHaveReachedServer(err.cause, depth + 1);
}

/** The one error every repository throws when the database cannot be reached (or stopped answering a write). */
export function unavailableError(context: Record<string, unknown>, cause?: unknown, uncertain = false): PreLetterError {
  return new PreLetterError('unavailable', uncertain ? UNCERTAIN_MESSAGE : UNAVAILABLE_MESSAGE, { ...context, ...(uncertain ? { uncertain } : {}) }, { cause });
}

/**
 * Runs an upsert again when a concurrent upsert of the same new key won the insert
 * (MongoDB raises E11000 for the loser instead of updating); the retry then updates.
 */
export async function retryOnDuplicateKey<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isDuplicateKeyError(err) || attempt >= attempts) throw err;
    }
  }
}

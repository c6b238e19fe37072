/**
 * Which driver failures mean "the database cannot be reached" (one polite answer,
 * nothing changed), tested with the driver's own error classes, not look-alikes.
 */
import mongoose from 'mongoose';
import { isDuplicateKeyError, isUnreachableError, mayHaveReachedServer, unavailableError } from '../../src/store/db-errors';

const { MongoErrorLabel, MongoNetworkError, MongoNetworkTimeoutError, MongoServerError } = mongoose.mongo;

/** The pool errors are internal to the driver (not exported from its index), so they come from its module. */
const poolErrors = require('mongodb/lib/cmap/errors') as {
  PoolClearedError: new (pool: { address: string; serverError?: Error }, message?: string) => Error;
  PoolClearedOnNetworkError: new (pool: { address: string; serverError?: Error }) => Error;
};

const pool = { address: '127.0.0.1:27017', serverError: new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed') };

function serverError(code: number, labels: string[] = []): InstanceType<typeof MongoServerError> {
  const err = new MongoServerError({ message: `server said no (${code})`, code, ok: 0 });
  labels.forEach((label) => err.addErrorLabel(label));
  return err;
}

describe('isUnreachableError', () => {
  it('recognises a cleared connection pool (MongoPoolClearedError) as the database being unreachable', () => {
    const cleared = new poolErrors.PoolClearedError(pool);
    expect(cleared.name).toBe('MongoPoolClearedError');
    expect(isUnreachableError(cleared)).toBe(true);
  });

  it('recognises a pool cleared because the server monitor timed out', () => {
    const err = new poolErrors.PoolClearedOnNetworkError(pool);
    expect(err.name).toBe('PoolClearedOnNetworkError');
    expect(isUnreachableError(err)).toBe(true);
  });

  it.each([MongoErrorLabel.ResetPool, MongoErrorLabel.PoolRequestedRetry, MongoErrorLabel.InterruptInUseConnections])(
    'recognises any driver error carrying the %s label',
    (label) => {
      expect(isUnreachableError(serverError(91, [label]))).toBe(true);
    },
  );

  it('recognises network errors and timeouts, and a failure whose cause is one', () => {
    expect(isUnreachableError(new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017'))).toBe(true);
    expect(isUnreachableError(new MongoNetworkTimeoutError('connection timed out'))).toBe(true);
    expect(isUnreachableError(new Error('write failed', { cause: new poolErrors.PoolClearedError(pool) }))).toBe(true);
  });

  it('recognises a real server selection failure against a port nobody listens on', async () => {
    const connection = mongoose.createConnection('mongodb://127.0.0.1:9/', { serverSelectionTimeoutMS: 200 });
    const failure = await connection.asPromise().then(
      () => undefined,
      (err: unknown) => err,
    );
    await connection.close().catch(() => undefined);
    expect(isUnreachableError(failure)).toBe(true);
  });

  it('does not mistake a query the server refused, a duplicate key or a plain bug for an outage', () => {
    expect(isUnreachableError(serverError(2))).toBe(false);
    expect(isUnreachableError(serverError(11000))).toBe(false);
    expect(isDuplicateKeyError(serverError(11000))).toBe(true);
    expect(isUnreachableError(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isUnreachableError('ECONNREFUSED')).toBe(false);
  });
});

describe('mayHaveReachedServer', () => {
  it('says a command may have landed when the connection broke or timed out while it was in use', () => {
    expect(mayHaveReachedServer(new MongoNetworkTimeoutError('connection timed out'))).toBe(true);
    expect(mayHaveReachedServer(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'))).toBe(true);
    expect(mayHaveReachedServer(new poolErrors.PoolClearedOnNetworkError(pool))).toBe(true);
  });

  it('says a command never left when no server could be selected or the pool was cleared before it went out', async () => {
    const connection = mongoose.createConnection('mongodb://127.0.0.1:9/', { serverSelectionTimeoutMS: 200 });
    const failure = await connection.asPromise().then(
      () => undefined,
      (err: unknown) => err,
    );
    await connection.close().catch(() => undefined);
    expect(mayHaveReachedServer(failure)).toBe(false);
    expect(mayHaveReachedServer(new poolErrors.PoolClearedError(pool))).toBe(false);
  });

  it('tells the person "nothing was changed" only when that is known', () => {
    expect(unavailableError({}, undefined).userMessage).toContain('so nothing was changed');
    expect(unavailableError({}, undefined, true).userMessage).toContain('I cannot tell yet whether it was recorded');
    expect(unavailableError({}, undefined, true).userMessage).not.toContain('nothing was changed');
  });
});

/**
 * A fresh database per test file on the run's real MongoDB-wire server (embedded
 * FerretDB or MONGODB_URI), never an in-memory stand-in.
 */
import { randomBytes } from 'node:crypto';
import { silentLogger } from './silent-logger';
import { openStore, type Store } from '../../src/store';

/** The server URI global setup started (or MONGODB_URI). */
export function testServerUri(): string {
  const uri = process.env.PRELETTER_TEST_MONGODB_URI;
  if (!uri) throw new Error('PRELETTER_TEST_MONGODB_URI is not set: run tests through jest (global setup).');
  return uri;
}

/** A unique database name, so test files never see each other's data. */
export function uniqueDbName(prefix = 't'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Opens a store on a brand-new database; drop it with `closeTestStore`. */
export async function openTestStore(dbName = uniqueDbName()): Promise<Store> {
  return openStore({ uri: testServerUri(), dbName, logger: silentLogger });
}

/** Drops the test database and closes the connection. */
export async function closeTestStore(store: Store): Promise<void> {
  await store.dropDatabase();
  await store.close();
}

/** Opens a fresh test store before the file's tests and drops it after; hands it to the file. */
export function useTestStore(onOpen: (store: Store) => void): void {
  let store: Store | undefined;
  beforeAll(async () => {
    store = await openTestStore();
    onOpen(store);
  });
  afterAll(async () => {
    if (store) await closeTestStore(store);
  });
}

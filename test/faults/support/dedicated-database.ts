/**
 * A database server of the test's own: the embedded server on a temporary directory,
 * never the run's shared one, so a test may pause or stop it. The test directory is
 * loaded into a fresh database on it, and a store stays open for the test to read
 * what the bot did.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALL_SCOPE } from '../../../src/bot/repositories';
import type { Letter } from '../../../src/domain/types';
import { silentLogger } from '../../support/silent-logger';
import { openStore, type Store } from '../../../src/store';
import { startEmbeddedServer, type EmbeddedServer } from '../../../src/store/embedded/launcher';
import { uniqueDbName } from '../../support/db';
import { TEST_DIRECTORY } from '../../support/test-directory';

/** The test's own server, its database and a store on it. */
export interface DedicatedDatabase {
  server: EmbeddedServer;
  /** MONGODB_URI for the bot: the server with the database name. */
  uri: string;
  store: Store;
  close(): Promise<void>;
}

/** Starts the server, loads the test directory, and opens a store for the test's own reads. */
export async function startDedicatedDatabase(prefix: string): Promise<DedicatedDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `preletter-${prefix}-`));
  const server = await startEmbeddedServer({ dataDir, logger: silentLogger });
  const uri = `${server.uri}${uniqueDbName(prefix)}`;
  const store = await openStore({ uri, logger: silentLogger });
  await store.directory.apply(TEST_DIRECTORY);
  return {
    server,
    uri,
    store,
    async close() {
      try {
        process.kill(server.pid, 'SIGCONT'); // in case a test stopped it and failed before resuming it
      } catch {
        /* already gone */
      }
      await store.close().catch(() => undefined);
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every letter saved in a store, read whole by reference (the lists may name one whose save did not finish). */
export async function savedLetters(store: Store): Promise<Letter[]> {
  const listed = await store.letters.list({ scopes: [ALL_SCOPE], limit: 100 });
  const letters = await Promise.all(listed.map((l) => store.letters.get(l.ref)));
  return letters.flatMap((l) => (l ? [l] : []));
}

/**
 * One database server per test run: the embedded FerretDB build on a free port
 * with a temporary directory, or the server named by MONGODB_URI when it is set.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from './silent-logger';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/store/embedded/launcher';

declare global {
  // eslint-disable-next-line no-var
  var __PRELETTER_EMBEDDED__: EmbeddedServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.PRELETTER_TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-test-db-'));
  const server = await startEmbeddedServer({ dataDir, logger: silentLogger });
  globalThis.__PRELETTER_EMBEDDED__ = server;
  process.env.PRELETTER_TEST_MONGODB_URI = server.uri;
  process.env.PRELETTER_TEST_DB_DIR = dataDir;
}

import { rmSync } from 'node:fs';

/** Stops the per-run embedded server so no process outlives the test run. */
export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__PRELETTER_EMBEDDED__;
  if (server) await server.stop();
  const dir = process.env.PRELETTER_TEST_DB_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}

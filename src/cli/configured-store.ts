/**
 * How a CLI reaches the database the bot uses: `.env` in the current directory (the
 * environment wins), then MONGODB_URI, else the embedded database in DATA_DIR: the running
 * bot's server when there is one, or one started for this command.
 */
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config';
import type { ClockPolicy } from '../domain/policy';
import { loadEnvFile } from '../env-file';
import { createLogger } from '../logger';
import { openStore, type Store } from '../store';
import { connectOrStartEmbedded, type SharedEmbeddedServer } from '../store/embedded/shared-server';

/** A store a CLI opened, and how to let go of it and of a server started for it. */
export interface ConfiguredStore {
  store: Store;
  /** The clocks as the bot is configured (reply window, default zone), for CLIs that count by them (`npm run report`). */
  policy: ClockPolicy;
  close(): Promise<void>;
}

/** Why: every CLI names the same database as the bot would, and says which one on stderr. */
export async function openConfiguredStore(err: (line: string) => void, env: NodeJS.ProcessEnv, cwd: string): Promise<ConfiguredStore> {
  const config = loadConfig(loadEnvFile({ cwd, env }));
  // Quieter than the bot unless LOG_LEVEL asks: the CLI's own lines say what happens.
  const logger = createLogger(env.LOG_LEVEL ? config.logLevel : 'warn', pino.destination(2));
  let server: SharedEmbeddedServer | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    const dataDir = path.resolve(cwd, config.dataDir);
    server = await connectOrStartEmbedded({ dataDir, logger });
    const whose = server.started ? 'started for this command' : 'already running';
    err(`Using the embedded database in ${dataDir} (${whose}, port ${server.port}; set MONGODB_URI to use another server).`);
    uri = server.uri;
  }
  try {
    const store = await openStore({ uri, logger });
    return {
      store,
      policy: config.policy,
      async close() {
        await store.close();
        await server?.stop();
      },
    };
  } catch (error) {
    await server?.stop();
    throw error;
  }
}

/**
 * One embedded server per data directory, shared by every PreLetter process using
 * it (the bot, `npm run directory` while the bot runs, a second bot): the first
 * process starts it and records it in the data directory (server-record.ts); the
 * others connect to it. The server exits with the process that started it, so a
 * process using someone else's server watches it and, if it stops, starts one on
 * the same port (the driver reconnects by itself).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { PreLetterError } from '../../domain/errors';
import { errorDetails, type Logger } from '../../logger';
import { buildEmbeddedServer, startEmbeddedServer, type EmbeddedServer } from './launcher';
import {
  isProcessAlive,
  LOCK_STALE_MS,
  readServerRecord,
  releaseStartLock,
  removeServerRecord,
  tryStartLock,
  writeServerRecord,
  type ServerRecord,
} from './server-record';

/** The embedded server this process uses; stop() stops it only if this process started it. */
export interface SharedEmbeddedServer extends EmbeddedServer {
  /** True while this process is the one that started the server. */
  readonly started: boolean;
}

const PING_TIMEOUT_MS = 3_000;
const LOCK_RETRY_MS = 100;
const LOCK_WAIT_MS = LOCK_STALE_MS + 30_000;
const WATCH_MS = 1_000;

const uriFor = (port: number) => `mongodb://127.0.0.1:${port}/`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answersPing(port: number): Promise<boolean> {
  const connection = mongoose.createConnection(uriFor(port), { serverSelectionTimeoutMS: PING_TIMEOUT_MS });
  try {
    await connection.asPromise();
    await connection.db!.admin().ping();
    return true;
  } catch {
    return false;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** The directory's recorded server, if its process lives and it answers a ping. */
async function liveRecord(dataDir: string): Promise<ServerRecord | undefined> {
  const record = readServerRecord(dataDir);
  if (!record || !isProcessAlive(record.pid)) return undefined;
  return (await answersPing(record.port)) ? record : undefined;
}

interface Found {
  record: ServerRecord;
  /** Set when this process started it. */
  server?: EmbeddedServer;
}

/** The live server of the directory, or a new one started under the start lock (on `port` if given). */
async function findOrStart(dataDir: string, logger: Logger, cacheDir?: string, port?: number): Promise<Found> {
  const running = await liveRecord(dataDir);
  if (running) return { record: running };
  await buildEmbeddedServer(logger, cacheDir); // may take a minute; safe to run concurrently, so outside the lock
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const lock = tryStartLock(dataDir);
    if (lock) {
      try {
        const meanwhile = await liveRecord(dataDir);
        if (meanwhile) return { record: meanwhile };
        const server = await startEmbeddedServer({ dataDir, logger, cacheDir, port });
        const record = { pid: server.pid, port: server.port, token: randomUUID(), ownerPid: process.pid, startedAt: new Date().toISOString() };
        writeServerRecord(dataDir, record);
        return { record, server };
      } finally {
        releaseStartLock(dataDir, lock);
      }
    }
    if (Date.now() > deadline) {
      throw new PreLetterError(
        'unavailable',
        `Another process has been starting the embedded database in ${dataDir} for over ${LOCK_WAIT_MS / 1000} seconds. Stop other PreLetter processes using it, or set MONGODB_URI.`,
      );
    }
    await sleep(LOCK_RETRY_MS);
    const started = await liveRecord(dataDir);
    if (started) return { record: started };
  }
}

/**
 * Why: the bot and the directory CLI may run at once on one data directory, and two
 * servers on the same SQLite files would corrupt it. Connects to the directory's
 * running embedded server, or starts one when none runs (two processes starting at
 * once start one between them). stop() stops the server only if this process started it.
 */
export async function connectOrStartEmbedded(options: { dataDir: string; logger: Logger; cacheDir?: string }): Promise<SharedEmbeddedServer> {
  const { logger, cacheDir } = options;
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  let found = await findOrStart(dataDir, logger, cacheDir);
  const port = found.record.port;
  let stopped = false;
  let takingOver = false;
  let timer: NodeJS.Timeout | undefined;
  const removeRecord = () => removeServerRecord(dataDir, found.record.token);

  const own = () => process.once('exit', removeRecord); // the server exits with us; so does its record
  const watch = async () => {
    if (found.server || takingOver || stopped || isProcessAlive(found.record.pid)) return;
    takingOver = true;
    try {
      logger.warn({ pid: found.record.pid, port }, 'embedded database stopped with the process that started it: taking it over');
      const next = await findOrStart(dataDir, logger, cacheDir, port);
      if (stopped && next.server) await next.server.stop().then(() => removeServerRecord(dataDir, next.record.token));
      if (stopped) return;
      found = next;
      if (found.server) {
        clearInterval(timer);
        own();
      }
      if (found.record.port !== port) logger.error({ port: found.record.port }, 'embedded database now runs on another port: restart this process');
    } catch (err) {
      logger.error({ ...errorDetails(err) }, 'embedded database takeover failed');
    } finally {
      takingOver = false;
    }
  };

  if (found.server) own();
  else {
    logger.info({ port, pid: found.record.pid }, 'embedded database already running for this data directory: using it');
    timer = setInterval(() => void watch(), WATCH_MS);
    timer.unref();
  }
  return {
    uri: uriFor(port),
    port,
    get pid() {
      return found.record.pid;
    },
    get started() {
      return found.server !== undefined;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (!found.server) return;
      await found.server.stop();
      removeRecord();
      process.off('exit', removeRecord);
    },
  };
}

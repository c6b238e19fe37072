/**
 * Composition root: config → database (embedded or MONGODB_URI) → store → demo
 * directory → HTTP host → platforms. The only module that wires adapters.
 * SIGINT/SIGTERM stop accepting, finish in-flight work, close the database and
 * stop the embedded server, so Ctrl-C leaves no process behind.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createSlackApp, type SlackApp } from '../adapters/slack/app';
import { createTeamsApp, type TeamsApp } from '../adapters/teams/app';
import { DEFAULT_DELIVERY_SETTINGS } from './bot/deliver-letter';
import type { BotDeps } from './bot/deps';
import type { PlatformRegistry } from './bot/ports';
import { loadDemoDirectory } from './cli/directory-file';
import { loadConfig, type Config } from './config';
import { loadEnvFile } from './env-file';
import { systemClock } from './domain/clock';
import { isPreLetterError } from './domain/errors';
import { startHttpHost, type HttpHost } from './http';
import { ChannelPacer } from './scheduler/pacer';
import { CHANNEL_INTERVAL_MS, startScheduler, type Scheduler } from './scheduler/scheduler';
import { createLogger, type Logger } from './logger';
import { openStore, type Store } from './store';
import type { EmbeddedServer } from './store/embedded/launcher';
import { connectOrStartEmbedded } from './store/embedded/shared-server';

const DAY_MS = 24 * 3_600_000;

interface Running {
  http?: HttpHost;
  slack?: SlackApp;
  teams?: TeamsApp;
  scheduler?: Scheduler;
  store?: Store;
  embedded?: EmbeddedServer;
}

async function connect(config: Config, logger: Logger, running: Running): Promise<Store> {
  if (config.mongodbUri) {
    logger.info({}, 'using the database named by MONGODB_URI');
    return openStore({ uri: config.mongodbUri, logger });
  }
  const dataDir = path.resolve(config.dataDir);
  logger.info({ dataDir }, 'MONGODB_URI is not set: starting the embedded development database');
  running.embedded = await connectOrStartEmbedded({ dataDir, logger: logger.child({ component: 'embedded-db' }) });
  return openStore({ uri: running.embedded.uri, logger });
}

async function loadDemoIfEmpty(config: Config, store: Store, logger: Logger): Promise<void> {
  // The demo is fictional: it only ever goes into the embedded development database.
  if (config.mongodbUri || config.demoDirectory === 'off') return;
  if (!(await store.directory.isEmpty())) return;
  const counts = await store.directory.apply(loadDemoDirectory());
  logger.info(counts, 'routing directory was empty: loaded the fictional demo directory');
}

/**
 * Starts each configured platform on the host; each registers itself in `deps.platforms`.
 * A platform that is off is neither mounted nor registered, and start-up says in one line
 * why (SLACK=off / TEAMS=off) or how to turn it on.
 */
async function startPlatforms(config: Config, deps: BotDeps, running: Running, logger: Logger): Promise<void> {
  if (config.slack) {
    running.slack = createSlackApp({ config: config.slack, deps, host: running.http!, logger: logger.child({ platform: 'slack' }) });
    await running.slack.start();
  } else if (config.switchedOff.slack) {
    logger.info({ platform: 'slack' }, 'Slack is off on this instance (SLACK=off)');
  } else {
    logger.info({}, 'Slack is disabled: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to enable it');
  }
  if (config.teams) {
    running.teams = createTeamsApp({ config: config.teams, deps, host: running.http!, logger: logger.child({ platform: 'teams' }) });
    await running.teams.start();
    if (!config.teams.appId) {
      logger.info({ path: '/api/messages' }, 'Teams runs in Bot Framework Emulator mode for this machine only: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for Teams');
    }
  } else if (config.switchedOff.teams) {
    logger.info({ platform: 'teams' }, 'Teams is off on this instance (TEAMS=off)');
  } else {
    logger.info({ path: '/api/messages' }, 'Teams is disabled: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to enable it, or TEAMS_EMULATOR=on to try it in the Bot Framework Emulator');
  }
}

async function stop(running: Running, logger: Logger): Promise<void> {
  await running.scheduler?.stop().catch((err: Error) => logger.warn({ errorName: err.name }, 'scheduler stop failed'));
  await running.slack?.stop().catch((err: Error) => logger.warn({ errorName: err.name }, 'slack stop failed'));
  await running.teams?.stop().catch((err: Error) => logger.warn({ errorName: err.name }, 'teams stop failed'));
  await running.http?.close().catch((err: Error) => logger.warn({ errorName: err.name }, 'http host close failed'));
  await running.store?.close().catch((err: Error) => logger.warn({ errorName: err.name }, 'store close failed'));
  await running.embedded?.stop();
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(loadEnvFile()); // .env in the current directory; the environment wins
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config.logLevel);
  const running: Running = {};
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop(running, logger).then(
      () => logger.info({}, 'stopped'),
      (err: Error) => {
        logger.error({ errorName: err.name }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  try {
    running.store = await connect(config, logger, running);
    await loadDemoIfEmpty(config, running.store, logger);
    const store = running.store;
    const platforms: PlatformRegistry = {};
    const pacer = new ChannelPacer(CHANNEL_INTERVAL_MS);
    const deps: BotDeps = {
      directory: store.directory,
      letters: store.letters,
      schedule: store.schedule,
      deliveries: store.deliveries,
      inbound: store.inbound,
      platforms,
      clock: systemClock,
      policy: config.policy,
      delivery: {
        ...DEFAULT_DELIVERY_SETTINGS,
        instanceId: `instance-${randomBytes(4).toString('hex')}`,
        retentionMs: config.retention.historyDays * DAY_MS,
        leaseMs: config.deliveryLeaseMs,
        pace: (key) => pacer.wait(key),
      },
      logger,
    };
    running.http = await startHttpHost({ port: config.port, logger, ready: () => store.ping() });
    await startPlatforms(config, deps, running, logger);
    if (config.scheduler.enabled) {
      running.scheduler = startScheduler({ deps, cron: config.scheduler.cron, eventIdRetentionMs: config.retention.eventIdDays * DAY_MS });
    }
    else logger.info({}, 'scheduler is off on this instance (SCHEDULER=off): it only serves HTTP');
    logger.info({ port: running.http.port }, 'PreLetter is running');
  } catch (err) {
    const message = isPreLetterError(err) ? err.userMessage : (err as Error).message;
    logger.error({ code: isPreLetterError(err) ? err.code : 'internal' }, 'start-up failed');
    process.stderr.write(`PreLetter could not start: ${message}\n`);
    process.exitCode = 1;
    await stop(running, logger);
  }
}

void main();

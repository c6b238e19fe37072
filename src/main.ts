/**
 * Composition root: config → database (embedded or MONGODB_URI) → store → demo
 * directory → metrics → HTTP host → platforms → scheduler. With src/cli/doctor.ts, the only
 * module that wires adapters. SIGINT/SIGTERM stop accepting, finish in-flight work within
 * SHUTDOWN_GRACE_SECONDS, close the database and stop the embedded server, so Ctrl-C leaves
 * no process behind; a signal during start-up ends start-up before its next part and stops
 * what it started. Past the grace period the process names what was still running and exits
 * with code 1.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../adapters/slack/app';
import { createSlackProbe } from '../adapters/slack/config-probe';
import { acquireConnectorToken, teamsAccountProblem, teamsChannelProblem } from '../adapters/teams/config-probe';
import { createTeamsApp, TEAMS_MESSAGES_PATH, type TeamsApp } from '../adapters/teams/app';
import { DEFAULT_DELIVERY_SETTINGS } from './bot/deliver-letter';
import type { BotDeps } from './bot/deps';
import type { PlatformRegistry } from './bot/ports';
import { loadDemoDirectory } from './cli/directory-file';
import { loadConfig, type Config } from './config';
import { runDoctor } from './cli/doctor';
import { loadEnvFile } from './env-file';
import { systemClock } from './domain/clock';
import { isPreLetterError } from './domain/errors';
import { startHttpHost, type HttpHost } from './http';
import { cachedLetterStates } from './observability/letter-states';
import { instrumentedDeliveries, instrumentedSchedule } from './observability/instrumented-ports';
import { createPrometheusMetrics, type PrometheusMetrics } from './observability/prometheus';
import { ChannelPacer } from './scheduler/pacer';
import { CHANNEL_INTERVAL_MS, startScheduler, type Scheduler } from './scheduler/scheduler';
import { createLogger, errorDetails, type Logger } from './logger';
import type { Metrics } from './metrics';
import { remainingMs, stopWithin, type StopStep } from './shutdown';
import { openStore, type Store } from './store';
import type { EmbeddedServer } from './store/embedded/launcher';
import { connectOrStartEmbedded } from './store/embedded/shared-server';

const DAY_MS = 24 * 3_600_000;
/** Closing the database gets what is left of the grace period, and at least this, even when the period ran out. */
const CLOSE_FLOOR_MS = 2000;
/** Steps that wait on their own timers wait a little past the grace period, so the period itself decides what was cut short. */
const PAST_GRACE_MS = 1000;

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
async function startPlatforms(config: Config, deps: BotDeps, running: Running, logger: Logger, metrics?: Metrics): Promise<void> {
  if (config.slack) {
    running.slack = createSlackApp({ config: config.slack, deps, host: running.http!, logger: logger.child({ platform: 'slack' }), metrics });
    await running.slack.start();
  } else if (config.switchedOff.slack) {
    logger.info({ platform: 'slack' }, 'Slack is off on this instance (SLACK=off)');
  } else {
    logger.info({}, 'Slack is disabled: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to enable it');
  }
  if (config.teams) {
    running.teams = createTeamsApp({ config: config.teams, deps, serviceUrls: running.store!.serviceUrls, host: running.http!, logger: logger.child({ platform: 'teams' }), metrics });
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

/** Why: every part that takes work in, asked to stop at once; each resolves when it holds nothing more. */
function stopSteps(running: Running, graceMs: number): StopStep[] {
  const { http, slack, teams, scheduler } = running;
  const waitMs = graceMs + PAST_GRACE_MS;
  return [
    ...(http ? [{ name: 'http requests', stop: () => http.close(waitMs) }] : []),
    ...(slack ? [{ name: 'slack turns', stop: () => slack.stop().then(() => slack.idle(waitMs)) }] : []),
    ...(teams ? [{ name: 'teams turns', stop: () => teams.stop().then(() => teams.idle(waitMs)) }] : []),
    // The sweep takes no new letter and finishes the one it is on. A delivery claim it still holds when the
    // grace period ends is simply left: its lease (DELIVERY_LEASE_SECONDS) expires and another instance, or
    // this one after a restart, takes it over. A root card is looked for in the channel before it is posted again; a
    // reminder whose request may already have reached the platform when the process exited can arrive twice.
    ...(scheduler ? [{ name: 'reminder sweep', stop: () => scheduler.stop() }] : []),
  ];
}

/** Stops within the grace period, then closes the database; returns what was still running (empty: a clean stop). */
async function stop(running: Running, logger: Logger, graceMs: number): Promise<string[]> {
  const startedAt = performance.now();
  const unfinished = await stopWithin(stopSteps(running, graceMs), graceMs, logger);
  const store = running.store;
  const embedded = running.embedded;
  const database = await stopWithin(store ? [{ name: 'database connection', stop: () => store.close() }] : [], remainingMs(startedAt, graceMs, CLOSE_FLOOR_MS), logger);
  const server = await stopWithin(embedded ? [{ name: 'embedded database', stop: () => embedded.stop() }] : [], remainingMs(startedAt, graceMs, CLOSE_FLOOR_MS), logger);
  return [...unfinished, ...database, ...server];
}

/** Why: METRICS=on records through prom-client and serves /metrics; off records nothing and serves nothing. */
function startMetrics(config: Config, store: Store, logger: Logger): PrometheusMetrics | undefined {
  if (!config.metrics) return undefined;
  const letterStates = cachedLetterStates({ letters: store.letters, directory: store.directory, policy: config.policy, clock: systemClock });
  return createPrometheusMetrics({ logger, letterStates });
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
  const logger = createLogger(config.logLevel, undefined, config.logFormat);
  const running: Running = {};
  let stopping = false;
  let starting: Promise<void> = Promise.resolve();
  const graceSeconds = config.shutdownGraceMs / 1000;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceSeconds }, 'shutting down');
    const startedAt = performance.now();
    const graceLeft = (floorMs = 0) => remainingMs(startedAt, config.shutdownGraceMs, floorMs);
    // A signal during start-up: start-up takes no further step (it checks `stopping`), then what it started is stopped.
    stopWithin([{ name: 'start-up', stop: () => starting }], config.shutdownGraceMs, logger)
      .then(async (cut) => [...cut, ...(await stop(running, logger, graceLeft()))])
      .then(
        (unfinished) => {
          if (unfinished.length === 0) {
            logger.info({}, 'stopped');
            // Everything was let go; should anything still hold the event loop, the grace period still ends the process.
            setTimeout(() => {
              logger.error({ graceSeconds }, 'stopped, but something still holds the process: exiting');
              process.exit(1);
            }, graceLeft(PAST_GRACE_MS)).unref();
            return;
          }
          logger.error({ stillRunning: unfinished, httpInFlight: running.http?.inFlight, graceSeconds }, 'shutdown grace period ran out: exiting with work still running');
          process.exit(1);
        },
        (err: unknown) => {
          logger.error({ ...errorDetails(err) }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  starting = startUp(config, logger, running, () => stopping);
  await starting;
}

/** Starts every part in turn; a stop asked for meanwhile ends start-up before its next part (what started is then stopped). */
async function startUp(config: Config, logger: Logger, running: Running, stopping: () => boolean): Promise<void> {
  try {
    running.store = await connect(config, logger, running);
    if (stopping()) return;
    await loadDemoIfEmpty(config, running.store, logger);
    if (stopping()) return;
    const store = running.store;
    const metrics = startMetrics(config, store, logger);
    const platforms: PlatformRegistry = {};
    const pacer = new ChannelPacer(store.paces, CHANNEL_INTERVAL_MS);
    const deps: BotDeps = {
      directory: store.directory,
      letters: store.letters,
      schedule: metrics ? instrumentedSchedule(store.schedule, metrics, systemClock) : store.schedule,
      deliveries: metrics ? instrumentedDeliveries(store.deliveries, metrics, systemClock) : store.deliveries,
      inbound: store.inbound,
      relays: store.relays,
      flags: store.flags,
      calls: store.calls,
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
    const platformRoutes = { [SLACK_EVENTS_PATH]: 'slack', [TEAMS_MESSAGES_PATH]: 'teams' } as const;
    running.http = await startHttpHost({ port: config.port, logger, ready: () => store.ping(), exposition: metrics, metrics, platformRoutes });
    if (stopping()) return;
    await startPlatforms(config, deps, running, logger, metrics);
    if (stopping()) return;
    if (config.scheduler.enabled) {
      running.scheduler = startScheduler({ deps, cron: config.scheduler.cron, leases: store.leases, leaseMs: config.sweeperLeaseMs, eventIdRetentionMs: config.retention.eventIdDays * DAY_MS, metrics });
    }
    else logger.info({}, 'scheduler is off on this instance (SCHEDULER=off): it only serves HTTP');
    logger.info({ port: running.http.port }, 'PreLetter is running');
  } catch (err) {
    const message = isPreLetterError(err) ? err.userMessage : (err as Error).message;
    logger.error({ code: isPreLetterError(err) ? err.code : 'internal', ...errorDetails(err) }, 'start-up failed');
    process.stderr.write(`PreLetter could not start: ${message}\n`);
    process.exitCode = 1;
    if (!stopping()) await stop(running, logger, config.shutdownGraceMs); // else the shutdown under way stops it
  }
}

/** `npm run doctor` (`node dist/src/main.js doctor`): the checks of src/cli/doctor.ts, asked through each adapter's own client code. */
async function doctor(argv: string[]): Promise<void> {
  const io = { out: (line: string) => void process.stdout.write(`${line}\n`), err: (line: string) => void process.stderr.write(`${line}\n`) };
  const probes = { slack: createSlackProbe, teamsToken: (teams: NonNullable<Config['teams']>) => acquireConnectorToken(teams), teamsChannelProblem, teamsAccountProblem };
  process.exitCode = await runDoctor(argv, io, process.env, process.cwd(), probes);
}

if (process.argv[2] === 'doctor') void doctor(process.argv.slice(3));
else void main();

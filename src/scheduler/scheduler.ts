/**
 * node-cron drives a sweep every minute (NUDGE_CRON). Ticks never overlap on one
 * instance; instances never double-send because every delivery is claimed first.
 * Housekeeping runs hourly: platform event ids older than their retention are pruned
 * (the embedded server has no TTL index; MongoDB gets the same delete).
 */
import { schedule, type ScheduledTask } from 'node-cron';
import type { BotDeps } from '../bot/deps';
import { errorDetails } from '../logger';
import { noMetrics, secondsSince, type Metrics } from '../metrics';
import { DEFAULT_SWEEP_OPTIONS, sweep, type SweepOptions, type SweepReport } from './sweep';

/** How long platform event ids are kept by default: retries come within minutes. */
export const DEFAULT_EVENT_ID_RETENTION_MS = 7 * 24 * 3_600_000;
const HOUSEKEEPING_EVERY_MS = 3_600_000;
/**
 * A sweep reads the agenda anyway at least this often, whatever the wake time says:
 * a safety net that bounds the delay if a wake time were ever wrong.
 */
export const FULL_SWEEP_EVERY_MS = 10 * 60_000;

/** Posts to one channel or person at most about once a second: inside Slack's and Teams' limits. */
export const CHANNEL_INTERVAL_MS = 1100;

/**
 * A running scheduler: stop() stops the cron, tells a sweep in progress to take no new
 * letter, and waits for the letter it is on.
 */
export interface Scheduler {
  readonly instanceId: string;
  /** Runs a sweep now (also what each cron tick does); concurrent calls share one run. */
  sweepNow(): Promise<SweepReport>;
  stop(): Promise<void>;
}

/** Starts the cron-driven sweep on this instance; deps.delivery names the instance and its claim rules. */
export function startScheduler(options: {
  deps: BotDeps;
  cron: string;
  sweep?: Partial<SweepOptions>;
  eventIdRetentionMs?: number;
  /** Sweep durations and outcomes; nothing recorded by default. */
  metrics?: Metrics;
}): Scheduler {
  const { deps } = options;
  const instanceId = deps.delivery.instanceId;
  const sweepOptions: SweepOptions = { ...DEFAULT_SWEEP_OPTIONS, ...options.sweep };
  const retention = options.eventIdRetentionMs ?? DEFAULT_EVENT_ID_RETENTION_MS;
  const log = deps.logger.child({ component: 'scheduler', instanceId });
  let running: Promise<SweepReport> | undefined;
  let lastHousekeeping = -Infinity;
  let lastFull = -Infinity;
  let stopping = false;
  const metrics = options.metrics ?? noMetrics;

  const housekeeping = async () => {
    const now = deps.clock.now().getTime();
    if (now - lastHousekeeping < HOUSEKEEPING_EVERY_MS) return;
    lastHousekeeping = now;
    const pruned = await deps.inbound.pruneBefore(new Date(now - retention));
    if (pruned > 0) log.info({ pruned }, 'old platform event ids pruned');
  };
  const sweepNow = (): Promise<SweepReport> => {
    running ??= housekeeping()
      .then(() => {
        const now = deps.clock.now().getTime();
        const full = sweepOptions.full || now - lastFull >= FULL_SWEEP_EVERY_MS;
        if (full) lastFull = now;
        return sweep(deps, { ...sweepOptions, full, shouldStop: () => stopping });
      })
      .finally(() => (running = undefined));
    return running;
  };
  const task: ScheduledTask = schedule(options.cron, async () => {
    const startedAt = performance.now();
    try {
      const report = await sweepNow();
      metrics.sweepFinished({ durationSeconds: secondsSince(startedAt), letters: report.letters, failed: report.failed, crashed: false });
      if (report.letters > 0 || report.sent > 0) log.info({ ...report }, 'sweep finished');
    } catch (err) {
      metrics.sweepFinished({ durationSeconds: secondsSince(startedAt), letters: 0, failed: 0, crashed: true });
      log.error({ ...errorDetails(err) }, 'sweep failed');
    }
  }, { noOverlap: true });
  log.info({ cron: options.cron }, 'scheduler started');

  return {
    instanceId,
    sweepNow,
    async stop() {
      stopping = true;
      await task.stop();
      await running?.catch(() => undefined);
    },
  };
}

/**
 * node-cron ticks every minute (NUDGE_CRON) on every instance with SCHEDULER=on. Each tick
 * takes or renews the sweeper lease in the database (sweeper-lease.ts); only its holder
 * sweeps, one sweep at a time, and a tick during a long sweep only renews the lease.
 * Even if two instances swept at once (a lease lost mid-sweep), none would double-send:
 * every delivery is claimed first. Housekeeping runs hourly on the sweeper: platform event
 * ids older than their retention are pruned (the embedded server has no TTL index;
 * MongoDB gets the same delete).
 */
import { schedule, type ScheduledTask } from 'node-cron';
import type { BotDeps } from '../bot/deps';
import { errorDetails } from '../logger';
import { noMetrics, secondsSince, type Metrics } from '../metrics';
import type { LeaseRepository } from './ports';
import { DEFAULT_SWEEP_OPTIONS, sweep, type SweepOptions, type SweepReport } from './sweep';
import { SweeperLease, SWEEPER_LEASE_MS } from './sweeper-lease';

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
 * letter, waits for the letter it is on, and releases the sweeper lease.
 */
export interface Scheduler {
  readonly instanceId: string;
  /**
   * What each cron tick does: takes or renews the sweeper lease and, holding it, sweeps;
   * concurrent calls share one run. Null when another instance holds the lease.
   */
  sweepNow(): Promise<SweepReport | null>;
  /** Whether this instance holds the sweeper lease now, by its own clock. */
  isSweeper(): boolean;
  stop(): Promise<void>;
}

/** Starts the cron-driven sweep on this instance; deps.delivery names the instance and its claim rules. */
export function startScheduler(options: {
  deps: BotDeps;
  cron: string;
  /** The sweeper lease's store: one sweeping instance at a time. */
  leases: LeaseRepository;
  /** How long a hold lasts unless renewed; SWEEPER_LEASE_MS by default (tests shorten it). */
  leaseMs?: number;
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
  const lease = new SweeperLease(options.leases, instanceId, options.leaseMs ?? SWEEPER_LEASE_MS, deps.clock, log);

  const housekeeping = async () => {
    const now = deps.clock.now().getTime();
    if (now - lastHousekeeping < HOUSEKEEPING_EVERY_MS) return;
    lastHousekeeping = now;
    const pruned = await deps.inbound.pruneBefore(new Date(now - retention));
    if (pruned > 0) log.info({ pruned }, 'old platform event ids pruned');
  };
  const runSweep = (): Promise<SweepReport> => {
    running ??= housekeeping()
      .then(() => {
        const now = deps.clock.now().getTime();
        const full = sweepOptions.full || now - lastFull >= FULL_SWEEP_EVERY_MS;
        if (full) lastFull = now;
        // A lost lease (not renewed in time) stops the sweep between letters, as a shutdown does.
        return sweep(deps, { ...sweepOptions, full, shouldStop: () => stopping || !lease.held });
      })
      .finally(() => (running = undefined));
    return running;
  };
  const sweepNow = async (): Promise<SweepReport | null> => {
    if (stopping) return null;
    const holding = await lease.hold();
    // stop() may have begun while the lease was being taken: it releases the lease, and no sweep starts.
    return holding && !stopping ? runSweep() : null;
  };
  // No noOverlap: a tick that comes while a long sweep runs renews the lease, so the sweeper keeps it.
  const task: ScheduledTask = schedule(options.cron, async () => {
    if (running) return void (await lease.hold());
    const startedAt = performance.now();
    try {
      const report = await sweepNow();
      if (!report) return;
      metrics.sweepFinished({ durationSeconds: secondsSince(startedAt), letters: report.letters, failed: report.failed, crashed: false });
      if (report.letters > 0 || report.sent > 0) log.info({ ...report }, 'sweep finished');
    } catch (err) {
      metrics.sweepFinished({ durationSeconds: secondsSince(startedAt), letters: 0, failed: 0, crashed: true });
      log.error({ ...errorDetails(err) }, 'sweep failed');
    }
  });
  log.info({ cron: options.cron }, 'scheduler started');

  return {
    instanceId,
    sweepNow,
    isSweeper: () => lease.held,
    async stop() {
      stopping = true;
      await task.stop();
      await running?.catch(() => undefined);
      await lease.release();
    },
  };
}

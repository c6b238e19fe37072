/**
 * node-cron drives a sweep every minute (NUDGE_CRON). Ticks never overlap on one
 * instance; instances never double-send because every nudge is claimed first.
 */
import { randomBytes } from 'node:crypto';
import { schedule, type ScheduledTask } from 'node-cron';
import type { BotDeps } from '../bot/deps';
import { ChannelPacer } from './pacer';
import { DEFAULT_SWEEP_OPTIONS, sweep, type SweepOptions, type SweepReport } from './sweep';

/** Platform event ids are kept a week: retries come within minutes, and the embedded database has no TTL index. */
export const INBOUND_EVENT_RETENTION_MS = 7 * 24 * 3_600_000;
const HOUSEKEEPING_EVERY_MS = 3_600_000;

/** Posts to one channel or person at most about once a second: inside Slack's and Teams' limits. */
export const CHANNEL_INTERVAL_MS = 1100;

/** A running scheduler: stop() waits for a sweep in progress. */
export interface Scheduler {
  readonly instanceId: string;
  /** Runs a sweep now (also what each cron tick does); concurrent calls share one run. */
  sweepNow(): Promise<SweepReport>;
  stop(): Promise<void>;
}

/** Starts the cron-driven sweep on this instance. */
export function startScheduler(options: { deps: BotDeps; cron: string; sweep?: Partial<SweepOptions> }): Scheduler {
  const { deps } = options;
  const instanceId = options.sweep?.instanceId ?? `instance-${randomBytes(4).toString('hex')}`;
  const pacer = new ChannelPacer(CHANNEL_INTERVAL_MS);
  const sweepOptions: SweepOptions = { ...DEFAULT_SWEEP_OPTIONS, instanceId, pace: (key) => pacer.wait(key), ...options.sweep };
  const log = deps.logger.child({ component: 'scheduler', instanceId });
  let running: Promise<SweepReport> | undefined;
  let lastHousekeeping = -Infinity;

  const housekeeping = async () => {
    const now = deps.clock.now().getTime();
    if (now - lastHousekeeping < HOUSEKEEPING_EVERY_MS) return;
    lastHousekeeping = now;
    const pruned = await deps.inbound.pruneBefore(new Date(now - INBOUND_EVENT_RETENTION_MS));
    if (pruned > 0) log.info({ pruned }, 'old platform event ids pruned');
  };
  const sweepNow = (): Promise<SweepReport> => {
    running ??= housekeeping()
      .then(() => sweep(deps, sweepOptions))
      .finally(() => (running = undefined));
    return running;
  };
  const task: ScheduledTask = schedule(options.cron, async () => {
    try {
      const report = await sweepNow();
      if (report.letters > 0 || report.sent > 0) log.info({ ...report }, 'sweep finished');
    } catch (err) {
      log.error({ errorName: (err as Error).name }, 'sweep failed');
    }
  }, { noOverlap: true });
  log.info({ cron: options.cron }, 'scheduler started');

  return {
    instanceId,
    sweepNow,
    async stop() {
      await task.stop();
      await running?.catch(() => undefined);
    },
  };
}

/** Sweeps driven by the simulated clock, for the scheduler tests. */
import { DEFAULT_SWEEP_OPTIONS, sweep, type SweepOptions, type SweepReport } from '../../src/scheduler/sweep';
import type { BotDeps } from '../../src/bot/deps';
import type { SimulatedClock } from './simulated-clock';

/** Sweep options for tests (the instance and its claim rules are in deps.delivery). */
export function testSweepOptions(overrides: Partial<SweepOptions> = {}): SweepOptions {
  return { ...DEFAULT_SWEEP_OPTIONS, ...overrides };
}

/** Moves the clock hour by hour to `until`, sweeping at every hour, running `at` actions on their hour. */
export async function sweepHourly(
  deps: BotDeps,
  clock: SimulatedClock,
  until: string,
  actions: Record<string, () => Promise<unknown>> = {},
): Promise<SweepReport[]> {
  const end = new Date(until).getTime();
  const reports: SweepReport[] = [];
  while (clock.now().getTime() <= end) {
    const action = actions[clock.now().toISOString()];
    if (action) await action();
    reports.push(await sweep(deps, testSweepOptions()));
    clock.advanceHours(1);
  }
  return reports;
}

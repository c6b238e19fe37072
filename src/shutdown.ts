/**
 * Stopping within a grace period: every part of the process is asked to stop at once
 * (the HTTP host answers 503, the platforms take no new turn, the scheduler claims no
 * new letter), then each finishes what it holds, all in parallel, until the period ends.
 * What is still running then is named, so the operator's log says what was cut short.
 */
import { errorDetails, type Logger } from './logger';

/** One part of the process to stop: `stop` resolves once it holds nothing any more. */
export interface StopStep {
  name: string;
  stop(): Promise<unknown>;
}

/**
 * Why: runs every step's stop at once and waits for all of them, or for `graceMs`,
 * whichever comes first; returns the names of the steps still running then (none: a
 * clean stop). A step that fails is logged and counts as stopped: it holds nothing more.
 */
export async function stopWithin(steps: StopStep[], graceMs: number, logger: Logger): Promise<string[]> {
  const running = new Set(steps.map((s) => s.name));
  const all = Promise.all(
    steps.map((step) =>
      Promise.resolve()
        .then(() => step.stop())
        .catch((err: unknown) => logger.warn({ step: step.name, ...errorDetails(err) }, 'a part of the process failed to stop cleanly'))
        .finally(() => running.delete(step.name)),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, graceMs));
    timer.unref();
  });
  try {
    await Promise.race([all, late]);
  } finally {
    clearTimeout(timer);
  }
  return steps.map((s) => s.name).filter((name) => running.has(name));
}

/** Why: the time left of a grace period that started at `startedAt` (performance.now), never below `floorMs`. */
export function remainingMs(startedAt: number, graceMs: number, floorMs = 0): number {
  return Math.max(floorMs, graceMs - (performance.now() - startedAt));
}

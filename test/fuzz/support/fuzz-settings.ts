/**
 * How the property-based tests run: one place for the number of generated cases and
 * the seed. Each run draws a fresh seed, so the suite keeps exploring; when a
 * property fails, fast-check prints the seed, the path and the shrunk counterexample,
 * and `FUZZ_SEED=<seed> npx jest test/fuzz` replays exactly that run.
 * `FUZZ_RUNS_FACTOR=10` multiplies every count for a longer hunt.
 */
import type fc from 'fast-check';

const factor = Number(process.env.FUZZ_RUNS_FACTOR ?? '1');
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Why: the same replay options for every property, each with its own number of cases. */
export function runs<T>(numRuns: number): fc.Parameters<T> {
  const scale = Number.isFinite(factor) && factor > 0 ? factor : 1;
  return {
    numRuns: Math.max(1, Math.round(numRuns * scale)),
    ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
  };
}

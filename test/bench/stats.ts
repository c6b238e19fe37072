/**
 * Small number helpers the bench sections share: percentiles of latency samples,
 * timing one call, running calls at a fixed concurrency, and the printed table.
 * Numbers are printed, never asserted.
 */
import { performance } from 'node:perf_hooks';

/** The q-th quantile (0..1) of samples, nearest rank; NaN for no samples. */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** The median of samples. */
export function p50(samples: number[]): number {
  return quantile(samples, 0.5);
}

/** Milliseconds one call takes. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** p50 of `n` sequential runs of fn. */
export async function samples(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push(await time(() => fn(i)));
  return p50(out);
}

/**
 * Runs `total` calls with at most `concurrency` in flight (closed loop: a worker sends
 * its next call as soon as its last one returned); returns each call's latency in ms
 * and the wall time of the whole run.
 */
export async function closedLoop(total: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next;
      next += 1;
      latencies.push(await time(() => call(i)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { latencies, wallMs: performance.now() - start };
}

/** One printed row: a figure's name and its value for each column (undefined: not measured for that column). */
export type Row = [string, ...Array<number | string | undefined>];

function cell(value: number | string | undefined, digits: number): string {
  if (value === undefined) return '–';
  if (typeof value === 'string') return value;
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** A table with a header row; numbers with `digits` decimals. */
export function table(header: string[], rows: Row[], digits = 1): string[] {
  const width0 = Math.max(header[0]!.length, ...rows.map((r) => r[0].length));
  const cells = rows.map((r) => r.slice(1).map((v) => cell(v, digits)));
  const widths = header.slice(1).map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (first: string, rest: string[]) => [first.padEnd(width0), ...rest.map((v, i) => v.padStart(widths[i]!))].join('  ');
  return [line(header[0]!, header.slice(1)), ...rows.map((r, i) => line(r[0], cells[i]!))];
}

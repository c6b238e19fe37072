/**
 * The measures every kind of item in a report shares (letters, flags and calls for input):
 * whether something began in the period, the median of durations in days,
 * a share to three decimals, and references in the order people file them.
 */

const DAY_MS = 86_400_000;

/** Why: the middle value (the mean of the two middle ones for an even count), in days to one decimal; null for none. */
export function medianDays(durationsMs: number[]): number | null {
  if (durationsMs.length === 0) return null;
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const ms = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round((ms / DAY_MS) * 10) / 10;
}

/** Why: a period includes its first instant and excludes its end, so consecutive periods never count an item twice. */
export function inPeriod(at: Date, period: { from: Date; to: Date }): boolean {
  return at.getTime() >= period.from.getTime() && at.getTime() < period.to.getTime();
}

/** Why: a share of a count, rounded to three decimals; null when there is nothing to share, rather than a misleading 0. */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

/** Why: references (`PL-2026-0007`, `FL-2026-0012`, `CI-2026-0003`) oldest first, by year then number, so `10000` follows `0999`. */
export function compareRefs(a: string, b: string): number {
  const parse = (ref: string) => /^[A-Z]+-(\d+)-(\d+)$/.exec(ref)?.slice(1).map(Number) ?? [0, 0];
  const [ya, sa] = parse(a);
  const [yb, sb] = parse(b);
  return ya! - yb! || sa! - sb! || a.localeCompare(b);
}

/**
 * Letters by state for /metrics: the store's list of current letters (every letter
 * from its preview until its history is pruned, newest first, at most 5,000), each
 * letter's status derived from its facts exactly as a status answer derives it, counted
 * and kept for about 30 seconds so that scrapes stay cheap whatever their rate.
 */
import { ALL_SCOPE, type DirectoryRepository, type LetterRepository } from '../bot/repositories';
import type { Clock } from '../domain/clock';
import { deadlineOf } from '../domain/deadline';
import { deriveStatus } from '../domain/lifecycle';
import type { ClockPolicy } from '../domain/policy';
import type { LetterStatus } from '../domain/types';

/** Every state, so a state with no letters is reported as 0 rather than missing (the compiler keeps it complete). */
const STATES: Record<LetterStatus, true> = {
  'awaiting-ack': true,
  acknowledged: true,
  'awaiting-reply': true,
  overdue: true,
  replied: true,
  withdrawn: true,
};

/** Why: the fixed label set of the letters gauge. */
export const LETTER_STATES = Object.keys(STATES) as LetterStatus[];

/** The most letters one count reads (the store's list limit): beyond it the oldest are not counted. */
export const LETTER_COUNT_LIMIT = 5000;

/** How long one count is served before the next scrape counts again. */
export const LETTER_COUNT_CACHE_MS = 30_000;

/** What counting needs: the letters' list, the mandates' time zones (deadlines), the policy and the clock. */
export interface LetterStateSource {
  letters: Pick<LetterRepository, 'list'>;
  directory: Pick<DirectoryRepository, 'getMandate'>;
  policy: Pick<ClockPolicy, 'responseWindowDays' | 'defaultTimeZone'>;
  clock: Clock;
}

/** Why: one count of the current letters by state, read straight from the store. */
export async function countLettersByState(source: LetterStateSource): Promise<Record<LetterStatus, number>> {
  const counts = Object.fromEntries(LETTER_STATES.map((s) => [s, 0])) as Record<LetterStatus, number>;
  const letters = await source.letters.list({ scopes: [ALL_SCOPE], limit: LETTER_COUNT_LIMIT });
  const zones = new Map<string, string>();
  for (const key of new Set(letters.filter((l) => l.formalSent).map((l) => l.mandateKey))) {
    zones.set(key, (await source.directory.getMandate(key))?.timeZone ?? source.policy.defaultTimeZone);
  }
  const now = source.clock.now();
  for (const letter of letters) {
    const zone = zones.get(letter.mandateKey) ?? source.policy.defaultTimeZone;
    const deadline = letter.formalSent ? deadlineOf(letter.formalSent.at, zone, source.policy.responseWindowDays) : undefined;
    counts[deriveStatus(letter, now, deadline)] += 1;
  }
  return counts;
}

/**
 * Why: the gauge's source: concurrent scrapes share one count, a count is reused for
 * `cacheMs`, and a failed count is forgotten so the next scrape tries again.
 * `monotonicNow` is injectable so tests step time instead of waiting.
 */
export function cachedLetterStates(
  source: LetterStateSource,
  options: { cacheMs?: number; monotonicNow?: () => number } = {},
): () => Promise<Record<LetterStatus, number>> {
  const cacheMs = options.cacheMs ?? LETTER_COUNT_CACHE_MS;
  const now = options.monotonicNow ?? (() => performance.now());
  let cached: { at: number; counts: Promise<Record<LetterStatus, number>> } | undefined;
  return () => {
    if (cached && now() - cached.at < cacheMs) return cached.counts;
    const counts = countLettersByState(source);
    const entry = { at: now(), counts };
    cached = entry;
    counts.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return counts;
  };
}

/**
 * Slack rate limits, kept per method and channel. Slack's WebClient pauses its whole
 * request queue on a 429, so one busy channel would delay every other call of the
 * process (other people's answers included); PreLetter asks the client to reject a
 * rate-limited call instead and remembers the Retry-After here, for that method and
 * channel only. A short wait is waited out; a long one fails the call with the wait
 * attached, so the delivery machinery retries it then, and unrelated calls go on.
 */

/** Why: the knobs of the gate in one shape, so tests shorten them. */
export interface RateLimitSettings {
  /** The longest Retry-After a call waits for before failing (a person may be waiting). */
  maxWaitMs: number;
  /** How many rate-limited answers one call waits out before failing. */
  maxRetries: number;
}

/** Production: wait out up to 10 seconds, twice; a longer limit fails the call with its Retry-After. */
export const SLACK_RATE_LIMIT_SETTINGS: RateLimitSettings = { maxWaitMs: 10_000, maxRetries: 2 };

/** Why: when each method-and-channel may be called again. */
export class RateLimitGate {
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    readonly settings: RateLimitSettings = SLACK_RATE_LIMIT_SETTINGS,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Why: how long a call on this key must still wait (0 when free). */
  waitFor(key: string): number {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left <= 0) this.blockedUntil.delete(key);
    return Math.max(0, left);
  }

  /** Why: Slack said "not before `retryAfterMs`" for this key. */
  block(key: string, retryAfterMs: number): void {
    const until = this.now() + retryAfterMs;
    this.blockedUntil.set(key, Math.max(until, this.blockedUntil.get(key) ?? 0));
  }

  /** Why: waits for the key when the wait is short; returns the wait left when it is too long to wait here. */
  async pass(key: string): Promise<number> {
    const wait = this.waitFor(key);
    if (wait === 0) return 0;
    if (wait > this.settings.maxWaitMs) return wait;
    await this.sleep(wait);
    return 0;
  }
}

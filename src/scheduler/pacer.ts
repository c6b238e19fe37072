/**
 * Keeps posts to one channel (or one person) apart by a minimum interval, so a
 * burst of nudges stays inside Slack's and Teams' per-channel rate limits. Retry-After
 * from a platform is honoured by the platform clients themselves.
 */

/** Waits until `key` may be posted to again; `sleep` and `now` are injected so tests need no real time. */
export class ChannelPacer {
  private readonly nextFree = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Reserves the next slot for `key` and waits for it; calls for one key are spaced by the interval. */
  async wait(key: string): Promise<void> {
    if (this.intervalMs <= 0) return;
    const now = this.now();
    const slot = Math.max(now, this.nextFree.get(key) ?? 0);
    this.nextFree.set(key, slot + this.intervalMs);
    if (slot > now) await this.sleep(slot - now);
  }
}

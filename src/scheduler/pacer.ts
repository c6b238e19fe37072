/**
 * Keeps posts to one channel (or one person) apart by a minimum interval, so a burst of
 * nudges stays inside Slack's and Teams' per-channel rate limits, however many instances
 * post. Retry-After from a platform is honoured by the platform clients themselves.
 *
 * The slots are in the database (PaceRepository), not in the process. The sweeper lease
 * makes one instance the poster of reminders most of the time, but a lease alone does
 * not keep a channel's posts apart at its edges: a holder that shuts down releases the
 * lease and another instance may take it at the same cron second and post at once; a
 * new holder starts with no memory of when the last one posted; a preview's own delivery
 * runs on whichever instance took the request. A slot reserved by one atomic conditional
 * write holds in all of these, for every process, at the price of one `_id` write per post.
 */
import type { PaceRepository } from './ports';

/** The longest one post waits for its slot: a slot far ahead (a clock that ran fast) must not stall a sweep for long. */
export const MAX_PACE_WAIT_MS = 30_000;

/** Waits until `key` may be posted to again; `sleep` and `now` are injected so tests need no real time. */
export class ChannelPacer {
  constructor(
    private readonly slots: PaceRepository,
    private readonly intervalMs: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Reserves the next slot for `key` (shared by every instance) and waits for it; calls for one key are spaced by the interval. */
  async wait(key: string): Promise<void> {
    if (this.intervalMs <= 0) return;
    const slot = await this.slots.reserve(key, new Date(this.now()), this.intervalMs);
    const wait = Math.min(slot.getTime() - this.now(), MAX_PACE_WAIT_MS);
    if (wait > 0) await this.sleep(wait);
  }
}

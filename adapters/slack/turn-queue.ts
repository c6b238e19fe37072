/**
 * Work after the ack waits its turn, so acks never do. Node runs every request and
 * every turn on one thread, and on a small machine the database and the Web API
 * share its cores: with turns in flight, each pass of the event loop first runs their
 * replies, and a new request from Slack, whose ack is due within 3 seconds, waits
 * behind that. So requests come first: while they keep arriving (one came in the last
 * `quietMs`), no further turn starts, and one runs at a time once the first in line has
 * waited `patienceMs`. In a quiet moment turns start while the event loop keeps up (it
 * is less than `maxLagMs` behind), up to `maxRunning`; the others wait, first come
 * first served, their acks already sent. Nothing in here holds a guarantee: claims,
 * conditional writes and unique keys in the database do.
 *
 * (p-limit and p-queue cap a count, not the loop's lag or the requests' pace, and are
 * ESM-only since their current majors; this project is CommonJS.)
 */
import { performance } from 'node:perf_hooks';

/** How far behind the event loop is now, in milliseconds, and a tick while someone watches. */
export interface LoopLag {
  now(): number;
  /** Calls `onTick` every few milliseconds (late when the loop is busy) until unwatch(). */
  watch(onTick: () => void): void;
  unwatch(): void;
}

/** Why: the lag of this process's event loop, from a short timer that fires late when the loop is busy. */
export class EventLoopLag implements LoopLag {
  private last = 0;
  private due = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly everyMs = 5) {}

  now(): number {
    if (!this.timer) return 0;
    // A tick that is overdue right now says more than the last one that fired.
    return Math.max(this.last, performance.now() - this.due);
  }

  watch(onTick: () => void): void {
    if (this.timer) return;
    const schedule = () => {
      this.due = performance.now() + this.everyMs;
      this.timer = setTimeout(() => {
        // A busy pass counts for a few ticks (halving each tick), not just until the next short one.
        this.last = Math.max(0, performance.now() - this.due, this.last / 2);
        schedule();
        onTick();
      }, this.everyMs);
      this.timer.unref();
    };
    schedule();
  }

  unwatch(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.last = 0;
  }
}

/** When turns may start: see the top of this file. */
export interface TurnQueueOptions {
  maxRunning: number;
  maxLagMs: number;
  /** How long after the last request no further turn starts. */
  quietMs: number;
  /** How long the first turn in line waits, with nothing running, before it starts anyway. */
  patienceMs: number;
  lag?: LoopLag;
  /** The clock for quiet and patience (milliseconds); performance.now() by default. */
  now?: () => number;
}

/** Why: turns run while the event loop keeps up, so the next request's ack is never stuck behind them. */
export class TurnQueue {
  private running = 0;
  private readonly waiting: Array<{ start: () => void; since: number }> = [];
  private readonly lag: LoopLag;
  private readonly now: () => number;
  private lastArrival = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: TurnQueueOptions) {
    this.lag = options.lag ?? new EventLoopLag();
    this.now = options.now ?? (() => performance.now());
  }

  /** Why: a request from Slack arrived; its ack goes before any turn that has not started yet. */
  noteArrival(): void {
    this.lastArrival = this.now();
  }

  /** How many turns are running, and how many wait to start. */
  get counts(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Why: runs `work` soon if the loop keeps up (or nothing runs), else once it is its turn.
   * It never starts in the pass of the event loop that acked it: every request that arrived
   * in that pass is acked first.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.lag.watch(() => this.pump()); // measures the lag while turns run; unwatched when all is done
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.waiting.length === 0 && this.mayStart()) this.running += 1;
    else {
      // Its ticks start waiting turns: watch again, in case the last turn finished meanwhile and stopped them.
      this.lag.watch(() => this.pump());
      await new Promise<void>((start) => this.waiting.push({ start, since: this.now() }));
    }
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.pump();
      if (this.running === 0 && this.waiting.length === 0) this.lag.unwatch();
    }
  }

  private mayStart(): boolean {
    const now = this.now();
    const quiet = now - this.lastArrival >= this.options.quietMs;
    if (this.running === 0) return quiet || (this.waiting.length > 0 && now - this.waiting[0]!.since >= this.options.patienceMs);
    return quiet && this.running < this.options.maxRunning && this.lag.now() <= this.options.maxLagMs;
  }

  /** Starts waiting turns while they may start: at most two at a time, so the lag can show before more do. */
  private pump(): void {
    for (let started = 0; started < 2 && this.waiting.length > 0 && this.mayStart(); started += 1) {
      this.running += 1;
      this.waiting.shift()!.start();
    }
  }
}

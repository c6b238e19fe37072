/**
 * The queue that work after an ack waits in (adapters/slack/turn-queue.ts): turns start
 * while the event loop keeps up and requests pause, at most so many at once, first come
 * first served, and never in the pass of the loop that acked them. The loop's lag is played by a stand-in
 * here, except in the last test, which blocks the real loop.
 */
import { opensForm } from '../../../adapters/slack/command-listener';
import { EventLoopLag, TurnQueue, type LoopLag, type TurnQueueOptions } from '../../../adapters/slack/turn-queue';

/** A lag the test sets, and ticks the test gives. */
class StandInLag implements LoopLag {
  ms = 0;
  private onTick: (() => void) | undefined;
  now(): number {
    return this.ms;
  }
  watch(onTick: () => void): void {
    this.onTick = onTick;
  }
  unwatch(): void {
    this.onTick = undefined;
  }
  get watched(): boolean {
    return this.onTick !== undefined;
  }
  tick(): void {
    this.onTick?.();
  }
}

/** A turn the test finishes by hand, noting when it started. */
function heldTurn(started: string[], name: string) {
  let finish!: () => void;
  let fail!: (err: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    work: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(),
    fail: (err: Error) => fail(err),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Options with no quiet period and no patience needed, unless a test sets them. */
function options(lag: LoopLag, overrides: Partial<TurnQueueOptions> = {}): TurnQueueOptions {
  return { maxRunning: 10, maxLagMs: 10, quietMs: 0, patienceMs: 0, lag, ...overrides };
}

describe('TurnQueue', () => {
  it('runs at most maxRunning turns at once while the loop keeps up, then the waiting ones in order', async () => {
    const lag = new StandInLag();
    const queue = new TurnQueue(options(lag, { maxRunning: 2 }));
    const started: string[] = [];
    const turns = ['a', 'b', 'c', 'd'].map((name) => heldTurn(started, name));
    const runs = turns.map((t) => queue.run(t.work));
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(queue.counts).toEqual({ running: 2, waiting: 2 });
    turns[1]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    turns[0]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    turns[2]!.finish();
    turns[3]!.finish();
    await Promise.all(runs);
    expect(queue.counts).toEqual({ running: 0, waiting: 0 });
    expect(lag.watched).toBe(false);
  });

  it('starts no second turn while the loop is behind, and starts the waiting ones once it keeps up again', async () => {
    const lag = new StandInLag();
    const queue = new TurnQueue(options(lag));
    const started: string[] = [];
    const first = heldTurn(started, 'first');
    const firstRun = queue.run(first.work);
    await settle();
    lag.ms = 50;
    const later = ['x', 'y', 'z'].map((name) => heldTurn(started, name));
    const laterRuns = later.map((t) => queue.run(t.work));
    await settle();
    lag.tick();
    expect(started).toEqual(['first']);
    expect(queue.counts).toEqual({ running: 1, waiting: 3 });
    lag.ms = 2;
    lag.tick();
    await settle();
    // Two at a time, so the lag they cause can show before more start.
    expect(started).toEqual(['first', 'x', 'y']);
    lag.tick();
    await settle();
    expect(started).toEqual(['first', 'x', 'y', 'z']);
    first.finish();
    later.forEach((t) => t.finish());
    await Promise.all([firstRun, ...laterRuns]);
  });

  it('always runs one turn, however far behind the loop is', async () => {
    const lag = new StandInLag();
    lag.ms = 1000;
    const queue = new TurnQueue(options(lag));
    const started: string[] = [];
    const a = heldTurn(started, 'a');
    const b = heldTurn(started, 'b');
    const runs = [queue.run(a.work), queue.run(b.work)];
    await settle();
    expect(started).toEqual(['a']);
    a.finish();
    await runs[0];
    await settle();
    expect(started).toEqual(['a', 'b']);
    b.finish();
    await runs[1];
  });

  it('never starts a turn in the pass of the event loop that asked for it', async () => {
    const queue = new TurnQueue(options(new StandInLag()));
    const started: string[] = [];
    const t = heldTurn(started, 'a');
    const run = queue.run(t.work);
    await Promise.resolve();
    expect(started).toEqual([]);
    await settle();
    expect(started).toEqual(['a']);
    t.finish();
    await run;
  });

  it('starts no turn while requests keep arriving, and starts the waiting ones once they pause', async () => {
    const lag = new StandInLag();
    let clock = 1000;
    const queue = new TurnQueue(options(lag, { quietMs: 20, patienceMs: 250, now: () => clock }));
    const started: string[] = [];
    const turns = ['a', 'b'].map((name) => heldTurn(started, name));
    queue.noteArrival();
    const runs = turns.map((t) => queue.run(t.work));
    await settle();
    clock += 10;
    queue.noteArrival();
    lag.tick();
    await settle();
    expect(started).toEqual([]);
    clock += 25; // no request for 25 ms
    lag.tick();
    await settle();
    expect(started).toEqual(['a', 'b']);
    turns.forEach((t) => t.finish());
    await Promise.all(runs);
  });

  it('runs one turn at a time while requests never pause, once the first in line has waited long enough', async () => {
    const lag = new StandInLag();
    let clock = 1000;
    const queue = new TurnQueue(options(lag, { quietMs: 20, patienceMs: 250, now: () => clock }));
    const started: string[] = [];
    const turns = ['a', 'b'].map((name) => heldTurn(started, name));
    queue.noteArrival();
    const runs = turns.map((t) => queue.run(t.work));
    await settle();
    clock += 300;
    queue.noteArrival();
    lag.tick();
    await settle();
    expect(started).toEqual(['a']);
    queue.noteArrival();
    turns[0]!.finish();
    await runs[0];
    await settle();
    expect(started).toEqual(['a', 'b']);
    turns[1]!.finish();
    await runs[1];
  });

  it('starts a waiting turn by the ticks even when the last running turn finished while it was being queued', async () => {
    const lag = new StandInLag();
    let clock = 1000;
    const queue = new TurnQueue(options(lag, { quietMs: 20, patienceMs: 250, now: () => clock }));
    const started: string[] = [];
    const first = heldTurn(started, 'first');
    const second = heldTurn(started, 'second');
    const firstRun = queue.run(first.work);
    await settle();
    queue.noteArrival();
    const secondRun = queue.run(second.work);
    first.finish(); // finishes before the second is queued: nothing runs, nothing waits, the ticks stop
    await firstRun;
    await settle();
    expect(started).toEqual(['first']);
    clock += 25;
    lag.tick();
    await settle();
    expect(started).toEqual(['first', 'second']);
    second.finish();
    await secondRun;
    expect(lag.watched).toBe(false);
  });

  it('hands the place of a failed turn to the next one and passes the failure to its caller', async () => {
    const queue = new TurnQueue(options(new StandInLag(), { maxRunning: 1 }));
    const started: string[] = [];
    const bad = heldTurn(started, 'bad');
    const good = heldTurn(started, 'good');
    const badRun = queue.run(bad.work);
    const goodRun = queue.run(good.work);
    await settle();
    bad.fail(new Error('the database went away'));
    await expect(badRun).rejects.toThrow('the database went away');
    await settle();
    expect(started).toEqual(['bad', 'good']);
    good.finish();
    await goodRun;
  });
});

describe('EventLoopLag', () => {
  it('reports how far behind an event loop is that was kept busy', async () => {
    const lag = new EventLoopLag(5);
    lag.watch(() => undefined);
    const until = Date.now() + 60;
    while (Date.now() < until) {
      // keep the loop busy, as a long synchronous piece of work would
    }
    expect(lag.now()).toBeGreaterThanOrEqual(40);
    lag.unwatch();
    expect(lag.now()).toBe(0);
  });
});

describe('opensForm', () => {
  it('is true only for the commands that open a form (preview, flag, call), whose trigger id expires in three seconds', () => {
    expect(opensForm({ text: 'preview' })).toBe(true);
    expect(opensForm({ text: '  PREVIEW ' })).toBe(true);
    expect(opensForm({ text: 'flag' })).toBe(true);
    expect(opensForm({ text: 'flag now' })).toBe(false);
    expect(opensForm({ text: 'CALL' })).toBe(true);
    expect(opensForm({ text: 'status' })).toBe(false);
    expect(opensForm({ text: '' })).toBe(false);
    expect(opensForm({})).toBe(false);
    expect(opensForm(null)).toBe(false);
  });
});

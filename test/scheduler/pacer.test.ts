/**
 * The channel pacer on the real database: two pacers stand for two instances posting
 * to the same channel, and their posts are still spaced by the interval.
 */
import { ChannelPacer, MAX_PACE_WAIT_MS } from '../../src/scheduler/pacer';
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';

describe('channel pacer', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));

  /** A pacer whose sleeping moves the shared simulated time on, and records how long it slept. */
  function pacer(time: { now: number }, waits: number[], intervalMs = 1100): ChannelPacer {
    return new ChannelPacer(store.paces, intervalMs, async (ms) => {
      waits.push(ms);
    }, () => time.now);
  }

  it('spaces posts to one channel by the interval and lets other channels go at once', async () => {
    const time = { now: 1_000_000 };
    const waits: number[] = [];
    const p = pacer(time, waits);
    await p.wait('slack:T1:C1');
    await p.wait('slack:T1:C1');
    await p.wait('slack:T1:C1');
    await p.wait('slack:T1:C2');
    expect(waits).toEqual([1100, 2200]);
    time.now += 5_000;
    await p.wait('slack:T1:C1');
    expect(waits).toEqual([1100, 2200]);
  });

  it('spaces one channel\'s posts by the interval when two instances post to it', async () => {
    const time = { now: 2_000_000 };
    const waitsA: number[] = [];
    const waitsB: number[] = [];
    const a = pacer(time, waitsA);
    const b = pacer(time, waitsB);
    await a.wait('slack:T1:C3');
    await b.wait('slack:T1:C3');
    await a.wait('slack:T1:C3');
    time.now += 500;
    await b.wait('slack:T1:C3');
    expect(waitsA).toEqual([2200]);
    expect(waitsB).toEqual([1100, 2800]);
  });

  it('waits at most MAX_PACE_WAIT_MS for a slot far ahead (a clock that ran fast wrote it)', async () => {
    const waits: number[] = [];
    await store.paces.reserve('slack:T1:C4', new Date(9_000_000 + 3_600_000), 1100);
    await pacer({ now: 9_000_000 }, waits).wait('slack:T1:C4');
    expect(waits).toEqual([MAX_PACE_WAIT_MS]);
  });

  it('never waits, nor writes, when pacing is off', async () => {
    const off = new ChannelPacer(store.paces, 0, async () => {
      throw new Error('must not sleep');
    });
    await expect(Promise.all([off.wait('slack:T1:C5'), off.wait('slack:T1:C5')])).resolves.toBeDefined();
    expect((await store.paces.reserve('slack:T1:C5', new Date(5), 10)).getTime()).toBe(5);
  });
});

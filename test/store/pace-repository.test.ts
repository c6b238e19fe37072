/** Posting slots per channel on the real database: spaced by the interval for every caller, free again once the last slot passed. */
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';

const T = 1_770_000_000_000;

describe('pacing slots in the database', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));
  const reserve = async (key: string, now: number, interval = 1100) => (await store.paces.reserve(key, new Date(now), interval)).getTime();

  it('hands a free channel the present moment, then the slots after it one interval apart', async () => {
    expect(await reserve('slack:T1:C1', T)).toBe(T);
    expect(await reserve('slack:T1:C1', T + 100)).toBe(T + 1100);
    expect(await reserve('slack:T1:C1', T + 200)).toBe(T + 2200);
  });

  it('frees a channel once its last slot has passed', async () => {
    expect(await reserve('slack:T1:C2', T)).toBe(T);
    expect(await reserve('slack:T1:C2', T + 5000)).toBe(T + 5000);
    expect(await reserve('slack:T1:C2', T + 5000)).toBe(T + 6100);
  });

  it('keeps channels and people apart', async () => {
    expect(await reserve('slack:T1:C3', T)).toBe(T);
    expect(await reserve('slack:dm:U1', T)).toBe(T);
    expect(await reserve('teams:tenant:19:x@thread.tacv2', T)).toBe(T);
  });

  it('gives twelve reservations made at once twelve distinct slots, an interval apart', async () => {
    const slots = await Promise.all(Array.from({ length: 12 }, () => reserve('slack:T1:C4', T, 500)));
    expect([...slots].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => T + i * 500));
  });
});

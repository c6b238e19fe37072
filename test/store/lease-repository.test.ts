/** Named leases on the real database: one holder at a time, renewed by it, taken over once it ended, released at once. */
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';

const t0 = new Date('2026-03-03T08:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('leases in the database', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));

  it('gives a free lease to the first instance that asks, and refuses a second one while it runs, naming the holder', async () => {
    expect(await store.leases.acquire('first', 'a', at(0), at(90))).toEqual({ held: true, holder: 'a', expiresAt: at(90) });
    expect(await store.leases.acquire('first', 'b', at(30), at(120))).toEqual({ held: false, holder: 'a', expiresAt: at(90) });
    expect(await store.leases.acquire('first', 'b', at(89), at(179))).toEqual({ held: false, holder: 'a', expiresAt: at(90) });
  });

  it('lets its holder renew it before it ends, which keeps the others out for longer', async () => {
    await store.leases.acquire('renewed', 'a', at(0), at(90));
    expect(await store.leases.acquire('renewed', 'a', at(60), at(150))).toEqual({ held: true, holder: 'a', expiresAt: at(150) });
    expect((await store.leases.acquire('renewed', 'b', at(120), at(210))).held).toBe(false);
  });

  it('hands an ended lease to the next instance that asks, and then refuses its old holder', async () => {
    await store.leases.acquire('ended', 'a', at(0), at(90));
    expect(await store.leases.acquire('ended', 'b', at(90), at(180))).toEqual({ held: true, holder: 'b', expiresAt: at(180) });
    expect(await store.leases.acquire('ended', 'a', at(100), at(190))).toEqual({ held: false, holder: 'b', expiresAt: at(180) });
  });

  it('ends a lease at once when its holder releases it, and ignores a release by anyone else', async () => {
    await store.leases.acquire('released', 'a', at(0), at(90));
    expect(await store.leases.release('released', 'b')).toBe(false);
    expect((await store.leases.acquire('released', 'b', at(1), at(91))).held).toBe(false);
    expect(await store.leases.release('released', 'a')).toBe(true);
    expect(await store.leases.acquire('released', 'b', at(2), at(92))).toEqual({ held: true, holder: 'b', expiresAt: at(92) });
    expect(await store.leases.release('released', 'a')).toBe(false);
  });

  it('gives a brand-new lease to exactly one of eight instances asking at once', async () => {
    const states = await Promise.all(Array.from({ length: 8 }, (_, i) => store.leases.acquire('raced', `i${i}`, at(0), at(90))));
    const winners = states.filter((s) => s.held);
    expect(winners).toHaveLength(1);
    for (const s of states.filter((x) => !x.held)) expect(s.holder).toBe(winners[0]!.holder);
  });

  it('keeps leases of different names apart', async () => {
    expect((await store.leases.acquire('one', 'a', at(0), at(90))).held).toBe(true);
    expect((await store.leases.acquire('two', 'b', at(0), at(90))).held).toBe(true);
  });
});

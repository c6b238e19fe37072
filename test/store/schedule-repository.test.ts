/** The scheduler's agenda: due letters, compare-and-set moves, and the wake time that makes an idle sweep one read. */
import type { AuditEvent } from '../../src/domain/types';
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';
import { day, sampleLetter } from '../support/sample-letter';

const letter = sampleLetter;

const ackAudit = (by: string): AuditEvent => ({ at: day(2), by, action: 'acknowledged' });

describe('the scheduler\'s agenda', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));
  const due = async (at: Date) => (await store.schedule.due(at, 10)).map((e) => e.ref);

  it('makes a new letter due at its preview time, and a newly set fact due at its time', async () => {
    await store.letters.create(letter('D1', { previewed: { at: day(3), by: 'a' } }));
    expect(await due(day(2))).toEqual([]);
    expect(await due(day(3))).toEqual(['D1']);
    const entry = (await store.schedule.entry('D1'))!;
    expect(await store.schedule.reschedule('D1', day(20), entry.version)).toBe(true);
    await store.letters.setFact('D1', 'acknowledged', { at: day(8), by: 'bob' }, { absent: [], audit: ackAudit('bob') });
    expect(await due(day(7))).toEqual([]);
    expect(await due(day(8))).toEqual(['D1']);
  });

  it('lists due letters earliest first, skipping future and removed ones', async () => {
    for (const [ref, at] of [['E1', day(10)], ['E2', day(5)], ['E3', day(20)], ['E4', day(6)]] as const) {
      await store.letters.create(letter(ref));
      const entry = (await store.schedule.entry(ref))!;
      expect(await store.schedule.reschedule(ref, at, entry.version)).toBe(true);
    }
    const e4 = (await store.schedule.entry('E4'))!;
    expect(await store.schedule.reschedule('E4', null, e4.version)).toBe(true);
    expect(await store.schedule.entry('E4')).toBeNull();
    expect((await due(day(15))).filter((r) => r.startsWith('E'))).toEqual(['E2', 'E1']);
    expect((await store.schedule.due(day(15), 1)).map((e) => e.ref)).toEqual(['E2']);
  });

  it('does not move a letter later when something made it due earlier since it was read', async () => {
    await store.letters.create(letter('C1'));
    const read = (await store.schedule.entry('C1'))!;
    await store.letters.setFact('C1', 'acknowledged', { at: day(4), by: 'bob' }, { absent: [], audit: ackAudit('bob') });
    expect(await store.schedule.reschedule('C1', day(30), read.version)).toBe(false);
    expect((await store.schedule.entry('C1'))!.at).toEqual(day(1));
    const fresh = (await store.schedule.entry('C1'))!;
    expect(await store.schedule.reschedule('C1', day(30), fresh.version)).toBe(true);
    expect(await due(day(29))).not.toContain('C1');
  });

  it('keeps the wake time no later than any entry, and settles it only when nothing lowered it meanwhile', async () => {
    const before = await store.schedule.wake();
    await store.schedule.settleWake(before.version);
    const settled = await store.schedule.wake();
    const earliest = (await store.schedule.due(new Date('2100-01-01'), 100)).map((e) => e.at.getTime());
    expect(settled.at!.getTime()).toBe(Math.min(...earliest));
    await store.letters.create(letter('W1', { previewed: { at: new Date('2000-01-01T00:00:00Z'), by: 'a' } }));
    const lowered = await store.schedule.wake();
    expect(lowered.at).toEqual(new Date('2000-01-01T00:00:00Z'));
    expect(lowered.version).toBeGreaterThan(settled.version);
    await store.schedule.settleWake(settled.version);
    expect((await store.schedule.wake()).at).toEqual(new Date('2000-01-01T00:00:00Z'));
  });
});


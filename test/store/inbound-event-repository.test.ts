import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));

describe('inbound event repository', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));

  it('records an event id the first time and answers false for every retry', async () => {
    expect(await store.inbound.recordOnce('slack', 'Ev01', at(0))).toBe(true);
    expect(await store.inbound.recordOnce('slack', 'Ev01', at(1))).toBe(false);
    expect(await store.inbound.recordOnce('slack', 'Ev01', at(2))).toBe(false);
  });

  it('treats the same id on another platform as a different event', async () => {
    expect(await store.inbound.recordOnce('teams', 'Ev01', at(0))).toBe(true);
  });

  it('answers true to exactly one of many concurrent deliveries of one event', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => store.inbound.recordOnce('teams', 'act-42', at(0))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('prunes ids recorded before a cut-off, after which an id counts as new again', async () => {
    await store.inbound.recordOnce('slack', 'Ev-late', at(30));
    expect(await store.inbound.pruneBefore(at(10))).toBe(3);
    expect(await store.inbound.recordOnce('slack', 'Ev01', at(31))).toBe(true);
    expect(await store.inbound.recordOnce('slack', 'Ev-late', at(31))).toBe(false);
  });
});

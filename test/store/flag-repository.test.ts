/** Flags on the real database: their own numbering, a round trip by reference, one acknowledgement whoever races. */
import type { Flag } from '../../src/domain/flag';
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';

const flag = (ref: string): Flag => ({
  ref,
  companyKey: 'northwind',
  topics: ['surveillance'],
  summary: 'Requests for protesters’ data.',
  mandateKey: 'sr-expression',
  urgent: true,
  routing: { mandateKeys: ['sr-expression', 'sr-privacy'], toAdmins: false, matchedTopics: ['surveillance'] },
  channel: { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0NORTH' },
  raised: { at: new Date('2026-03-03T08:00:00Z'), by: 'ana' },
  threads: [],
});

describe('flags in the database', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));

  it('numbers flags in their own yearly series, apart from letters', async () => {
    expect([await store.flags.nextRef(2026), await store.flags.nextRef(2026), await store.flags.nextRef(2027)]).toEqual(['FL-2026-0001', 'FL-2026-0002', 'FL-2027-0001']);
    expect(await store.letters.nextRef(2026)).toMatch(/^PL-2026-/);
  });

  it('keeps a flag exactly as it was raised, and knows nothing of an unknown reference', async () => {
    await store.flags.create(flag('FL-2026-0100'));
    expect(await store.flags.get('FL-2026-0100')).toEqual(flag('FL-2026-0100'));
    expect(await store.flags.get('FL-2026-9999')).toBeNull();
  });

  it('records one acknowledgement when two mandate team members acknowledge at once', async () => {
    await store.flags.create(flag('FL-2026-0101'));
    const at = new Date('2026-03-03T09:00:00Z');
    const results = await Promise.all([
      store.flags.acknowledge('FL-2026-0101', { at, by: 'mara', mandateKey: 'sr-expression' }),
      store.flags.acknowledge('FL-2026-0101', { at, by: 'lin', mandateKey: 'sr-privacy' }),
    ]);
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    const kept = (await store.flags.get('FL-2026-0101'))!.acknowledged!;
    expect(results.find((r) => r.applied)!.flag!.acknowledged).toEqual(kept);
  });

  it('adds each thread the flag was posted in once', async () => {
    await store.flags.create(flag('FL-2026-0102'));
    const thread = { platform: 'teams' as const, channel: { platform: 'teams' as const, workspaceId: 't', channelId: '19:m@thread.tacv2' }, threadRef: 'teams:x', rootMessageRef: 'teams:m' };
    await store.flags.addThread('FL-2026-0102', thread);
    await store.flags.addThread('FL-2026-0102', thread);
    expect((await store.flags.get('FL-2026-0102'))!.threads).toEqual([thread]);
  });
});

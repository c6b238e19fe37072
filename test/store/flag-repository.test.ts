/** Flags on the real database: their own numbering, a round trip by reference, one acknowledgement whoever races, status lists. */
import type { Flag } from '../../src/domain/flag';
import type { Store } from '../../src/store';
import { MongoFlagRepository } from '../../src/store/flag-repository';
import { StoreConnection } from '../../src/store/store-connection';
import { testServerUri, uniqueDbName, useTestStore } from '../support/db';
import { silentLogger } from '../support/silent-logger';

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

  it('lists a company’s flags and each routed mandate’s, newest first, and the open ones until they are acknowledged', async () => {
    const refs = ['FL-2025-0900', 'FL-2026-0200', 'FL-2026-0201', 'FL-2026-0202'];
    for (const ref of refs) await store.flags.create({ ...flag(ref), companyKey: 'listed-co', routing: { mandateKeys: ['sr-listed'], toAdmins: false, matchedTopics: ['surveillance'] } });
    await store.flags.create({ ...flag('FL-2026-0203'), companyKey: 'other-co', routing: { mandateKeys: ['sr-other'], toAdmins: false, matchedTopics: [] } });
    await store.flags.acknowledge('FL-2026-0201', { at: new Date('2026-03-04T09:00:00Z'), by: 'mara', mandateKey: 'sr-listed' });

    const refsOf = (flags: Flag[]) => flags.map((f) => f.ref);
    expect(refsOf(await store.flags.list({ scope: 'company:listed-co', limit: 10 }))).toEqual(['FL-2026-0202', 'FL-2026-0201', 'FL-2026-0200', 'FL-2025-0900']);
    expect(refsOf(await store.flags.list({ scope: 'company:listed-co', limit: 2 }))).toEqual(['FL-2026-0202', 'FL-2026-0201']);
    expect(refsOf(await store.flags.list({ scope: 'mandate:sr-listed', openOnly: true, limit: 10 }))).toEqual(['FL-2026-0202', 'FL-2026-0200', 'FL-2025-0900']);
    expect(refsOf(await store.flags.list({ scope: 'mandate:sr-other', limit: 10 }))).toEqual(['FL-2026-0203']);
    expect(await store.flags.list({ scope: 'company:nobody', limit: 10 })).toEqual([]);
    expect((await store.flags.list({ scope: 'company:listed-co', limit: 1 }))[0]).toEqual(await store.flags.get('FL-2026-0202'));
  });

  it('reads a list year by year, newest first, and names a flag once however often it is listed', async () => {
    const refs = ['FL-2024-0007', 'FL-2025-0003', 'FL-2025-0004', 'FL-2026-0400'];
    const busy = (ref: string): Flag => ({ ...flag(ref), companyKey: 'busy-co', routing: { mandateKeys: [], toAdmins: true, matchedTopics: [] } });
    for (const ref of refs) await store.flags.create(busy(ref));
    expect((await store.flags.list({ scope: 'company:busy-co', limit: 3 })).map((f) => f.ref)).toEqual(['FL-2026-0400', 'FL-2025-0004', 'FL-2025-0003']);
    // A second create of one reference lists it again, then fails when it writes the flag: the list still names it once.
    await expect(store.flags.create(busy('FL-2026-0400'))).rejects.toBeDefined();
    expect((await store.flags.list({ scope: 'company:busy-co', limit: 10 })).map((f) => f.ref)).toEqual(['FL-2026-0400', 'FL-2025-0004', 'FL-2025-0003', 'FL-2024-0007']);
  });
});

describe('a flag list left behind by a crash', () => {
  let connection: StoreConnection;
  beforeAll(async () => {
    connection = new StoreConnection({ uri: testServerUri(), dbName: uniqueDbName('flag_lists'), logger: silentLogger });
    await connection.ensureOpen();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('skips a listed reference whose flag was never written, and an open entry of a flag acknowledged since', async () => {
    const flags = new MongoFlagRepository(connection);
    await flags.create(flag('FL-2026-0500'));
    await flags.create(flag('FL-2026-0501'));
    await flags.acknowledge('FL-2026-0501', { at: new Date('2026-03-04T09:00:00Z'), by: 'mara', mandateKey: 'sr-expression' });
    // As if an instance died after listing FL-2026-0502 and before writing it, and another before unlisting FL-2026-0501.
    await connection.models.flagList.updateOne({ _id: 'company:northwind' }, { $addToSet: { open: { $each: ['FL-2026-0502', 'FL-2026-0501'] } } }).exec();
    await connection.models.flagList.updateOne({ _id: 'company:northwind|2026' }, { $addToSet: { refs: 'FL-2026-0502' } }).exec();
    expect((await flags.list({ scope: 'company:northwind', limit: 1 })).map((f) => f.ref)).toEqual(['FL-2026-0501']);
    expect((await flags.list({ scope: 'company:northwind', openOnly: true, limit: 5 })).map((f) => f.ref)).toEqual(['FL-2026-0500']);
  });
});

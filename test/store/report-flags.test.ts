/**
 * What a report reads of flags from the real database: those raised in its period and every
 * flag still unacknowledged, of the mandates asked for (each naming only those of its mandates),
 * as facts only: a flag's summary, topics, channel and threads never leave the database for a report.
 */
import type { FlagReportQuery } from '../../src/bot/repositories';
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';
import { reportFlag, SECRET } from '../support/report-fixtures';

const CHANNEL = { platform: 'slack' as const, workspaceId: 'T0TEST', channelId: 'C0NORTH' };

const flags = [
  // March 2026.
  { ...reportFlag('FL-2026-0001', 'northwind', ['sr-expression', 'sr-privacy'], '2026-03-02T09:00:00Z', '2026-03-03T09:00:00Z'), urgent: true, channel: CHANNEL },
  reportFlag('FL-2026-0002', 'kestrel', ['sr-privacy'], '2026-03-10T09:00:00Z', '2026-03-11T09:00:00Z'),
  reportFlag('FL-2026-0003', 'initech', [], '2026-03-12T09:00:00Z', undefined),
  // Before the period: one still unacknowledged (it may await one now), one acknowledged.
  reportFlag('FL-2025-0001', 'northwind', ['sr-expression'], '2025-06-02T09:00:00Z'),
  reportFlag('FL-2025-0002', 'northwind', ['sr-expression'], '2025-06-02T09:00:00Z', '2025-06-03T09:00:00Z'),
  // After the period, acknowledged: not read.
  reportFlag('FL-2026-0009', 'northwind', ['sr-expression'], '2026-04-02T09:00:00Z', '2026-04-03T09:00:00Z'),
];

describe('the flags a report reads', () => {
  let store!: Store;
  useTestStore((s) => (store = s));
  beforeAll(async () => {
    for (const flag of flags) await store.flags.create(flag);
  });
  const period = { raisedFrom: new Date('2026-03-01T00:00:00Z'), raisedBefore: new Date('2026-04-01T00:00:00Z') };
  const refs = async (query: FlagReportQuery) => (await store.flags.forReport(query)).map((f) => f.ref).sort();

  it('are those raised from the first instant up to, not including, the last, and every flag still unacknowledged', async () => {
    expect(await refs(period)).toEqual(['FL-2025-0001', 'FL-2026-0001', 'FL-2026-0002', 'FL-2026-0003']);
    expect(await refs({ raisedFrom: new Date('2026-03-02T09:00:00Z'), raisedBefore: new Date('2026-03-10T09:00:00Z') })).toEqual(['FL-2025-0001', 'FL-2026-0001', 'FL-2026-0003']);
  });

  it('are only flags routed to the asked mandates when a mandate team asks, each naming only those mandates; none for no mandate', async () => {
    const privacy = await store.flags.forReport({ ...period, mandateKeys: ['sr-privacy'] });
    expect(privacy.map((f) => [f.ref, f.mandateKeys]).sort()).toEqual([
      ['FL-2026-0001', ['sr-privacy']],
      ['FL-2026-0002', ['sr-privacy']],
    ]);
    expect(await refs({ ...period, mandateKeys: ['sr-expression'] })).toEqual(['FL-2025-0001', 'FL-2026-0001']);
    expect(await refs({ ...period, mandateKeys: [] })).toEqual([]);
  });

  it('are every flag when an admin asks, with every mandate it went to, and those that went to the admins', async () => {
    const all = await store.flags.forReport(period);
    expect(all.find((f) => f.ref === 'FL-2026-0001')!.mandateKeys).toEqual(['sr-expression', 'sr-privacy']);
    expect(all.find((f) => f.ref === 'FL-2026-0003')).toMatchObject({ mandateKeys: [], toAdmins: true });
  });

  it('come as facts only, never with their summary, topics, channel or threads', async () => {
    const read = await store.flags.forReport(period);
    expect(read.find((f) => f.ref === 'FL-2026-0001')).toEqual({
      kind: 'flag',
      ref: 'FL-2026-0001',
      companyKey: 'northwind',
      urgent: true,
      mandateKeys: ['sr-expression', 'sr-privacy'],
      toAdmins: false,
      raised: { at: new Date('2026-03-02T09:00:00Z'), by: 'ana' },
      acknowledged: { at: new Date('2026-03-03T09:00:00Z'), by: 'mara', mandateKey: 'sr-expression' },
    });
    expect(JSON.stringify(read)).not.toContain(SECRET);
  });
});

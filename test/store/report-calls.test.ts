/**
 * What a report reads of calls for input from the real database: those published in its period
 * and every call not closed whose deadline has passed, of the mandates asked for, as facts only:
 * a call's title, link, topics, owners and who answered never leave the database for a report.
 */
import type { CallReportQuery } from '../../src/bot/repositories';
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';
import { reportCall, SECRET } from '../support/report-fixtures';

const calls = [
  // March 2026: one answered (first "will contribute", then "submitted"), one of another mandate, one closed in the period.
  reportCall('CI-2026-0001', '2026-03-02T09:00:00Z', '2026-03-31', {
    northwind: [
      ['contribute', '2026-03-03T09:00:00Z'],
      ['submitted', '2026-03-20T09:00:00Z'],
    ],
    kestrel: [],
  }),
  reportCall('CI-2026-0002', '2026-03-10T09:00:00Z', '2026-04-30', { kestrel: [['declined', '2026-03-11T09:00:00Z']] }, { mandateKey: 'sr-privacy' }),
  reportCall('CI-2026-0003', '2026-03-12T09:00:00Z', '2026-04-30', { northwind: [] }, { closed: '2026-03-13T09:00:00Z' }),
  // Before the period: one past its deadline and still open (it may miss an answer now), one closed, one whose deadline is after now.
  reportCall('CI-2025-0001', '2025-06-02T09:00:00Z', '2025-07-31', { northwind: [] }),
  reportCall('CI-2025-0002', '2025-06-02T09:00:00Z', '2025-07-31', { northwind: [] }, { closed: '2025-08-01T09:00:00Z' }),
  reportCall('CI-2026-0000', '2026-02-20T09:00:00Z', '2026-05-31', { northwind: [] }),
  // After the period, still before its deadline: not read.
  reportCall('CI-2026-0009', '2026-04-02T09:00:00Z', '2026-04-30', { northwind: [] }),
];

describe('the calls for input a report reads', () => {
  let store!: Store;
  useTestStore((s) => (store = s));
  beforeAll(async () => {
    for (const call of calls) await store.calls.create(call);
  });
  const period: CallReportQuery = { publishedFrom: new Date('2026-03-01T00:00:00Z'), publishedBefore: new Date('2026-04-01T00:00:00Z'), now: new Date('2026-04-10T09:00:00Z') };
  const refs = async (query: CallReportQuery) => (await store.calls.forReport(query)).map((c) => c.ref).sort();

  it('are those published from the first instant up to, not including, the last, and every call still open past its deadline', async () => {
    expect(await refs(period)).toEqual(['CI-2025-0001', 'CI-2026-0001', 'CI-2026-0002', 'CI-2026-0003']);
    expect(await refs({ ...period, publishedFrom: new Date('2026-03-02T09:00:00Z'), publishedBefore: new Date('2026-03-10T09:00:00Z') })).toEqual(['CI-2025-0001', 'CI-2026-0001']);
    expect(await refs({ ...period, now: new Date('2026-06-01T09:00:00Z') })).toEqual(['CI-2025-0001', 'CI-2026-0000', 'CI-2026-0001', 'CI-2026-0002', 'CI-2026-0003', 'CI-2026-0009']);
  });

  it("are only the asked mandates' calls when a mandate team asks, each with every company it went to; none for no mandate", async () => {
    expect(await refs({ ...period, mandateKeys: ['sr-privacy'] })).toEqual(['CI-2026-0002']);
    const expression = await store.calls.forReport({ ...period, mandateKeys: ['sr-expression'] });
    expect(expression.map((c) => [c.ref, c.recipients.map((r) => r.companyKey)]).sort()).toEqual([
      ['CI-2025-0001', ['northwind']],
      ['CI-2026-0001', ['northwind', 'kestrel']],
      ['CI-2026-0003', ['northwind']],
    ]);
    expect(await refs({ ...period, mandateKeys: [] })).toEqual([]);
  });

  it("come as facts only: each company's first and latest answer, never the title, link, topics, owners or who answered", async () => {
    const read = await store.calls.forReport(period);
    expect(read.find((c) => c.ref === 'CI-2026-0001')).toEqual({
      kind: 'call',
      ref: 'CI-2026-0001',
      mandateKey: 'sr-expression',
      deadline: new Date('2026-03-31T21:59:59.999Z'),
      published: { at: new Date('2026-03-02T09:00:00Z'), by: 'mara' },
      recipients: [
        { companyKey: 'northwind', first: { answer: 'contribute', at: new Date('2026-03-03T09:00:00Z') }, latest: { answer: 'submitted', at: new Date('2026-03-20T09:00:00Z') } },
        { companyKey: 'kestrel' },
      ],
    });
    expect(read.find((c) => c.ref === 'CI-2026-0003')).toMatchObject({ closed: { at: new Date('2026-03-13T09:00:00Z'), by: 'mara' } });
    const text = JSON.stringify(read);
    for (const hidden of [SECRET, 'https://', 'content-moderation', '"ana"']) expect(text).not.toContain(hidden);
  });
});

/**
 * What a report reads from the real database: the letters previewed in its period and every
 * letter still awaiting its reply, of the mandates asked for, as facts only: a letter's text,
 * routing, threads and audit trail never leave the database for a report.
 */
import type { Letter } from '../../src/domain/types';
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';
import { day, sampleLetter } from '../support/sample-letter';

/** Letters of March 2026 (sample-letter's month); `n` is the day of the month. */
const letters: Letter[] = [
  sampleLetter('PL-2026-0001', { previewed: { at: day(1), by: 'alice' } }),
  sampleLetter('PL-2026-0002', { previewed: { at: day(10), by: 'alice' }, formalSent: { at: day(11), by: 'alice' }, acknowledged: { at: day(10), by: 'bob' } }),
  sampleLetter('PL-2026-0003', { previewed: { at: day(20), by: 'alice' }, mandateKey: 'sr-expression' }),
  // Before the period: one still awaiting its reply (it may be overdue now), one replied, one withdrawn.
  sampleLetter('PL-2025-0001', { previewed: { at: new Date('2025-06-01T09:00:00Z'), by: 'alice' }, formalSent: { at: new Date('2025-06-02T09:00:00Z'), by: 'alice' } }),
  sampleLetter('PL-2025-0002', { previewed: { at: new Date('2025-06-01T09:00:00Z'), by: 'alice' }, formalSent: { at: new Date('2025-06-02T09:00:00Z'), by: 'alice' }, replied: { at: new Date('2025-07-01T09:00:00Z'), by: 'alice' } }),
  sampleLetter('PL-2025-0003', { previewed: { at: new Date('2025-06-01T09:00:00Z'), by: 'alice' }, formalSent: { at: new Date('2025-06-02T09:00:00Z'), by: 'alice' }, withdrawn: { at: new Date('2025-06-03T09:00:00Z'), by: 'alice' } }),
];

describe('the letters a report reads', () => {
  let store!: Store;
  useTestStore((s) => (store = s));
  beforeAll(async () => {
    for (const letter of letters) await store.letters.create(letter);
  });
  const period = { previewedFrom: day(1), previewedBefore: day(20) };
  const refs = async (query: Parameters<Store['letters']['forReport']>[0]) => (await store.letters.forReport(query)).map((l) => l.ref).sort();

  it('are those previewed from the first instant up to, not including, the last, and every letter still awaiting its reply', async () => {
    expect(await refs(period)).toEqual(['PL-2025-0001', 'PL-2026-0001', 'PL-2026-0002']);
  });

  it("are only the asked mandates' letters when a mandate team asks, and none for no mandate", async () => {
    expect(await refs({ previewedFrom: day(1), previewedBefore: day(31), mandateKeys: ['sr-expression'] })).toEqual(['PL-2026-0003']);
    expect(await refs({ ...period, mandateKeys: ['sr-privacy', 'sr-expression'] })).toEqual(['PL-2025-0001', 'PL-2026-0001', 'PL-2026-0002']);
    expect(await refs({ ...period, mandateKeys: [] })).toEqual([]);
  });

  it('come as facts only, never with their text, routing, threads or audit trail', async () => {
    const read = (await store.letters.forReport(period)).find((l) => l.ref === 'PL-2026-0002');
    expect(read).toEqual({
      kind: 'letter',
      ref: 'PL-2026-0002',
      mandateKey: 'sr-privacy',
      companyKey: 'acme',
      previewed: { at: day(10), by: 'alice' },
      acknowledged: { at: day(10), by: 'bob' },
      formalSent: { at: day(11), by: 'alice' },
    });
  });
});

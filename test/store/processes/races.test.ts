/**
 * The guarantees the store relies on, kept by the database server for every client:
 * each test runs its racers as separate operating-system processes (at least three),
 * each with its own connection to one server (the embedded one, or MONGODB_URI).
 */
import type { Letter } from '../../../src/domain/types';
import type { Store } from '../../../src/store';
import { closeTestStore, openTestStore, uniqueDbName } from '../../support/db';
import { TEST_DIRECTORY } from '../../support/test-directory';
import { raceInProcesses } from './workers';

const at = new Date('2026-03-03T08:00:00Z');

function letter(ref: string, overrides: Partial<Letter> = {}): Letter {
  return {
    ref,
    type: 'UA',
    urgent: true,
    mandateKey: 'sr-expression',
    companyKey: 'northwind',
    topics: ['content-moderation'],
    summary: 'S.',
    routing: { owners: ['ana', 'wei', 'dana'], backups: ['bea'], escalation: ['eli'], unrouted: false, matchedTopics: [] },
    previewed: { at, by: 'mara' },
    threads: [],
    audit: [{ at, by: 'mara', action: 'previewed' }],
    ...overrides,
  };
}

describe('separate processes racing on one database server', () => {
  let store: Store;
  let dbName: string;
  beforeEach(async () => {
    dbName = uniqueDbName('procs');
    store = await openTestStore(dbName);
  });
  afterEach(async () => closeTestStore(store));

  it('lets exactly one of 15 acknowledgements from three processes through, with one audit entry', async () => {
    await store.letters.create(letter('PL-2026-0001'));
    const results = await raceInProcesses<{ applied: number }>(dbName, ['a', 'b', 'c'].map((by) => ({ kind: 'acknowledge' as const, ref: 'PL-2026-0001', by, attempts: 5 })));
    expect(results.reduce((n, r) => n + r.applied, 0)).toBe(1);
    const stored = (await store.letters.get('PL-2026-0001'))!;
    expect(stored.audit.filter((e) => e.action === 'acknowledged')).toHaveLength(1);
    expect(stored.acknowledged!.by).toBe(stored.audit.find((e) => e.action === 'acknowledged')!.by);
  }, 60_000);

  it('hands 50 concurrent reference allocations from three processes 50 distinct, consecutive references', async () => {
    const results = await raceInProcesses<{ refs: string[] }>(dbName, [17, 17, 16].map((count) => ({ kind: 'next-ref' as const, year: 2026, count })));
    const refs = results.flatMap((r) => r.refs).sort();
    expect(refs).toEqual(Array.from({ length: 50 }, (_, i) => `PL-2026-${String(i + 1).padStart(4, '0')}`));
  }, 60_000);

  it('keeps all 20 timeline entries appended at once by four processes', async () => {
    await store.letters.create(letter('PL-2026-0002'));
    await raceInProcesses(dbName, ['w', 'x', 'y', 'z'].map((tag) => ({ kind: 'append-audit' as const, ref: 'PL-2026-0002', count: 5, tag })));
    const details = (await store.letters.get('PL-2026-0002'))!.audit.filter((e) => e.action === 'posted').map((e) => e.detail).sort();
    expect(details).toHaveLength(20);
    expect(new Set(details).size).toBe(20);
  }, 60_000);

  it('delivers each of 2,000 due reminders exactly once when three scheduler processes sweep together', async () => {
    await store.directory.apply(TEST_DIRECTORY);
    for (let chunk = 0; chunk < 400; chunk += 25) {
      await Promise.all(Array.from({ length: 25 }, async () => store.letters.create(letter(await store.letters.nextRef(2026)))));
    }
    const now = new Date(at.getTime() + 9 * 3_600_000).toISOString();
    const results = await raceInProcesses<{ sent: string[]; reported: number }>(dbName, ['a', 'b', 'c'].map((instanceId) => ({ kind: 'sweep' as const, instanceId, now })));
    const sent = results.flatMap((r) => r.sent);
    expect(sent).toHaveLength(2_000);
    expect(new Set(sent).size).toBe(2_000);
    expect(results.reduce((n, r) => n + r.reported, 0)).toBe(2_000);
    // Each process did part of the work: the claims, not a queue, kept them apart.
    expect(results.filter((r) => r.sent.length > 0).length).toBeGreaterThanOrEqual(2);
  }, 240_000);

  it('keeps the directory whole and every lookup answering while three processes import it at once', async () => {
    await store.directory.apply(TEST_DIRECTORY);
    const imports = raceInProcesses(dbName, [1, 2, 3].map(() => ({ kind: 'import' as const, directory: TEST_DIRECTORY, rounds: 3 })));
    const lookups: Array<string | null> = [];
    let running = true;
    const reader = (async () => {
      while (running) lookups.push((await store.directory.findPersonByIdentity({ platform: 'slack', workspaceId: 'T0TEST', userId: 'U0ANA' }))?.key ?? null);
    })();
    await imports;
    running = false;
    await reader;
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.every((k) => k === 'ana')).toBe(true);
    expect(await store.directory.exportAll()).toEqual({
      people: [...TEST_DIRECTORY.people].sort((a, b) => a.key.localeCompare(b.key)),
      mandates: TEST_DIRECTORY.mandates,
      companies: [...TEST_DIRECTORY.companies].sort((a, b) => a.key.localeCompare(b.key)),
    });
  }, 120_000);
});

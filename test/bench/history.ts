/**
 * What PreLetter costs on the embedded database as history grows: two databases on
 * one embedded server, seeded as years of use leave them (1,000 letters with 50 open,
 * and 10,000 with 500 open, every delivery record kept, a flag for every ten letters
 * and a call for input for every fifty), then the same figures for both, side by side with their ratio: a command's
 * status answer, the report, the idle sweep, one sweep with 1,000 due reminders, and
 * single operations (use cases called directly, with a recording platform).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acknowledge } from '../../src/bot/acknowledge';
import type { BotDeps } from '../../src/bot/deps';
import { previewLetter } from '../../src/bot/preview-letter';
import { report } from '../../src/bot/report';
import { status } from '../../src/bot/status';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { silentLogger } from '../support/silent-logger';
import { openStore, type Store } from '../../src/store';
import { sweep } from '../../src/scheduler/sweep';
import { startEmbeddedServer } from '../../src/store/embedded/launcher';
import { storeDeps, testDeliverySettings } from '../support/bot-harness';
import { RecordingPlatform } from '../support/recording-platform';
import { SimulatedClock } from '../support/simulated-clock';
import { NORTHWIND_CHANNEL, TEST_DIRECTORY, USERS } from '../support/test-directory';
import { seed, seedDeliveries, seedLetter, type SeedPlan } from './seed';
import { samples, time, type Row } from './stats';

const PLANS: Array<[string, SeedPlan]> = [
  ['1k', { letters: 1_000, open: 50 }],
  ['10k', { letters: 10_000, open: 500 }],
];
const DUE_LETTERS = 200;

/** One database's figures, by name. */
export type Figures = Record<string, number>;

async function measure(store: Store, uri: string, dbName: string, plan: SeedPlan, log: (line: string) => void): Promise<Figures> {
  const clock = new SimulatedClock('2026-03-03T08:00:00Z');
  const slack = new RecordingPlatform('slack');
  const deps: BotDeps = { ...storeDeps(store), platforms: { slack }, clock, policy: DEFAULT_POLICY, delivery: testDeliverySettings('bench'), logger: silentLogger };
  await store.directory.apply(TEST_DIRECTORY);
  const seeding = await time(() => seed(store, uri, dbName, plan, clock.now()));
  const settling = await time(() => sweep(deps, { batchSize: 200, full: true }));
  log(`  seeded ${plan.letters} letters (${plan.open} open) in ${(seeding / 1000).toFixed(1)} s; first sweep planned them in ${(settling / 1000).toFixed(1)} s`);
  // Warm up (JIT, connection pool, formatters) so the first database measured is not the slower one for that alone.
  for (let i = 0; i < 10; i += 1) await status(deps, { actor: USERS.mara });
  const f: Figures = {};
  // Oldest, middle and newest: a lookup that scans would cost more the later the letter was written.
  const last = plan.letters - 1;
  const oldRefs = ['PL-2016-00001', `PL-${2016 + Math.floor(last / 2000)}-${String(((last >> 1) % 1000) + 1).padStart(5, '0')}`, `PL-${2016 + Math.floor(last / 1000)}-${String((last % 1000) + 1).padStart(5, '0')}`];
  f['store: read a letter by reference (p50 ms)'] = await samples(200, (i) => store.letters.get(oldRefs[i % oldRefs.length]!));
  const threadOf = (i: number) => `slack:T0TEST:C0NORTH:${1_700_000_000 + (2016 + Math.floor(i / 1000)) * 100_000 + (i % 1000) + 1}.000100`;
  f['store: find a letter by its thread (p50 ms)'] = await samples(100, (i) => store.letters.findByThread(threadOf(i % 2 === 0 ? 0 : last)));
  // The figures above must have found what they looked for.
  for (const ref of oldRefs) if (!(await store.letters.get(ref))) throw new Error(`bench: ${ref} not found`);
  for (const i of [0, last]) if (!(await store.letters.findByThread(threadOf(i)))) throw new Error(`bench: thread of letter ${i} not found`);
  f['store: who is this account (p50 ms)'] = await samples(100, () => store.directory.findPersonByIdentity(USERS.ana));
  f['status list, mandate team (p50 ms)'] = await samples(30, () => status(deps, { actor: USERS.mara }));
  f['status list, admin (p50 ms)'] = await samples(30, () => status(deps, { actor: USERS.root }));
  f['status by company, company lead (p50 ms)'] = await samples(30, () => status(deps, { actor: USERS.dana, company: 'Northwind' }));
  // The record over the last 12 months (letters, flags and calls): a mandate team's own, and an admin's of every mandate.
  f['report, mandate team (p50 ms)'] = await samples(5, () => report(deps, { actor: USERS.mara }));
  f['report, admin, every mandate (p50 ms)'] = await samples(5, () => report(deps, { actor: USERS.root }));
  // The report must have counted the seeded flags and calls, some of them awaiting acknowledgement or an answer.
  const recorded = await report(deps, { actor: USERS.mara });
  if (!/\d+ flags · .* [1-9]\d* awaiting now/.test(recorded.fields[0]?.value ?? '')) throw new Error('bench: the report counted no seeded flags');
  if (!/[1-9]\d* calls for input to \d+ companies · .* [1-9]\d* unanswered now/.test(recorded.fields[0]?.value ?? '')) throw new Error('bench: the report counted no seeded calls');
  f['status of one letter (p50 ms)'] = await samples(30, () => status(deps, { actor: USERS.mara, ref: 'PL-2016-00001' }));
  f['idle sweep (p50 ms)'] = await samples(30, () => sweep(deps, { batchSize: 200 }));
  const refs: string[] = [];
  f['preview a letter, published (p50 ms)'] = await samples(30, async () => {
    const { letter } = await previewLetter(deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'Benchmark letter.', urgent: false });
    refs.push(letter.ref);
  });
  f['acknowledge (p50 ms)'] = await samples(30, (i) => acknowledge(deps, { actor: USERS.ana, ref: refs[i]! }));

  // 200 urgent letters, posted, previewed 9 hours ago: each owes 5 reminders (3 owners, a backup, an escalation).
  const previewedAt = clock.now();
  const raw = (await import('mongoose')).default;
  const conn = await raw.createConnection(uri, { dbName }).asPromise();
  for (let i = 0; i < DUE_LETTERS; i += 1) {
    const ref = await store.letters.nextRef(2040);
    const base = seedLetter(ref, previewedAt, false, i);
    const letter = { ...base, ref, type: 'UA' as const, urgent: true, acknowledged: undefined, formalSent: undefined, routing: { ...base.routing, owners: ['ana', 'wei', 'dana'] }, audit: base.audit.slice(0, 3) };
    await store.letters.create(letter);
    const published = seedDeliveries(letter).filter((d) => ['post-root', 'thread-intro', 'owner-dm'].includes(String(d.kind)));
    await conn.db!.collection('deliveries').insertMany([...published, { ...published[2]!, _id: `${ref}:owner-dm:1:dana`, key: `${ref}:owner-dm:1:dana`, recipientKey: 'dana' }] as never[]);
  }
  await conn.close();
  clock.advanceHours(9);
  slack.calls.length = 0;
  const swept = await time(() => sweep(deps, { batchSize: 200 }));
  const reminders = slack.of('sendDirect').length;
  const posts = slack.of('postInThread').length;
  f[`sweep with ${reminders} reminders + ${posts} thread posts (s)`] = swept / 1000;
  f['  cost per delivery in that sweep (ms)'] = swept / (reminders + posts);
  return f;
}

/** Rows: each figure for 1k and 10k letters, and their ratio. */
export async function measureHistory(log: (line: string) => void): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-bench-'));
  const server = await startEmbeddedServer({ dataDir, logger: silentLogger });
  const results: Figures[] = [];
  try {
    for (const [name, plan] of PLANS) {
      log(`  seeding and measuring ${name}…`);
      const dbName = `bench_${name}`;
      const store = await openStore({ uri: server.uri, dbName, logger: silentLogger });
      try {
        results.push(await measure(store, server.uri, dbName, plan, log));
      } finally {
        await store.dropDatabase();
        await store.close();
      }
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const [small, large] = results as [Figures, Figures];
  const smallKeys = Object.keys(small);
  // Keys differ only where a count is in the name (reminders swept): pair them by position.
  return Object.keys(large).map((key, i): Row => {
    const x = small[smallKeys[i]!]!;
    const y = large[key]!;
    return [key, x, y, y / x];
  });
}

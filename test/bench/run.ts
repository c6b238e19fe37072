/**
 * `npm run bench`: measures the core paths on the real embedded database and
 * prints numbers (never asserted by unit tests). Run on an idle machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BotDeps } from '../../src/bot/deps';
import { previewLetter } from '../../src/bot/preview-letter';
import { status } from '../../src/bot/status';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { planDeliveries } from '../../src/domain/schedule';
import { resolveRouting } from '../../src/domain/routing';
import { silentLogger } from '../../src/logger';
import { openStore } from '../../src/store';
import { DEFAULT_SWEEP_OPTIONS, sweep } from '../../src/scheduler/sweep';
import { startEmbeddedServer } from '../../src/store/embedded/launcher';
import { storeDeps, testDeliverySettings } from '../support/bot-harness';
import { RecordingPlatform } from '../support/recording-platform';
import { SimulatedClock } from '../support/simulated-clock';
import { NORTHWIND_CHANNEL, TEST_DIRECTORY, USERS } from '../support/test-directory';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(name: string, samples: number[]): void {
  const total = samples.reduce((a, b) => a + b, 0);
  process.stdout.write(
    `${name.padEnd(44)} n=${String(samples.length).padStart(5)}  p50=${percentile(samples, 50).toFixed(2)} ms  p95=${percentile(samples, 95).toFixed(2)} ms  total=${total.toFixed(0)} ms\n`,
  );
}

async function time<T>(fn: () => Promise<T> | T): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-bench-'));
  const server = await startEmbeddedServer({ dataDir, logger: silentLogger });
  const store = await openStore({ uri: server.uri, dbName: 'bench', logger: silentLogger });
  try {
    await store.directory.apply(TEST_DIRECTORY);
    const slack = new RecordingPlatform('slack');
    const clock = new SimulatedClock('2026-03-03T08:00:00Z');
    const deps: BotDeps = { ...storeDeps(store), platforms: { slack }, clock, policy: DEFAULT_POLICY, delivery: testDeliverySettings('bench'), logger: silentLogger };
    const northwind = TEST_DIRECTORY.companies[0]!;

    const routing: number[] = [];
    for (let i = 0; i < 5; i += 1) routing.push(await time(() => { for (let j = 0; j < 10_000; j += 1) resolveRouting(northwind, ['content-moderation'], j % 2 === 0); }));
    report('domain: resolveRouting x10k', routing);

    const previews: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      previews.push(await time(() => previewLetter(deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'Benchmark letter.', urgent: false })));
    }
    report('use case: previewLetter (store + platform)', previews);

    const letter = (await store.letters.get('PL-2026-0001'))!;
    const people = new Map(TEST_DIRECTORY.people.map((p) => [p.key, p]));
    const ctx = { policy: DEFAULT_POLICY, mandate: TEST_DIRECTORY.mandates[0]!, company: northwind, people };
    const sent = { ...letter, formalSent: { at: new Date('2026-03-05T10:00:00Z'), by: 'mara' } };
    const plans: number[] = [];
    for (let i = 0; i < 5; i += 1) plans.push(await time(() => { for (let j = 0; j < 1_000; j += 1) planDeliveries(sent, ctx, new Date('2026-06-01T00:00:00Z')); }));
    report('domain: planDeliveries over 90 days x1k (same letter)', plans);
    const distinct: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      distinct.push(await time(() => {
        for (let j = 0; j < 1_000; j += 1) {
          const at = new Date(Date.UTC(2027 + i, 0, 1) + j * 3_600_000 * 7);
          planDeliveries({ ...letter, previewed: { at, by: 'mara' }, formalSent: { at, by: 'mara' } }, ctx, new Date(at.getTime() + 90 * 86_400_000));
        }
      }));
    }
    report('domain: planDeliveries x1k distinct letters', distinct);

    const refs: number[] = [];
    for (let i = 0; i < 5; i += 1) refs.push(await time(() => Promise.all(Array.from({ length: 50 }, () => store.letters.nextRef(2030 + i)))));
    report('store: 50 concurrent nextRef', refs);

    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push(await time(() => status(deps, { actor: USERS.mara })));
    report('use case: status list (25 of 200 letters)', statuses);

    // One sweep over 200 urgent letters previewed 9 hours ago: 5 due reminders each, no threads.
    const urgentRouting = { owners: ['ana', 'wei', 'dana'], backups: ['bea'], escalation: ['eli'], unrouted: false, matchedTopics: [] };
    const previewedAt = clock.now();
    for (let i = 0; i < 200; i += 1) {
      const ref = await store.letters.nextRef(2040);
      await store.letters.create({ ...letter, ref, type: 'UA', urgent: true, routing: urgentRouting, previewed: { at: previewedAt, by: 'mara' }, formalSent: undefined, acknowledged: undefined, threads: [], audit: [] });
    }
    clock.advanceHours(9);
    slack.calls.length = 0;
    const swept = await time(() => sweep(deps, DEFAULT_SWEEP_OPTIONS));
    report(`scheduler: one sweep, ${slack.of('sendDirect').length} reminders`, [swept]);

    const mem = process.memoryUsage();
    process.stdout.write(`memory: rss=${(mem.rss / 2 ** 20).toFixed(0)} MiB heapUsed=${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB\n`);
  } finally {
    await store.dropDatabase();
    await store.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();

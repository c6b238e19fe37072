/**
 * One OS process of the race tests: `tsx store-worker.ts <job as JSON>` opens its own
 * store on the test server, waits for the start line on stdin (so every process
 * begins together), does its job, prints one JSON line with what it did, and exits.
 * The jobs are what separate bot instances (or the directory command) do at once.
 */
import { createInterface } from 'node:readline';
import type { BotDeps } from '../../../src/bot/deps';
import { DEFAULT_POLICY } from '../../../src/domain/policy';
import type { Directory } from '../../../src/domain/types';
import { silentLogger } from '../../support/silent-logger';
import { sweep } from '../../../src/scheduler/sweep';
import { openStore } from '../../../src/store';
import { storeDeps, testDeliverySettings } from '../../support/bot-harness';
import { RecordingPlatform } from '../../support/recording-platform';
import { SimulatedClock } from '../../support/simulated-clock';

/** What the parent asks a worker to do. */
export type Job =
  | { kind: 'acknowledge'; ref: string; by: string; attempts: number }
  | { kind: 'next-ref'; year: number; count: number }
  | { kind: 'append-audit'; ref: string; count: number; tag: string }
  | { kind: 'sweep'; instanceId: string; now: string }
  | { kind: 'import'; directory: Directory; rounds: number };

async function run(job: Job & { uri: string; dbName: string }): Promise<unknown> {
  const store = await openStore({ uri: job.uri, dbName: job.dbName, logger: silentLogger });
  await store.ping();
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
  try {
    switch (job.kind) {
      case 'acknowledge': {
        const at = new Date('2026-03-04T09:00:00Z');
        const results = await Promise.all(
          Array.from({ length: job.attempts }, (_, i) =>
            store.letters.setFact(job.ref, 'acknowledged', { at, by: `${job.by}-${i}` }, { absent: ['withdrawn'], audit: { at, by: `${job.by}-${i}`, action: 'acknowledged' } }),
          ),
        );
        return { applied: results.filter((r) => r.applied).length };
      }
      case 'next-ref':
        return { refs: await Promise.all(Array.from({ length: job.count }, () => store.letters.nextRef(job.year))) };
      case 'append-audit':
        await Promise.all(
          Array.from({ length: job.count }, (_, i) =>
            store.letters.appendAudit(job.ref, { at: new Date('2026-03-04T09:00:00Z'), by: 'system', action: 'posted', detail: `${job.tag}-${i}` }),
          ),
        );
        return { appended: job.count };
      case 'sweep': {
        const clock = new SimulatedClock(job.now);
        const slack = new RecordingPlatform('slack', clock);
        const deps: BotDeps = { ...storeDeps(store), platforms: { slack }, clock, policy: DEFAULT_POLICY, delivery: testDeliverySettings(job.instanceId), logger: silentLogger };
        const report = await sweep(deps, { batchSize: 50, full: true });
        const sent = slack.of('sendDirect').map((c) => `${c.card.fields[0]!.value.split(' ')[0]}|${c.user.userId}|${c.card.title}`);
        return { sent, reported: report.sent };
      }
      case 'import': {
        for (let i = 0; i < job.rounds; i += 1) await store.directory.apply(job.directory);
        return { rounds: job.rounds };
      }
    }
  } finally {
    await store.close();
  }
}

run(JSON.parse(process.argv[2]!) as Job & { uri: string; dbName: string }).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);

/**
 * Database round trips of one preview and one status answer: the use cases run on a
 * store whose connection goes through the counting relay (wire-count.ts), with a
 * recording platform, and every command the store sends is listed. `npm run bench`
 * prints the counts; `tsx test/bench/round-trips.ts` also lists the commands in order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BotDeps } from '../../src/bot/deps';
import { previewLetter } from '../../src/bot/preview-letter';
import { status } from '../../src/bot/status';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { openStore } from '../../src/store';
import { startEmbeddedServer } from '../../src/store/embedded/launcher';
import { storeDeps, testDeliverySettings } from '../support/bot-harness';
import { RecordingPlatform } from '../support/recording-platform';
import { silentLogger } from '../support/silent-logger';
import { SimulatedClock } from '../support/simulated-clock';
import { NORTHWIND_CHANNEL, TEST_DIRECTORY, USERS } from '../support/test-directory';
import { WireCounter, WRITE_COMMANDS, type WireCommand } from './wire-count';

/** What one use case sent to the database. */
export interface RoundTrips {
  total: number;
  writes: number;
  /** Milliseconds the server took over all of them. */
  serverMs: number;
  commands: WireCommand[];
}

function summarize(commands: WireCommand[]): RoundTrips {
  return {
    total: commands.length,
    writes: commands.filter((c) => WRITE_COMMANDS.has(c.name)).length,
    serverMs: commands.reduce((sum, c) => sum + c.ms, 0),
    commands: [...commands],
  };
}

/** Round trips of the 6th preview and status answer in a fresh database (the first ones warm caches). */
export async function countRoundTrips(): Promise<{ preview: RoundTrips; status: RoundTrips }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-bench-trips-'));
  const server = await startEmbeddedServer({ dataDir, logger: silentLogger });
  const counter = await WireCounter.start(server.port);
  const store = await openStore({ uri: `${counter.uri}bench_trips`, logger: silentLogger });
  try {
    await store.directory.apply(TEST_DIRECTORY);
    const clock = new SimulatedClock('2026-03-03T08:00:00Z');
    const slack = new RecordingPlatform('slack', clock);
    const deps: BotDeps = { ...storeDeps(store), platforms: { slack }, clock, policy: DEFAULT_POLICY, delivery: testDeliverySettings('bench'), logger: silentLogger };
    const preview = () => previewLetter(deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'Benchmark letter.', urgent: false });
    for (let i = 0; i < 5; i += 1) await preview();
    counter.reset();
    await preview();
    const previewTrips = summarize(counter.commands);
    for (let i = 0; i < 5; i += 1) await status(deps, { actor: USERS.mara });
    counter.reset();
    await status(deps, { actor: USERS.mara });
    return { preview: previewTrips, status: summarize(counter.commands) };
  } finally {
    await store.dropDatabase();
    await store.close();
    await counter.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void countRoundTrips().then(({ preview, status: answer }) => {
    for (const [name, trips] of [['preview', preview], ['status', answer]] as const) {
      process.stdout.write(`${name}: ${trips.total} round trips, ${trips.writes} writes, ${trips.serverMs.toFixed(1)} ms at the server\n`);
      for (const c of trips.commands) process.stdout.write(`  ${c.name.padEnd(14)} ${c.collection.padEnd(22)} ${c.ms.toFixed(2)} ms\n`);
    }
  });
}

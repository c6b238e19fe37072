/** Use cases wired to the real database, a recording platform and a simulated clock. */
import type { BotDeps } from '../../src/bot/deps';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { silentLogger } from '../../src/logger';
import type { Store } from '../../src/store';
import { closeTestStore, openTestStore, uniqueDbName } from './db';
import { RecordingPlatform } from './recording-platform';
import { SimulatedClock } from './simulated-clock';
import { TEST_DIRECTORY } from './test-directory';

/** One test file's world: store on a fresh database, the test directory loaded. */
export interface BotHarness {
  store: Store;
  /** The test database's name, so a test can open more connections to it (more bot instances). */
  dbName: string;
  slack: RecordingPlatform;
  clock: SimulatedClock;
  deps: BotDeps;
  close(): Promise<void>;
}

/** Opens the harness; the clock starts on a Tuesday morning in Geneva. */
export async function openBotHarness(start = '2026-03-03T08:00:00Z'): Promise<BotHarness> {
  const dbName = uniqueDbName();
  const store = await openTestStore(dbName);
  await store.directory.apply(TEST_DIRECTORY);
  const clock = new SimulatedClock(start);
  const slack = new RecordingPlatform('slack', clock);
  const deps: BotDeps = {
    directory: store.directory,
    letters: store.letters,
    deliveries: store.deliveries,
    inbound: store.inbound,
    platforms: { slack },
    clock,
    policy: DEFAULT_POLICY,
    logger: silentLogger,
  };
  return { store, dbName, slack, clock, deps, close: () => closeTestStore(store) };
}

/** Use cases wired to the real database, a recording platform and a simulated clock. */
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings } from '../../src/bot/deliver-letter';
import type { BotDeps } from '../../src/bot/deps';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { silentLogger } from './silent-logger';
import type { Store } from '../../src/store';
import { closeTestStore, openTestStore, uniqueDbName } from './db';
import { RecordingPlatform } from './recording-platform';
import { SimulatedClock } from './simulated-clock';
import { TEST_DIRECTORY } from './test-directory';

/** Delivery settings for tests: this instance's name, production timings, no pacing (the pacer has its own tests). */
export function testDeliverySettings(instanceId = 'instance-a', overrides: Partial<DeliverySettings> = {}): DeliverySettings {
  return { ...DEFAULT_DELIVERY_SETTINGS, instanceId, pace: async () => undefined, ...overrides };
}

/** The store's repositories as use cases see them. */
export function storeDeps(store: Store): Pick<BotDeps, 'directory' | 'letters' | 'schedule' | 'deliveries' | 'inbound' | 'relays' | 'flags' | 'calls'> {
  return { directory: store.directory, letters: store.letters, schedule: store.schedule, deliveries: store.deliveries, inbound: store.inbound, relays: store.relays, flags: store.flags, calls: store.calls };
}

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
    ...storeDeps(store),
    platforms: { slack },
    clock,
    policy: DEFAULT_POLICY,
    delivery: testDeliverySettings(),
    logger: silentLogger,
  };
  return { store, dbName, slack, clock, deps, close: () => closeTestStore(store) };
}

/**
 * Two scheduler instances on one database server behave as one: each is its own OS
 * process (instance-worker.ts) with its own connection, running the real scheduler
 * (cron every second here, the production 90-second sweeper lease, pacing in the
 * database). Time is simulated: the test moves each instance's clock; only the cron
 * ticks in real time.
 */
import mongoose from 'mongoose';
import type { Letter } from '../../../src/domain/types';
import { SWEEPER_LEASE_MS } from '../../../src/scheduler/sweeper-lease';
import type { Store } from '../../../src/store';
import { closeTestStore, openTestStore, testServerUri, uniqueDbName } from '../../support/db';
import { isAlive } from '../../support/process';
import { NORTHWIND_CHANNEL, TEST_DIRECTORY } from '../../support/test-directory';
import { InstanceProcess } from './instances';

const TAKEN = 'sweeper lease taken: this instance sweeps';
const ELSEWHERE = 'sweeper lease held by another instance';
const SWEPT = 'sweep finished';

const previewedAt = new Date('2026-03-03T08:00:00Z');
/** Nine hours on: every publication and reminder of a letter previewed at 08:00 is due. */
const start = new Date(previewedAt.getTime() + 9 * 3_600_000);
const seconds = (s: number) => new Date(start.getTime() + s * 1000);

function letter(ref: string, at: Date): Letter {
  return {
    ref,
    type: 'UA',
    urgent: true,
    mandateKey: 'sr-expression',
    companyKey: 'northwind',
    channel: NORTHWIND_CHANNEL,
    topics: ['content-moderation'],
    summary: 'S.',
    routing: { owners: ['ana', 'wei', 'dana'], backups: ['bea'], escalation: ['eli'], unrouted: false, matchedTopics: [] },
    previewed: { at, by: 'mara' },
    threads: [],
    audit: [{ at, by: 'mara', action: 'previewed' }],
  };
}

/** Every delivery record, read straight from the database. */
async function deliveryRecords(dbName: string): Promise<Array<{ _id: string; status: string; claimedBy: string }>> {
  const raw = await mongoose.createConnection(testServerUri(), { dbName }).asPromise();
  try {
    return await raw.collection<{ _id: string; status: string; claimedBy: string }>('deliveries').find({}).toArray();
  } finally {
    await raw.close();
  }
}

describe('two scheduler instances on one database, each its own process', () => {
  let store: Store;
  let dbName: string;
  const running: InstanceProcess[] = [];
  beforeEach(async () => {
    dbName = uniqueDbName('sweepers');
    store = await openTestStore(dbName);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.kill()));
    await closeTestStore(store);
  });

  const startInstances = async (ids: string[]) => {
    const started = await Promise.all(ids.map((instanceId) => InstanceProcess.start({ dbName, instanceId, role: 'scheduler', clock: start.toISOString(), paceMs: 20 })));
    running.push(...started);
    expect(new Set([process.pid, ...started.map((p) => p.pid)]).size).toBe(ids.length + 1);
    return started;
  };

  it('lets one scheduler process sweep under the lease, has the other take over within two minutes of its SIGKILL, and sends every due reminder once across both', async () => {
    await store.directory.apply(TEST_DIRECTORY);
    for (let i = 0; i < 4; i += 1) await store.letters.create(letter(await store.letters.nextRef(2026), previewedAt));
    const [a, b] = await startInstances(['instance-a', 'instance-b']);

    // Both tick every second; one takes the lease and sweeps, the other keeps finding it held.
    const holder = await Promise.race([a, b].map((p) => p.waitFor((e) => e.message === TAKEN, 'the lease').then(() => p)));
    const standby = holder === a ? b! : a!;
    await holder.waitFor((e) => e.message === SWEPT, 'its sweep');
    await standby.waitForTimes((e) => e.message === ELSEWHERE, 2, 'standby ticks after the sweep', 5000, standby.events.length);
    expect(standby.logged(TAKEN)).toEqual([]);
    expect(standby.posts()).toEqual([]);
    const firstPosts = holder.posts().length;
    expect(firstPosts).toBeGreaterThan(0);

    // The holder crashes; three more letters come due at once.
    await holder.kill();
    expect(isAlive(holder.pid)).toBe(false);
    for (let i = 0; i < 3; i += 1) await store.letters.create(letter(await store.letters.nextRef(2026), start));

    // A minute on, the dead holder's lease (renewed at `start`, 90 s) still runs: the standby still stands by.
    await standby.setClock(seconds(60));
    await standby.waitForTimes((e) => e.message === ELSEWHERE, 2, 'ticks before the lease ended', 5000, standby.events.length);
    expect(standby.posts()).toEqual([]);

    // Two minutes on (the next one-minute tick after the 90 s lease ended): the standby takes over and sends the new letters.
    expect(SWEEPER_LEASE_MS).toBeLessThan(120_000);
    await standby.setClock(seconds(120));
    const afterExpiry = standby.events.length;
    await standby.waitFor((e) => e.message === TAKEN, 'the lease after it ended', 5000, afterExpiry);
    await standby.waitFor((e) => e.message === SWEPT, 'the new sweeper\'s sweep', 10_000, afterExpiry);

    const records = await deliveryRecords(dbName);
    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((r) => r.status !== 'sent')).toEqual([]);
    const labels = [...holder.posts(), ...standby.posts()].map((e) => e.label as string);
    expect(labels).toHaveLength(records.length);
    expect(new Set(labels).size).toBe(labels.length);
    expect(holder.posts()).toHaveLength(firstPosts);
    expect(new Set(records.map((r) => r.claimedBy))).toEqual(new Set(['instance-a', 'instance-b']));

    // A clean stop releases the lease: it is free at once, long before it would have run out.
    await standby.stop();
    expect((await store.leases.acquire('sweeper', 'test', seconds(121), seconds(211))).held).toBe(true);
  }, 60_000);
});

/**
 * The scheduler on the real database with simulated time. Several schedulers on one
 * database stand for several instances (each its own instance id and lease holder);
 * test/store/processes/instances.test.ts runs them as separate processes.
 */
import type { BotDeps } from '../../src/bot/deps';
import { previewLetter } from '../../src/bot/preview-letter';
import { startScheduler, type Scheduler } from '../../src/scheduler/scheduler';
import { SWEEPER_LEASE_MS } from '../../src/scheduler/sweeper-lease';
import { recordingLogger } from '../adapters/teams/support/recording-logger';
import { openBotHarness, testDeliverySettings, type BotHarness } from '../support/bot-harness';
import { NORTHWIND_CHANNEL, USERS } from '../support/test-directory';

/** A cron that never fires during a test: sweeps are run by hand with sweepNow(). */
const NEVER = '0 0 1 1 *';

describe('scheduler', () => {
  let h: BotHarness;
  const started: Scheduler[] = [];
  beforeEach(async () => {
    h = await openBotHarness('2026-03-03T08:00:00Z');
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
    await h.close();
  });

  /** Another instance on the same database: its own id, the same clock and platform. */
  const instance = (instanceId: string, logger = h.deps.logger): BotDeps => ({ ...h.deps, delivery: testDeliverySettings(instanceId), logger });
  const start = (deps: BotDeps = h.deps): Scheduler => {
    const scheduler = startScheduler({ deps, cron: NEVER, leases: h.store.leases });
    started.push(scheduler);
    return scheduler;
  };
  const preview = () => previewLetter(h.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'UA', topics: ['content-moderation'], summary: 'S.', urgent: true });

  it('sweeps on demand with its own instance id, and forgets platform event ids after a week', async () => {
    const scheduler = start();
    await preview();
    expect(await h.store.inbound.recordOnce('slack', 'Ev1', h.clock.now())).toBe(true);
    h.clock.advanceHours(2);
    const [a, b] = await Promise.all([scheduler.sweepNow(), scheduler.sweepNow()]);
    expect(a).toBe(b);
    expect(a?.sent).toBe(4);
    const claim = await h.store.deliveries.get('PL-2026-0001:ack-reminder:1:ana');
    expect(claim?.claimedBy).toBe(h.deps.delivery.instanceId);
    expect(scheduler.instanceId).toBe(h.deps.delivery.instanceId);
    expect(await h.store.inbound.recordOnce('slack', 'Ev1', h.clock.now())).toBe(false);
    h.clock.advanceDays(8);
    await scheduler.sweepNow();
    expect(await h.store.inbound.recordOnce('slack', 'Ev1', h.clock.now())).toBe(true);
  });

  it('lets only the instance holding the sweeper lease sweep; the others stand by and send nothing', async () => {
    const logger = recordingLogger();
    const a = start(instance('instance-a', logger));
    const b = start(instance('instance-b', logger));
    await preview();
    h.clock.advanceHours(2);
    const sentBefore = h.slack.calls.length;
    const reportA = await a.sweepNow();
    expect(await b.sweepNow()).toBeNull();
    expect(reportA?.sent).toBe(4);
    expect(h.slack.calls.length - sentBefore).toBe(4);
    expect([a.isSweeper(), b.isSweeper()]).toEqual([true, false]);
    h.clock.set(new Date(h.clock.now().getTime() + 60_000)); // the next cron tick, a minute on
    expect(await a.sweepNow()).not.toBeNull();
    expect(await b.sweepNow()).toBeNull();
    expect(logger.entries.filter((e) => e.level === 'info' && e.message.startsWith('sweeper lease'))).toEqual([
      expect.objectContaining({ level: 'info', message: 'sweeper lease taken: this instance sweeps', context: expect.objectContaining({ instanceId: 'instance-a' }) }),
    ]);
  });

  it('hands the lease on at once when its holder stops cleanly', async () => {
    const a = start(instance('instance-a'));
    const b = start(instance('instance-b'));
    expect(await a.sweepNow()).not.toBeNull();
    expect(await b.sweepNow()).toBeNull();
    await a.stop();
    expect(a.isSweeper()).toBe(false);
    expect(await a.sweepNow()).toBeNull();
    expect(await b.sweepNow()).not.toBeNull();
  });

  it('has another instance take over from a holder that died within two minutes of the one-minute cron, and tells the old holder it lost the lease', async () => {
    expect(SWEEPER_LEASE_MS).toBeGreaterThan(60_000);
    const logger = recordingLogger();
    const a = start(instance('instance-a', logger));
    const b = start(instance('instance-b', logger));
    await preview();
    h.clock.set('2026-03-03T09:59:00Z'); // the reminders are due at 10:00
    expect(await a.sweepNow()).not.toBeNull(); // a's last tick before it dies
    const died = h.clock.now().getTime();
    const tickOfB = async (seconds: number) => {
      h.clock.set(new Date(died + seconds * 1000));
      return b.sweepNow();
    };
    expect(await tickOfB(0)).toBeNull();
    expect(await tickOfB(60)).toBeNull();
    const takenOver = await tickOfB(120);
    expect(takenOver?.sent).toBe(4);
    expect(b.isSweeper()).toBe(true);
    // The old holder comes back (it was only paused): it finds the lease taken and stands by.
    expect(await a.sweepNow()).toBeNull();
    expect(a.isSweeper()).toBe(false);
    expect(logger.entries.filter((e) => e.level === 'info' && e.message.startsWith('sweeper lease')).map((e) => [e.message, e.context.instanceId])).toEqual([
      ['sweeper lease taken: this instance sweeps', 'instance-a'],
      ['sweeper lease taken: this instance sweeps', 'instance-b'],
      ['sweeper lease lost: another instance sweeps', 'instance-a'],
    ]);
  });

  it('stops taking letters when its lease runs out under a sweep, leaving them due for the next sweeper', async () => {
    await preview();
    await preview();
    await preview();
    h.clock.advanceHours(2);
    const slack = h.slack;
    const sendDirect = slack.sendDirect.bind(slack);
    let stalled = false;
    // The first reminder takes longer than the lease (a stalled platform call).
    slack.sendDirect = async (user, card) => {
      if (!stalled) {
        stalled = true;
        h.clock.set(new Date(h.clock.now().getTime() + SWEEPER_LEASE_MS + 1000));
      }
      return sendDirect(user, card);
    };
    const a = start(instance('instance-a'));
    const report = await a.sweepNow();
    expect(report?.letters).toBe(1);
    expect(a.isSweeper()).toBe(false);
    expect((await h.store.schedule.due(h.clock.now(), 10)).length).toBe(2);
  });
});

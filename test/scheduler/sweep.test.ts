import { acknowledge } from '../../src/bot/acknowledge';
import type { BotDeps } from '../../src/bot/deps';
import { markSent } from '../../src/bot/mark-sent';
import { previewLetter } from '../../src/bot/preview-letter';
import { recordReply } from '../../src/bot/record-reply';
import { withdraw } from '../../src/bot/withdraw';
import { PreLetterError } from '../../src/domain/errors';
import type { PlatformIdentity } from '../../src/domain/types';
import { sweep } from '../../src/scheduler/sweep';
import { openBotHarness, storeDeps, testDeliverySettings, type BotHarness } from '../support/bot-harness';
import { openTestStore } from '../support/db';
import { cardText, RecordingPlatform } from '../support/recording-platform';
import { testSweepOptions } from '../support/scheduler-harness';
import { NORTHWIND_CHANNEL, USERS } from '../support/test-directory';

async function previewUrgent(h: BotHarness): Promise<string> {
  const { letter } = await previewLetter(h.deps, {
    actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'UA', topics: ['content-moderation'], summary: 'S.', urgent: true,
  });
  h.slack.calls.length = 0;
  return letter.ref;
}

/** The harness's deps as another instance would run them (same database, its own name on claims). */
const as = (h: BotHarness, instanceId: string): BotDeps => ({ ...h.deps, delivery: testDeliverySettings(instanceId) });

const dmsTo = (h: BotHarness, user: PlatformIdentity) => h.slack.of('sendDirect').filter((c) => c.user.userId === user.userId);

describe('sweeping due nudges', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness('2026-03-03T08:00:00Z');
  });
  afterEach(async () => h.close());

  it('sends nothing before a nudge is due and each nudge once however often it sweeps', async () => {
    await previewUrgent(h);
    h.clock.advanceHours(1);
    expect((await sweep(h.deps, testSweepOptions())).sent).toBe(0);
    h.clock.advanceHours(1);
    const first = await sweep(h.deps, testSweepOptions());
    expect(first.sent).toBe(4); // ana, wei, dana and one thread post
    await sweep(h.deps, testSweepOptions());
    await sweep(as(h, 'instance-b'), testSweepOptions());
    expect(dmsTo(h, USERS.ana)).toHaveLength(1);
    expect(h.slack.of('postInThread')).toHaveLength(1);
  });

  it('names who was reminded, and when, in an escalation', async () => {
    await previewUrgent(h);
    h.clock.advanceHours(2);
    await sweep(h.deps, testSweepOptions());
    h.clock.advanceHours(2);
    await sweep(h.deps, testSweepOptions());
    const escalation = cardText(dmsTo(h, USERS.bea)[0]!.card);
    expect(escalation).toContain('Escalation: PL-2026-0001 is not acknowledged yet');
    expect(escalation).toContain('Ana Ruiz (reminded Tue 3 Mar 2026, 02:00 PST)');
    expect(escalation).not.toContain('S.\n');
  });

  it('stops acknowledgement nudges once someone acknowledges, including ones waiting to be retried', async () => {
    const ref = await previewUrgent(h);
    h.slack.failOn.add('sendDirect');
    h.clock.advanceHours(2);
    expect((await sweep(h.deps, testSweepOptions())).retrying).toBe(3);
    h.slack.failOn.clear();
    await acknowledge(h.deps, { actor: USERS.ana, ref });
    h.slack.calls.length = 0;
    for (let i = 0; i < 12; i += 1) {
      h.clock.advanceHours(1);
      await sweep(h.deps, testSweepOptions());
    }
    expect(h.slack.of('sendDirect')).toEqual([]);
    // The reminder waiting for its retry is planned again from the facts and no longer called for: never sent.
    expect((await h.store.deliveries.get(`${ref}:ack-reminder:1:wei`))?.status).toBe('claimed');
  });

  it('stops everything when the letter is withdrawn or replied', async () => {
    const ref = await previewUrgent(h);
    await withdraw(h.deps, { actor: USERS.mara, ref });
    const other = await previewUrgent(h);
    await acknowledge(h.deps, { actor: USERS.ana, ref: other });
    await markSent(h.deps, { actor: USERS.mara, ref: other });
    await recordReply(h.deps, { actor: USERS.mara, ref: other });
    h.slack.calls.length = 0;
    for (let day = 0; day < 70; day += 1) {
      h.clock.advanceDays(1);
      await sweep(h.deps, testSweepOptions());
    }
    expect(h.slack.of('sendDirect')).toEqual([]);
    // Past the 30-day history retention, both letters have left the agenda and their records are pruned.
    expect(await h.store.schedule.due(h.clock.now(), 10)).toEqual([]);
    expect(await h.store.schedule.entry(ref)).toBeNull();
    expect(await h.store.deliveries.get(`${other}:owner-dm:1:ana`)).toBeNull();
    expect(await h.store.letters.get(ref)).toMatchObject({ withdrawn: expect.anything() });
  });

  it('delivers a nudge whose sender died after claiming it exactly once, after the lease', async () => {
    const ref = await previewUrgent(h);
    h.clock.advanceHours(2);
    const key = `${ref}:ack-reminder:1:ana`;
    const lease = new Date(h.clock.now().getTime() + 5 * 60_000);
    // The dead instance claimed Ana's reminder and never posted it.
    expect(await h.store.deliveries.claim({ key, letterRef: ref, kind: 'ack-reminder', step: '1', recipientKey: 'ana', dueAt: h.clock.now() }, 'dead', lease)).toBe(true);
    await sweep(as(h, 'survivor'), testSweepOptions());
    expect(dmsTo(h, USERS.ana)).toHaveLength(0);
    expect(dmsTo(h, USERS.wei)).toHaveLength(1);
    h.clock.advanceHours(0.1);
    await sweep(as(h, 'survivor'), testSweepOptions());
    expect(dmsTo(h, USERS.ana)).toHaveLength(1);
    await sweep(as(h, 'survivor'), testSweepOptions());
    h.clock.advanceHours(1);
    await sweep(as(h, 'another'), testSweepOptions());
    expect(dmsTo(h, USERS.ana)).toHaveLength(1);
    expect(await h.store.deliveries.get(key)).toMatchObject({ status: 'sent', claimedBy: 'survivor', attempts: 2 });
  });

  it('sweeps the healthy letters behind a batch of letters that keep failing, and puts the failing ones back', async () => {
    const broken = { type: 'UA' as const, urgent: true, mandateKey: 'no-such-mandate', companyKey: 'northwind', topics: ['content-moderation'], summary: 'S.' };
    const routing = { owners: ['ana'], backups: [], escalation: [], unrouted: false, matchedTopics: [] };
    // Three letters whose mandate left the directory are due first; a healthy one is due after them.
    for (let i = 0; i < 3; i += 1) {
      await h.store.letters.create({ ...broken, ref: await h.store.letters.nextRef(2026), routing, previewed: { at: new Date('2026-03-03T05:00:00Z'), by: 'mara' }, threads: [], audit: [] });
    }
    const healthy = await previewUrgent(h);
    h.clock.advanceHours(2);
    const report = await sweep(h.deps, testSweepOptions({ batchSize: 2 }));
    expect(report.failed).toBe(3);
    expect(dmsTo(h, USERS.ana).map((c) => c.card.title)).toEqual([`Reminder: please acknowledge ${healthy}`]);
    // The failing letters wait a few minutes before their next try instead of heading every batch.
    const due = (await h.store.schedule.due(h.clock.now(), 10)).map((e) => e.ref);
    expect(due).toEqual([]);
    const later = new Date(h.clock.now().getTime() + h.deps.delivery.letterRetryMs);
    expect((await h.store.schedule.due(later, 10)).map((e) => e.ref)).toEqual(['PL-2026-0001', 'PL-2026-0002', 'PL-2026-0003']);
  });

  it('retries a failing platform with backoff, without duplicates, and reports a nudge it finally gives up on', async () => {
    const ref = await previewUrgent(h);
    // Ana's first attempt fails once (a 500); every attempt for Wei fails.
    const failuresLeft = new Map([[USERS.ana.userId, 1], [USERS.wei.userId, Infinity]]);
    let weiAttempts = 0;
    const send = h.slack.sendDirect.bind(h.slack);
    h.slack.sendDirect = async (user, card) => {
      if (user.userId === USERS.wei.userId) weiAttempts += 1;
      const left = failuresLeft.get(user.userId) ?? 0;
      if (left > 0) {
        failuresLeft.set(user.userId, left - 1);
        throw new PreLetterError('platform', 'Slack refused the request.', {});
      }
      return send(user, card);
    };
    h.clock.advanceHours(2);
    await sweep(h.deps, testSweepOptions());
    // Backoff: 1, 2, 4 and 8 minutes; sweeping every minute for 20 minutes covers all five attempts.
    for (let minute = 0; minute < 20; minute += 1) {
      h.clock.advanceHours(1 / 60);
      await sweep(h.deps, testSweepOptions());
    }
    expect(dmsTo(h, USERS.ana).filter((c) => c.card.title.startsWith('Reminder'))).toHaveLength(1);
    expect(weiAttempts).toBe(5);
    expect(await h.store.deliveries.get(`${ref}:ack-reminder:1:wei`)).toMatchObject({ status: 'failed', attempts: 5, lastErrorCode: 'platform' });
    const reports = h.slack.of('sendDirect').filter((c) => c.card.title === `A reminder for ${ref} could not be delivered`);
    expect(reports.map((c) => c.user.userId).sort()).toEqual(['U0MARA', 'U0ROOT', 'U0TOM']);
    expect(cardText(reports[0]!.card)).toContain('to Wei Tan');
  });
});

// The 2,000-reminder race between separate processes is in test/store/processes; this one checks connections in one process.
const LETTERS = Number(process.env.SWEEP_TEST_LETTERS ?? 60);

describe('three connections sweeping one database', () => {
  it(`delivers each of ${LETTERS * 5} due nudges exactly once`, async () => {
    const h = await openBotHarness('2026-03-03T08:00:00Z');
    try {
      const base = { ref: '', type: 'UA' as const, urgent: true, mandateKey: 'sr-expression', companyKey: 'northwind', topics: ['content-moderation'], summary: 'S.' };
      const routing = { owners: ['ana', 'wei', 'dana'], backups: ['bea'], escalation: ['eli'], unrouted: false, matchedTopics: [] };
      for (let i = 0; i < LETTERS; i += 1) {
        const ref = await h.store.letters.nextRef(2026);
        await h.store.letters.create({ ...base, ref, routing, previewed: { at: h.clock.now(), by: 'mara' }, threads: [], audit: [] });
      }
      h.clock.advanceHours(9);
      const instances = await Promise.all(['a', 'b', 'c'].map(async (name) => {
        const store = await openTestStore(h.dbName);
        const platform = new RecordingPlatform('slack', h.clock);
        const deps: BotDeps = { ...h.deps, ...storeDeps(store), delivery: testDeliverySettings(name), platforms: { slack: platform } };
        return { name, store, platform, deps };
      }));
      const reports = await Promise.all(instances.map((i) => sweep(i.deps, testSweepOptions())));
      const sent = instances.flatMap((i) => i.platform.of('sendDirect'));
      expect(sent).toHaveLength(LETTERS * 5);
      expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(LETTERS * 5);
      const perKey = new Set(sent.map((c) => `${c.card.fields[0]!.value}|${c.user.userId}|${c.card.title}`));
      expect(perKey.size).toBe(LETTERS * 5);
      expect(reports.filter((r) => r.sent > 0).length).toBeGreaterThanOrEqual(2);
      await Promise.all(instances.map((i) => i.store.close()));
    } finally {
      await h.close();
    }
  }, 240_000);
});

import { startScheduler } from '../../src/scheduler/scheduler';
import { previewLetter } from '../../src/bot/preview-letter';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { NORTHWIND_CHANNEL, USERS } from '../support/test-directory';

describe('scheduler', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness('2026-03-03T08:00:00Z');
  });
  afterEach(async () => h.close());

  it('sweeps on demand with its own instance id, and forgets platform event ids after a week', async () => {
    const scheduler = startScheduler({ deps: h.deps, cron: '0 0 1 1 *' });
    try {
      await previewLetter(h.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'UA', topics: ['content-moderation'], summary: 'S.', urgent: true });
      expect(await h.store.inbound.recordOnce('slack', 'Ev1', h.clock.now())).toBe(true);
      h.clock.advanceHours(2);
      const [a, b] = await Promise.all([scheduler.sweepNow(), scheduler.sweepNow()]);
      expect(a).toBe(b);
      expect(a.sent).toBe(4);
      const claim = await h.store.deliveries.get('PL-2026-0001:ack-reminder:1:ana');
      expect(claim?.claimedBy).toBe(h.deps.delivery.instanceId);
      expect(scheduler.instanceId).toBe(h.deps.delivery.instanceId);
      expect(await h.store.inbound.recordOnce('slack', 'Ev1', h.clock.now())).toBe(false);
      h.clock.advanceDays(8);
      await scheduler.sweepNow();
      expect(await h.store.inbound.recordOnce('slack', 'Ev1', h.clock.now())).toBe(true);
    } finally {
      await scheduler.stop();
    }
  });
});

/**
 * A flag's clocks through the real sweep on the real database: the team reminded in the
 * flag's thread, then again, then the admins told, each once; nothing after an
 * acknowledgement; a card the platform refused at first is posted by a later sweep.
 */
import { acknowledgeFlag } from '../../src/bot/acknowledge-flag';
import { raiseFlag } from '../../src/bot/raise-flag';
import { sweep } from '../../src/scheduler/sweep';
import { openBotHarness, testDeliverySettings, type BotHarness } from '../support/bot-harness';
import { cardText } from '../support/recording-platform';
import { sweepHourly, testSweepOptions } from '../support/scheduler-harness';
import { NORTHWIND_CHANNEL, TEST_DIRECTORY, USERS } from '../support/test-directory';
import { segmentsText } from '../support/words';

const MANDATE_CHANNEL = { platform: 'slack' as const, workspaceId: 'T0TEST', channelId: 'C0MANDATE' };

describe('a flag’s clocks', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness(); // Tuesday 3 March 2026, 09:00 in Geneva
    await h.store.directory.apply({ ...TEST_DIRECTORY, mandates: TEST_DIRECTORY.mandates.map((m) => ({ ...m, channel: MANDATE_CHANNEL })) });
  });
  afterEach(async () => h.close());

  const raise = (urgent = false) =>
    raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['surveillance'], summary: 'Police asked for protesters’ data.', urgent });
  const threadPosts = () => h.slack.calls.filter((c) => c.method === 'postInThread').map((c) => ({ at: c.at?.toISOString(), text: cardText(c.card) }));
  const directs = () => h.slack.calls.flatMap((c) => (c.method === 'sendDirect' ? [{ to: c.user.userId, at: c.at?.toISOString(), text: cardText(c.card) }] : []));

  it('reminds the mandate team in the flag’s thread after one and two business days, then tells the admins after five, each once', async () => {
    await raise();
    await sweepHourly(h.deps, h.clock, '2026-03-11T08:00:00Z');
    const posts = threadPosts();
    expect(posts.map((p) => p.at)).toEqual(['2026-03-04T08:00:00.000Z', '2026-03-05T08:00:00.000Z']);
    expect(posts[0]!.text).toContain('Flag FL-2026-0001 awaits acknowledgement');
    expect(posts[0]!.text).toContain('@Mara Quell, @Tom Arlen: Northwind Social raised FL-2026-0001');
    expect(posts[0]!.text).toContain('/preletter ack FL-2026-0001');
    expect(directs()).toEqual([
      expect.objectContaining({ to: 'U0ROOT', at: '2026-03-10T08:00:00.000Z', text: expect.stringContaining('Flag FL-2026-0001 is still unacknowledged') }),
    ]);
    expect(directs()[0]!.text).not.toContain('Police asked');
  });

  it('stops every reminder once a team member acknowledges the flag', async () => {
    await raise();
    await sweepHourly(h.deps, h.clock, '2026-03-11T08:00:00Z', {
      '2026-03-04T12:00:00.000Z': () => acknowledgeFlag(h.deps, { actor: USERS.mara, ref: 'FL-2026-0001' }),
    });
    expect(threadPosts().map((p) => p.at)).toEqual(['2026-03-04T08:00:00.000Z']);
    expect(directs().filter((d) => d.to === 'U0ROOT')).toEqual([]);
    expect(await h.store.schedule.entry('FL-2026-0001')).not.toBeNull(); // kept for the history period, then pruned
  });

  it('counts an urgent flag’s reminders in hours', async () => {
    await raise(true);
    await sweepHourly(h.deps, h.clock, '2026-03-03T17:00:00Z');
    expect(threadPosts().map((p) => p.at)).toEqual(['2026-03-03T10:00:00.000Z', '2026-03-03T12:00:00.000Z']);
    expect(directs().map((d) => `${d.to}@${d.at}`)).toEqual(['U0ROOT@2026-03-03T16:00:00.000Z']);
  });

  it('posts a card the platform refused when the flag was raised on a later sweep, once, and says so to the person', async () => {
    h.slack.failOn.add('postRoot');
    const { reply } = await raise();
    expect(reply.body.map(segmentsText).join(' ')).toContain('PreLetter keeps trying');
    expect(h.slack.calls.filter((c) => c.method === 'postRoot')).toEqual([]);
    h.slack.failOn.delete('postRoot');
    await sweepHourly(h.deps, h.clock, '2026-03-03T10:00:00Z');
    const roots = h.slack.calls.filter((c) => c.method === 'postRoot');
    expect(roots.map((c) => c.at?.toISOString())).toEqual(['2026-03-03T09:00:00.000Z']);
    expect((await h.store.flags.get('FL-2026-0001'))?.threads.map((t) => t.channel.channelId)).toEqual(['C0MANDATE']);
  });

  it('sends each reminder once when two sweeps with different instance ids run at the same moment', async () => {
    await raise();
    h.clock.advanceHours(24);
    const other = { ...h.deps, delivery: testDeliverySettings('instance-b') };
    await Promise.all([sweep(h.deps, testSweepOptions({ full: true })), sweep(other, testSweepOptions({ full: true }))]);
    await sweep(other, testSweepOptions({ full: true }));
    expect(threadPosts()).toHaveLength(1);
  });
});

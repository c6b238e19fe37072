/**
 * Reminders through the real Slack adapter against the Web API fake: a rate limit
 * and a refused call during a sweep are retried and paced, with no duplicate and
 * no loss.
 */
import { previewLetter } from '../../src/bot/preview-letter';
import { sweep } from '../../src/scheduler/sweep';
import { openSlackWorld, type SlackWorld } from '../adapters/slack/support/slack-world';
import { testSweepOptions } from '../support/scheduler-harness';
import { NORTHWIND_CHANNEL, USERS } from '../support/test-directory';

describe('reminders through Slack', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await openSlackWorld();
  });
  afterEach(async () => w.close());

  it('retries a 429 (after Retry-After) and a refused call, paces posts per channel, and posts each reminder once', async () => {
    await previewLetter(w.deps, {
      actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'UA', topics: ['content-moderation'], summary: 'S.', urgent: true,
    });
    w.fake.clear();
    w.fake.failNext('chat.postMessage', { rateLimitedFor: 1 });
    w.fake.failNext('chat.postMessage', { error: 'fatal_error' });
    const paced: string[] = [];
    const options = testSweepOptions();
    w.deps.delivery = { ...w.deps.delivery, pace: async (key: string) => void paced.push(key) };
    w.harness.clock.advanceHours(2);
    const first = await sweep(w.deps, options);
    expect(first.retrying).toBe(1);
    w.harness.clock.advanceHours(1 / 60);
    const second = await sweep(w.deps, options);
    expect(second.sent).toBe(1);
    await sweep(w.deps, options);

    const posted = w.fake.of('chat.postMessage');
    const dms = posted.filter((c) => String(c.args.channel).startsWith('D')).map((c) => c.args.channel).sort();
    expect(dms).toEqual([w.fake.dmOf(USERS.ana.userId), w.fake.dmOf(USERS.dana.userId), w.fake.dmOf(USERS.wei.userId)].sort());
    const threadPosts = posted.filter((c) => c.args.channel === NORTHWIND_CHANNEL.channelId);
    expect(threadPosts).toHaveLength(1);
    expect(threadPosts[0]!.args.thread_ts).toBeDefined();
    expect(JSON.stringify(threadPosts[0]!.args)).toContain('<@U0ANA>');
    expect(w.fake.calls.filter((c) => c.method === 'chat.postMessage' && !c.ok)).toHaveLength(2);
    expect(paced).toContain('slack:T0TEST:C0NORTH');
    expect(paced.filter((k) => k.startsWith('slack:dm:'))).toHaveLength(4); // three people, one of them twice
  });
});

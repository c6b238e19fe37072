/**
 * The bot process is SIGKILLed while the root card of a letter it just saved is on its
 * way to Slack, and a new process is started on the same database. Each test has its
 * own database server and drives the real bot process over HTTP, as Slack does; the
 * outcome is read from the Slack fake and from the database.
 */
import { decodeThreadRef } from '../../adapters/slack/thread-ref';
import { SlackApiFake, type HoldOptions } from '../adapters/slack/support/slack-api-fake';
import { killBot, startBot, stopBot, type BotProcess } from './support/bot-process';
import { startDedicatedDatabase, type DedicatedDatabase } from './support/dedicated-database';
import {
  addDirectoryUsers,
  directMessagesTo,
  eventually,
  falseClaimsAboutCard,
  rootCardsOf,
  slackTo,
  submitPreview,
  threadPosts,
  within,
} from './support/slack-talk';

const CHANNEL = 'C0NORTH';
const SUMMARY = 'Removal of protest footage before the vote.';
const PUBLICATION = ['post-root:1:channel', 'thread-intro:1:thread', 'owner-dm:1:ana', 'owner-dm:1:wei'];

describe('the bot killed between saving a letter and posting it', () => {
  let db: DedicatedDatabase;
  let fake: SlackApiFake;
  const bots: BotProcess[] = [];

  beforeEach(async () => {
    db = await startDedicatedDatabase('faults-kill');
    fake = await SlackApiFake.start({ wallClockTs: true });
    addDirectoryUsers(fake);
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await stopBot(bot);
    await fake.close();
    await db.close();
  });

  const start = async () => {
    const bot = await startBot({ mongodbUri: db.uri, slackApiUrl: fake.apiUrl });
    bots.push(bot);
    return bot;
  };

  /**
   * Previews a letter, holds its root card as `stage` says, and SIGKILLs the bot while the
   * post is in flight (well inside the 2-second claim lease, so the first bot never retries
   * it itself); then starts a second bot on the same database and waits until every
   * publication delivery is recorded as sent. Returns the letter's reference.
   */
  async function killWhilePosting(stage: HoldOptions['stage']): Promise<string> {
    const first = await start();
    const held = fake.holdNext('chat.postMessage', { stage, match: (args) => args.channel === CHANNEL && !args.thread_ts });
    await submitPreview(slackTo(first.port), 'U0MARA', SUMMARY);
    const args = await within(held.arrived, 20_000, 'the root card post');
    const ref = (args.metadata as { event_payload: { ref: string } }).event_payload.ref;
    const saved = await db.store.letters.get(ref);
    expect(saved).toMatchObject({ summary: SUMMARY, threads: [] });
    await killBot(first);
    expect(fake.calls.filter((c) => c.method === 'conversations.history')).toEqual([]); // the first bot never looked again
    await held.callerGone;
    held.release(); // too late: nobody is listening any more

    await start();
    await eventually(async () => {
      const records = await Promise.all(PUBLICATION.map((k) => db.store.deliveries.get(`${ref}:${k}`)));
      return records.every((r) => r?.status === 'sent');
    }, 'the restarted bot to publish the letter', 30_000);
    for (const bot of bots.splice(0)) await stopBot(bot); // nothing more can be sent: counts are final
    return ref;
  }

  /** One card, adopted by the letter; its thread note and each owner's direct message once. */
  async function expectPublishedOnce(ref: string): Promise<string> {
    const cards = rootCardsOf(fake, CHANNEL, ref);
    expect(cards).toHaveLength(1);
    const ts = String(cards[0]!.ts);
    const letter = await db.store.letters.get(ref);
    expect(letter!.threads).toHaveLength(1);
    expect(letter!.threads[0]!.rootMessageRef).toBe(`slack:msg:${CHANNEL}:${ts}`);
    expect(decodeThreadRef(letter!.threads[0]!.threadRef)).toEqual({ teamId: 'T0TEST', channelId: CHANNEL, threadTs: ts });

    const thread = threadPosts(fake, CHANNEL, ts);
    expect(thread).toHaveLength(1);
    expect(JSON.stringify(thread[0]!.args.blocks)).toContain('For the attention of <@U0ANA> and <@U0WEI>');
    expect(directMessagesTo(fake, 'U0ANA')).toHaveLength(1);
    expect(directMessagesTo(fake, 'U0WEI')).toHaveLength(1);
    expect(JSON.stringify(directMessagesTo(fake, 'U0ANA')[0]!.args)).toContain(ref);
    return ts;
  }

  it('posts the card exactly once after a restart when Slack posted it but the answer never reached the bot: the new bot adopts that card', async () => {
    const ref = await killWhilePosting('after-posting');
    const ts = await expectPublishedOnce(ref);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL && !c.args.thread_ts)).toHaveLength(1);
    expect(fake.of('conversations.history').length).toBeGreaterThanOrEqual(1);
    expect(String(rootCardsOf(fake, CHANNEL, ref)[0]!.ts)).toBe(ts);
    expect(falseClaimsAboutCard(fake, 'U0MARA', CHANNEL, ref)).toEqual([]);
  }, 90_000);

  it('posts the card exactly once after a restart when the bot died before its post reached Slack', async () => {
    const ref = await killWhilePosting('before-recording');
    await expectPublishedOnce(ref);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL && !c.args.thread_ts)).toHaveLength(1);
    expect(falseClaimsAboutCard(fake, 'U0MARA', CHANNEL, ref)).toEqual([]);
  }, 90_000);
});

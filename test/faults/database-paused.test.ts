/**
 * The database server stops answering for 45 seconds (SIGSTOP: its connections stay
 * open, nothing is refused, nothing is answered) while the real bot process, with its
 * scheduler ticking every second, is asked to preview, acknowledge and show status.
 * The server is the test's own; the run's shared server is never touched.
 */
import { SlackApiFake } from '../adapters/slack/support/slack-api-fake';
import { startBot, stopBot, type BotProcess } from './support/bot-process';
import { savedLetters, startDedicatedDatabase, type DedicatedDatabase } from './support/dedicated-database';
import { addDirectoryUsers, answersTo, command, directMessagesTo, eventually, falseClaimsAboutCard, rootCardsOf, slackTo, submitPreview, threadPosts, within } from './support/slack-talk';

const CHANNEL = 'C0NORTH';
const PAUSE_MS = 45_000;
const BEFORE = 'Blocking of a news site during the protests.';
const IN_FLIGHT = 'Geo-blocking of an opposition party page.';
const DURING = 'Deletion of human rights documentation videos.';
const NOTHING_CHANGED = /nothing was changed/;
const PUBLICATION = ['post-root:1:channel', 'thread-intro:1:thread', 'owner-dm:1:ana', 'owner-dm:1:wei'];

describe('the database paused for 45 seconds', () => {
  let db: DedicatedDatabase;
  let fake: SlackApiFake;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    db = await startDedicatedDatabase('faults-pause');
    fake = await SlackApiFake.start({ wallClockTs: true });
    addDirectoryUsers(fake);
  });
  afterAll(async () => {
    if (bot) await stopBot(bot);
    await fake.close();
    await db.close();
  });

  const published = async (ref: string) => {
    const records = await Promise.all(PUBLICATION.map((k) => db.store.deliveries.get(`${ref}:${k}`)));
    return records.every((r) => r?.status === 'sent');
  };
  /** Published, or its next try is planned: a letter whose handling failed in a sweep is put back a few minutes. */
  const publishedOrPlanned = async (ref: string) => (await published(ref)) || ((await db.store.schedule.entry(ref))?.at ?? new Date(0)) > new Date();
  const lettersWith = async (summary: string) => (await savedLetters(db.store)).filter((l) => l.summary === summary);
  const answered = (user: string, count: number) => () => answersTo(fake, user).length >= count;

  /** A saved letter: its card is in the channel exactly once; once published, the letter points at it and its thread note and owners' messages went once. */
  async function expectShownOnce(ref: string): Promise<void> {
    const cards = rootCardsOf(fake, CHANNEL, ref);
    expect(cards).toHaveLength(1);
    if (!(await published(ref))) return;
    const ts = String(cards[0]!.ts);
    expect((await db.store.letters.get(ref))!.threads.map((t) => t.rootMessageRef)).toEqual([`slack:msg:${CHANNEL}:${ts}`]);
    expect(threadPosts(fake, CHANNEL, ts).filter((c) => JSON.stringify(c.args.blocks).includes('For the attention of'))).toHaveLength(1);
    for (const owner of ['U0ANA', 'U0WEI']) expect(directMessagesTo(fake, owner).filter((c) => JSON.stringify(c.args).includes(ref))).toHaveLength(1);
  }

  it('loses nothing, doubles nothing and tells every person the truth', async () => {
    bot = await startBot({ mongodbUri: db.uri, slackApiUrl: fake.apiUrl });
    const send = slackTo(bot.port);
    await submitPreview(send, 'U0MARA', BEFORE);
    await eventually(answered('U0MARA', 1), "Mara's answer", 10_000);
    const ref = /PL-\d{4}-\d{4}/.exec(answersTo(fake, 'U0MARA')[0]!.text)![0];
    await eventually(() => published(ref), 'the first letter to be published', 10_000);

    // Tom's letter is saved and its card is on Slack when the database stops: the bot is still publishing it.
    const held = fake.holdNext('chat.postMessage', { stage: 'after-posting', match: (args) => args.channel === CHANNEL && !args.thread_ts });
    await submitPreview(send, 'U0TOM', IN_FLIGHT);
    await within(held.arrived, 10_000, "the card of Tom's letter");
    const inFlight = (await lettersWith(IN_FLIGHT))[0]!;
    expect(inFlight.threads).toEqual([]);

    process.kill(db.server.pid, 'SIGSTOP');
    const pausedAt = Date.now();
    try {
      held.release();
      await submitPreview(send, 'U0MARA', DURING);
      await command(send, 'U0ANA', `ack ${ref}`, CHANNEL);
      await command(send, 'U0DANA', 'status', CHANNEL);
      expect(await eventually(async () => (await bot!.get('/readyz')) === 503 && 503, '/readyz to say 503', 10_000)).toBe(503);
      expect(await bot.get('/healthz')).toBe(200);
      await new Promise((r) => setTimeout(r, pausedAt + PAUSE_MS - Date.now()));
      expect(await bot.get('/readyz')).toBe(503); // still paused; the scheduler has ticked every second meanwhile
    } finally {
      process.kill(db.server.pid, 'SIGCONT');
    }

    // Settle: the database answers again and every person has had an answer.
    await eventually(async () => (await bot!.get('/readyz')) === 200, '/readyz to say 200 again', 15_000);
    await eventually(() => answered('U0TOM', 1)() && answered('U0MARA', 2)() && answered('U0ANA', 1)() && answered('U0DANA', 1)(), 'an answer to every person', 20_000);
    const ana = answersTo(fake, 'U0ANA');
    if (NOTHING_CHANGED.test(ana[0]!.text)) {
      // Told "nothing was changed, try again": it was so, and she tries again, once.
      expect((await db.store.letters.get(ref))!.acknowledged).toBeUndefined();
      await command(send, 'U0ANA', `ack ${ref}`, CHANNEL);
      await eventually(answered('U0ANA', 2), "Ana's second answer", 10_000);
    }
    const during = await lettersWith(DURING);
    for (const letter of [inFlight, ...during]) await eventually(() => publishedOrPlanned(letter.ref), `${letter.ref} published or planned`, 15_000);
    await stopBot(bot); // turns in flight finish; after this nothing more is sent
    bot = undefined;

    // One answer per request.
    const [tom, mara, dana] = ['U0TOM', 'U0MARA', 'U0DANA'].map((u) => answersTo(fake, u));
    expect([tom!.length, mara!.length, dana!.length]).toEqual([1, 2, 1]);
    expect(answersTo(fake, 'U0ANA')).toHaveLength(NOTHING_CHANGED.test(ana[0]!.text) ? 2 : 1);

    // Tom's letter was saved before the pause: he is told so (saved, or opened once its card is recorded, however far the
    // publication got by the time he is answered), never "nothing was changed"; its card is shown once.
    expect(tom![0]!.text).not.toMatch(NOTHING_CHANGED);
    expect(tom![0]!.text).toMatch(new RegExp(`${inFlight.ref} is saved|Preview ${inFlight.ref} opened`));
    expect(falseClaimsAboutCard(fake, 'U0TOM', CHANNEL, inFlight.ref)).toEqual([]);
    expect(await lettersWith(IN_FLIGHT)).toHaveLength(1);
    await expectShownOnce(inFlight.ref);

    // Mara's preview in the pause: "nothing was changed" and no such letter, or one letter shown once.
    if (NOTHING_CHANGED.test(mara![1]!.text)) {
      expect(during).toEqual([]);
    } else {
      expect(during).toHaveLength(1);
      await expectShownOnce(during[0]!.ref);
      expect(falseClaimsAboutCard(fake, 'U0MARA', CHANNEL, during[0]!.ref)).toEqual([]);
    }

    // The acknowledgement: recorded exactly once, as Ana was last told, with one note in the thread.
    expect(answersTo(fake, 'U0ANA').at(-1)!.text).toContain(`${ref} is acknowledged`);
    const letter = (await db.store.letters.get(ref))!;
    expect(letter.acknowledged?.by).toBe('ana');
    expect(letter.audit.filter((a) => a.action === 'acknowledged')).toHaveLength(1);
    const rootTs = String(rootCardsOf(fake, CHANNEL, ref)[0]!.ts);
    expect(threadPosts(fake, CHANNEL, rootTs).filter((c) => JSON.stringify(c.args).includes('acknowledged this preview'))).toHaveLength(1);

    // Dana's status: the database's sentence, or her company's letters.
    expect(NOTHING_CHANGED.test(dana![0]!.text) || dana![0]!.text.includes(ref)).toBe(true);

    // Nothing was sent twice: no message repeats in any channel, thread or direct message.
    const posts = fake.of('chat.postMessage').map((c) => JSON.stringify([c.args.channel, c.args.thread_ts ?? null, c.args.text, c.args.blocks]));
    expect(posts.length).toBe(new Set(posts).size);
    await expectShownOnce(ref);
  }, 100_000);
});

/**
 * The database server stops answering for 45 seconds (SIGSTOP: its connections stay
 * open, nothing is refused, nothing is answered) while the real bot process, with its
 * scheduler ticking every second, is asked to preview, acknowledge and show status.
 * The server is the test's own; the run's shared server is never touched.
 */
import { SlackApiFake } from '../adapters/slack/support/slack-api-fake';
import { startBot, stopBot, type BotProcess } from './support/bot-process';
import { startDedicatedDatabase, type DedicatedDatabase } from './support/dedicated-database';
import { ALL_SCOPE } from '../../src/bot/repositories';
import { addDirectoryUsers, answersTo, command, eventually, falseClaimsAboutCard, rootCardsOf, slackTo, submitPreview, threadPosts } from './support/slack-talk';

const CHANNEL = 'C0NORTH';
const PAUSE_MS = 45_000;
const BEFORE = 'Blocking of a news site during the protests.';
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
  const lettersWith = async (summary: string) => (await db.store.letters.list({ scopes: [ALL_SCOPE], limit: 10 })).filter((l) => l.summary === summary);
  const answered = (user: string, count: number) => () => answersTo(fake, user).length >= count;

  it('loses nothing, doubles nothing and tells every person the truth', async () => {
    bot = await startBot({ mongodbUri: db.uri, slackApiUrl: fake.apiUrl });
    const send = slackTo(bot.port);
    await submitPreview(send, 'U0MARA', BEFORE);
    await eventually(answered('U0MARA', 1), "Mara's answer", 10_000);
    const ref = /PL-\d{4}-\d{4}/.exec(answersTo(fake, 'U0MARA')[0]!.text)![0];
    await eventually(() => published(ref), 'the first letter to be published', 10_000);

    process.kill(db.server.pid, 'SIGSTOP');
    const pausedAt = Date.now();
    try {
      await submitPreview(send, 'U0TOM', DURING);
      await command(send, 'U0ANA', `ack ${ref}`, CHANNEL);
      await command(send, 'U0DANA', 'status', CHANNEL);
      expect(await eventually(async () => (await bot!.get('/readyz')) === 503 && 503, '/readyz to say 503', 10_000)).toBe(503);
      expect(await bot.get('/healthz')).toBe(200);
      await new Promise((r) => setTimeout(r, pausedAt + PAUSE_MS - Date.now()));
      expect(await bot.get('/readyz')).toBe(503); // still paused: the scheduler has been ticking every second meanwhile
    } finally {
      process.kill(db.server.pid, 'SIGCONT');
    }

    // Settle: the database answers again and every person has had an answer.
    await eventually(async () => (await bot!.get('/readyz')) === 200, '/readyz to say 200 again', 15_000);
    await eventually(() => ['U0TOM', 'U0ANA', 'U0DANA'].every((u) => answered(u, 1)()), 'an answer to every person', 15_000);
    const [tom, ana, dana] = ['U0TOM', 'U0ANA', 'U0DANA'].map((u) => answersTo(fake, u));

    // Ana was told "nothing was changed, try again": it was so, and she tries again, once.
    if (NOTHING_CHANGED.test(ana![0]!.text)) {
      expect((await db.store.letters.get(ref))!.acknowledged).toBeUndefined();
      await command(send, 'U0ANA', `ack ${ref}`, CHANNEL);
      await eventually(answered('U0ANA', 2), "Ana's second answer", 10_000);
    }
    const during = await lettersWith(DURING);
    if (during.length === 1) await eventually(() => published(during[0]!.ref), 'the letter previewed in the pause to be published', 15_000);
    require('fs').writeFileSync('/tmp/pause-bot.log', bot.logs().map((l) => JSON.stringify(l)).join('\n')); // DEBUG
    await stopBot(bot); // in-flight turns finish; after this nothing more is sent
    bot = undefined;

    // Every person got one answer per request.
    expect(tom).toHaveLength(1);
    expect(dana).toHaveLength(1);
    const anaAnswers = answersTo(fake, 'U0ANA');
    expect(anaAnswers).toHaveLength(NOTHING_CHANGED.test(ana![0]!.text) ? 2 : 1);

    // The acknowledgement: recorded exactly once, as Ana was last told, with one note in the thread.
    expect(anaAnswers.at(-1)!.text).toContain(`${ref} is acknowledged`);
    const letter = (await db.store.letters.get(ref))!;
    expect(letter.acknowledged?.by).toBe('ana');
    expect(letter.audit.filter((a) => a.action === 'acknowledged')).toHaveLength(1);
    const rootTs = String(rootCardsOf(fake, CHANNEL, ref)[0]!.ts);
    expect(threadPosts(fake, CHANNEL, rootTs).filter((c) => JSON.stringify(c.args).includes('acknowledged this preview'))).toHaveLength(1);

    // Tom's preview: if he was told nothing was changed, there is no such letter; else there is one, posted once.
    if (NOTHING_CHANGED.test(tom![0]!.text)) {
      expect(during).toEqual([]);
    } else {
      expect(during).toHaveLength(1);
      expect(rootCardsOf(fake, CHANNEL, during[0]!.ref)).toHaveLength(1);
      expect(falseClaimsAboutCard(fake, 'U0TOM', CHANNEL, during[0]!.ref)).toEqual([]);
    }
    expect(during.length).toBeLessThanOrEqual(1);

    // Dana's status: the database's sentence, or her company's letter (with its text, she may see it).
    expect(NOTHING_CHANGED.test(dana![0]!.text) || dana![0]!.text.includes(ref)).toBe(true);

    // Nothing was sent twice: no message repeats in any channel, thread or direct message.
    const posts = fake.of('chat.postMessage').map((c) => JSON.stringify([c.args.channel, c.args.thread_ts ?? null, c.args.text, c.args.blocks]));
    expect(posts.length).toBe(new Set(posts).size);
    expect(rootCardsOf(fake, CHANNEL, ref)).toHaveLength(1);
  }, 100_000);
});

/**
 * Slack failing the root card of a new letter: an HTTP 500, a 429 asking for 30
 * seconds, and an answer that comes only after the client gave up (Slack posted the
 * card; the bot never heard). Driven over HTTP through the real Slack app in this
 * process, on a simulated clock (rate limits included), so "the retry" is the next
 * sweep after the clock moved on.
 */
import { sweep } from '../../src/scheduler/sweep';
import { testSweepOptions } from '../support/scheduler-harness';
import { savedLetters } from './support/dedicated-database';
import { openSlackWorld, type SlackWorld } from '../adapters/slack/support/slack-world';
import { answersTo, command, falseClaimsAboutCard, rootCardsOf, submitPreview, threadPosts } from './support/slack-talk';

const CHANNEL = 'C0NORTH';
const SUMMARY = 'Account suspensions of journalists ahead of the vote.';
const isRootCard = (args: Record<string, unknown>) => args.channel === CHANNEL && !args.thread_ts;

describe('platform 500s, 429s and timeouts during a preview (in-process Slack app, simulated clock)', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await openSlackWorld({ rateLimitsOnSimulatedClock: true });
  });
  afterEach(async () => w.close());

  /** Submits the form as Mara and waits (bounded) for what she is told; returns the letter's reference and the answer. */
  async function preview(waitMs = 5000): Promise<{ ref: string; told: string }> {
    await submitPreview(w.send, 'U0MARA', SUMMARY);
    const told = await w.fake.waitFor(() => answersTo(w.fake, 'U0MARA').find((a) => /PL-\d{4}-\d{4}/.test(a.text)), "Mara's answer", waitMs);
    return { ref: /PL-\d{4}-\d{4}/.exec(told.text)![0], told: told.text };
  }

  /** The letter is saved, and only once: the only letter in the database. */
  async function expectSavedOnce(ref: string): Promise<void> {
    const all = await savedLetters(w.harness.store);
    expect(all.map((l) => l.ref)).toEqual([ref]);
    expect(all[0]).toMatchObject({ summary: SUMMARY, companyKey: 'northwind' });
  }

  /** The retry: the clock moves past the back-off (and any Retry-After), and a sweep runs. */
  async function retryAndExpectOneCard(ref: string, minutes: number): Promise<void> {
    w.harness.clock.advanceHours(minutes / 60);
    await sweep(w.deps, testSweepOptions());
    const cards = rootCardsOf(w.fake, CHANNEL, ref);
    expect(cards).toHaveLength(1);
    const letter = await w.harness.store.letters.get(ref);
    expect(letter!.threads.map((t) => t.rootMessageRef)).toEqual([`slack:msg:${CHANNEL}:${String(cards[0]!.ts)}`]);
    expect(threadPosts(w.fake, CHANNEL, String(cards[0]!.ts))).toHaveLength(1);
    expect(w.fake.of('chat.postMessage').filter((c) => c.args.channel === w.fake.dmOf('U0ANA'))).toHaveLength(1);
    await sweep(w.deps, testSweepOptions()); // a further sweep changes nothing
    expect(rootCardsOf(w.fake, CHANNEL, ref)).toHaveLength(1);
  }

  it('an HTTP 500 on the card: the letter is saved once, Mara is told it is saved but not confirmed, and the retry posts one card', async () => {
    w.fake.failNext('chat.postMessage', { httpStatus: 500 });
    const { ref, told } = await preview();
    expect(w.fake.calls.filter((c) => c.method === 'chat.postMessage' && isRootCard(c.args)).map((c) => c.status)).toEqual([500]);
    expect(told).toContain(`${ref} is saved, but I could not confirm yet that its card is in the company's channel`);
    expect(falseClaimsAboutCard(w.fake, 'U0MARA', CHANNEL, ref)).toEqual([]);
    await expectSavedOnce(ref);
    await retryAndExpectOneCard(ref, 2);
  });

  it("a 429 with Retry-After 30 on the card holds back no one else: Kai's help in another channel is answered before the 30 seconds are over, and the retry posts one card", async () => {
    w.fake.failNext('chat.postMessage', { rateLimitedFor: 30 });
    const { ref, told } = await preview();
    expect(w.fake.calls.filter((c) => c.method === 'chat.postMessage' && isRootCard(c.args)).map((c) => c.status)).toEqual([429]);
    expect(told).toContain(`${ref} is saved, but Slack did not accept the card yet, so it is not in the company's channel`);
    expect(falseClaimsAboutCard(w.fake, 'U0MARA', CHANNEL, ref)).toEqual([]);

    // Neither the simulated nor the real 30 seconds are over: the other answer must not wait for them.
    const before = w.harness.clock.now().getTime();
    await command(w.send, 'U0KAI', 'help', 'C0KESTREL');
    const help = await w.fake.waitFor(() => answersTo(w.fake, 'U0KAI')[0], "Kai's help answer", 5000);
    expect(help.text).toContain('PreLetter commands');
    expect(w.fake.calls[help.index]!.args.channel).toBe('C0KESTREL');
    expect(w.harness.clock.now().getTime()).toBe(before);

    await expectSavedOnce(ref);
    await retryAndExpectOneCard(ref, 2);
    expect(w.fake.calls.filter((c) => c.method === 'chat.postMessage' && isRootCard(c.args)).map((c) => c.status)).toEqual([429, 200]);
  });

  it('an answer that comes only after the client timed out (Slack posted the card): Mara is told it is saved but not that it is missing, and the retry adopts that one card', async () => {
    w.fake.holdNext('chat.postMessage', { stage: 'after-posting', match: isRootCard, releaseWhenCallerGone: true });
    const { ref, told } = await preview(20_000); // the client's own 10-second timeout runs out first
    expect(told).toContain(`${ref} is saved, but I could not confirm yet that its card is in the company's channel`);
    expect(w.fake.calls.filter((c) => c.method === 'chat.postMessage' && isRootCard(c.args))).toHaveLength(1);
    expect(rootCardsOf(w.fake, CHANNEL, ref)).toHaveLength(1); // on Slack's side the card is there
    expect(falseClaimsAboutCard(w.fake, 'U0MARA', CHANNEL, ref)).toEqual([]);
    await expectSavedOnce(ref);
    await retryAndExpectOneCard(ref, 2);
    expect(w.fake.calls.filter((c) => c.method === 'chat.postMessage' && isRootCard(c.args))).toHaveLength(1);
  }, 30_000);
});

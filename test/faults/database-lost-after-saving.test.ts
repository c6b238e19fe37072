/**
 * The database stops answering right after a new letter is saved and its card is on
 * Slack, while the bot is still recording the post: the moment the 45-second pause of
 * database-paused.test.ts hits only on some runs, here made to happen every time.
 * Through the real Slack app in this process, on a simulated clock; "the database" is
 * the store's repositories answering 'unavailable', as the store does when it cannot
 * reach its server.
 */
import { sweep } from '../../src/scheduler/sweep';
import { unavailableError } from '../../src/store/db-errors';
import { testSweepOptions } from '../support/scheduler-harness';
import { savedLetters } from './support/dedicated-database';
import { openSlackWorld, type SlackWorld } from '../adapters/slack/support/slack-world';
import { answersTo, directMessagesTo, falseClaimsAboutCard, rootCardsOf, submitPreview, threadPosts } from './support/slack-talk';

const CHANNEL = 'C0NORTH';
const SUMMARY = 'Shadow-banning of a rights group before the hearing.';

/** The repository, failing every call with the store's 'unavailable' error while `down()` says so. */
function failingWhile<T extends object>(repository: T, down: () => boolean): T {
  return new Proxy(repository, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (down() ? Promise.reject(unavailableError({ operation: String(property) })) : value.apply(target, args));
    },
  });
}

describe('the database lost right after a new letter is saved and its card posted', () => {
  let w: SlackWorld;
  let down = false;
  beforeEach(async () => {
    w = await openSlackWorld({ rateLimitsOnSimulatedClock: true });
    down = false;
    const isDown = () => down;
    w.deps.letters = failingWhile(w.deps.letters, isDown);
    w.deps.directory = failingWhile(w.deps.directory, isDown);
    w.deps.deliveries = failingWhile(w.deps.deliveries, isDown);
    w.deps.schedule = failingWhile(w.deps.schedule, isDown);
  });
  afterEach(async () => w.close());

  it('tells the person the letter is saved (never "nothing was changed"), and once the database is back the card is adopted, not posted again', async () => {
    const held = w.fake.holdNext('chat.postMessage', { stage: 'after-posting', match: (args) => args.channel === CHANNEL && !args.thread_ts });
    await submitPreview(w.send, 'U0MARA', SUMMARY);
    await held.arrived;
    down = true; // Slack has posted the card; the bot has not recorded it yet
    held.release();
    const told = await w.fake.waitFor(() => answersTo(w.fake, 'U0MARA')[0], "Mara's answer", 5000);
    down = false;

    const [letter, ...others] = await savedLetters(w.harness.store);
    expect(others).toEqual([]);
    expect(letter).toMatchObject({ summary: SUMMARY, threads: [] });
    expect(told.text).toContain(`${letter!.ref} is saved, but I could not confirm yet that its card is in the company's channel`);
    expect(told.text).not.toMatch(/nothing was changed/);
    expect(falseClaimsAboutCard(w.fake, 'U0MARA', CHANNEL, letter!.ref)).toEqual([]);

    // The claim on the card is still held (its failure could not be recorded): taken over once its lease ends.
    w.harness.clock.advanceHours(6 / 60);
    await sweep(w.deps, testSweepOptions());
    const cards = rootCardsOf(w.fake, CHANNEL, letter!.ref);
    expect(cards).toHaveLength(1);
    expect(w.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL && !c.args.thread_ts)).toHaveLength(1);
    const ts = String(cards[0]!.ts);
    expect((await w.harness.store.letters.get(letter!.ref))!.threads.map((t) => t.rootMessageRef)).toEqual([`slack:msg:${CHANNEL}:${ts}`]);
    expect(threadPosts(w.fake, CHANNEL, ts)).toHaveLength(1);
    expect(directMessagesTo(w.fake, 'U0ANA')).toHaveLength(1);
    expect(directMessagesTo(w.fake, 'U0WEI')).toHaveLength(1);
  });
});

/**
 * Letters by state for /metrics, counted from the real store: each state derived as a
 * status answer derives it (overdue by the simulated clock), and one count shared by
 * the scrapes of a cache period, a failed count forgotten at once.
 */
import { acknowledge } from '../../src/bot/acknowledge';
import { markSent } from '../../src/bot/mark-sent';
import { previewLetter } from '../../src/bot/preview-letter';
import { recordReply } from '../../src/bot/record-reply';
import type { LetterRepository } from '../../src/bot/repositories';
import { withdraw } from '../../src/bot/withdraw';
import { cachedLetterStates, countLettersByState, LETTER_STATES, type LetterStateSource } from '../../src/observability/letter-states';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { NORTHWIND_CHANNEL, USERS } from '../support/test-directory';

describe('letters by state', () => {
  let h: BotHarness;
  let source: LetterStateSource;
  beforeAll(async () => {
    h = await openBotHarness();
    source = { letters: h.store.letters, directory: h.store.directory, policy: h.deps.policy, clock: h.clock };
    const open = async () =>
      (await previewLetter(h.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'Words.', urgent: false })).letter.ref;
    await open(); // awaiting acknowledgement
    await acknowledge(h.deps, { actor: USERS.ana, ref: await open() });
    await markSent(h.deps, { actor: USERS.mara, ref: await open() });
    const replied = await open();
    await markSent(h.deps, { actor: USERS.mara, ref: replied });
    await recordReply(h.deps, { actor: USERS.mara, ref: replied });
    await withdraw(h.deps, { actor: USERS.mara, ref: await open(), reason: 'superseded' });
  });
  afterAll(async () => h.close());

  it('counts every current letter once, in the state a status answer would give it, with every state present', async () => {
    expect(await countLettersByState(source)).toEqual({ 'awaiting-ack': 1, acknowledged: 1, 'awaiting-reply': 1, overdue: 0, replied: 1, withdrawn: 1 });
    expect(LETTER_STATES).toHaveLength(6);
  });

  it('moves a letter waiting for its reply to overdue once the response window has passed on the clock', async () => {
    const now = h.clock.now();
    try {
      h.clock.advanceDays(h.deps.policy.responseWindowDays + 2);
      expect(await countLettersByState(source)).toMatchObject({ 'awaiting-reply': 0, overdue: 1, replied: 1 });
    } finally {
      h.clock.set(now);
    }
  });

  it('shares one count between scrapes for the cache period, counts afresh after it, and forgets a failed count', async () => {
    let reads = 0;
    let failNext = false;
    const letters: Pick<LetterRepository, 'list'> = {
      list: async (query) => {
        reads += 1;
        if (failNext) {
          failNext = false;
          throw new Error('database unreachable');
        }
        return h.store.letters.list(query);
      },
    };
    let monotonic = 0;
    const states = cachedLetterStates({ ...source, letters }, { cacheMs: 30_000, monotonicNow: () => monotonic });
    const [a, b] = await Promise.all([states(), states()]);
    expect(a).toEqual(b);
    monotonic += 29_999;
    await states();
    expect(reads).toBe(1);
    monotonic += 1;
    failNext = true;
    await expect(states()).rejects.toThrow('database unreachable');
    expect(reads).toBe(2);
    expect((await states())['awaiting-ack']).toBe(1);
    expect(reads).toBe(3);
  });
});

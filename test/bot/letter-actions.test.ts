import { acknowledge } from '../../src/bot/acknowledge';
import { markSent } from '../../src/bot/mark-sent';
import { voiceFor } from '../../src/bot/messages/catalogue';
import type { PreLetterError } from '../../src/domain/errors';
import { wordsOf } from '../support/words';
import { previewLetter } from '../../src/bot/preview-letter';
import { recordReply } from '../../src/bot/record-reply';
import { withdraw } from '../../src/bot/withdraw';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { cardText } from '../support/recording-platform';
import { NORTHWIND_CHANNEL, TEST_DIRECTORY, USERS } from '../support/test-directory';

describe('acting on a letter', () => {
  let h: BotHarness;
  let ref: string;
  beforeEach(async () => {
    h = await openBotHarness();
    const { letter } = await previewLetter(h.deps, {
      actor: USERS.mara,
      channel: NORTHWIND_CHANNEL,
      type: 'AL',
      topics: ['content-moderation'],
      summary: 'Confidential summary of the allegations.',
      urgent: false,
    });
    ref = letter.ref;
    h.slack.calls.length = 0;
  });
  afterEach(async () => h.close());

  it('records an owner acknowledgement once, updates the root card and notes it in the thread', async () => {
    h.clock.advanceHours(3);
    const first = await acknowledge(h.deps, { actor: USERS.ana, ref });
    expect(first.changed).toBe(true);
    expect(cardText(first.reply)).toContain(`${ref} is acknowledged`);

    const update = h.slack.of('updateMessage')[0]!;
    expect(update.messageRef).toMatch(/^root-of-thread-/);
    expect(cardText(update.card)).toContain('Status: Acknowledged');
    expect(update.card.buttons.map((b) => b.action)).not.toContain('acknowledge');
    expect(cardText(h.slack.of('postInThread')[0]!.card)).toContain('Ana Ruiz acknowledged this preview');

    const again = await acknowledge(h.deps, { actor: USERS.wei, ref });
    expect(again.changed).toBe(false);
    // Wei reads it in Singapore time, with the zone named.
    expect(cardText(again.reply)).toContain(`${ref} was already acknowledged by Ana Ruiz on Tue 3 Mar 2026, 19:00 SGT.`);

    const stored = await h.store.letters.get(ref);
    expect(stored?.acknowledged).toEqual({ at: new Date('2026-03-03T11:00:00Z'), by: 'ana' });
    expect(stored?.audit.filter((a) => a.action === 'acknowledged')).toHaveLength(1);
  });

  it("updates each owner's direct message too, so no copy of the card still asks for an acknowledgement", async () => {
    const dmRefs = await Promise.all(
      ['ana', 'wei'].map(async (owner) => (await h.store.deliveries.get(`${ref}:owner-dm:1:${owner}`))?.messageRef),
    );
    expect(dmRefs).toEqual([expect.stringMatching(/^dm-/), expect.stringMatching(/^dm-/)]);

    await acknowledge(h.deps, { actor: USERS.ana, ref });
    const copies = h.slack.of('updateMessage').filter((u) => dmRefs.includes(u.messageRef));
    expect(copies.map((u) => u.messageRef).sort()).toEqual([...dmRefs].sort());
    for (const copy of copies) {
      expect(cardText(copy.card)).toContain('Status: Acknowledged');
      expect(copy.card.buttons).toEqual([]);
      expect(copy.card.threadLink?.url).toMatch(/^https:\/\/chat\.example\/thread-/);
    }

    // A copy that cannot be updated leaves the fact in place and says the card will catch up.
    h.slack.calls.length = 0;
    h.slack.failOn.add('updateMessage');
    const sent = await markSent(h.deps, { actor: USERS.mara, ref });
    expect(sent.changed).toBe(true);
    expect(cardText(sent.reply)).toContain('the card will catch up with the next change');
    expect((await h.store.letters.get(ref))?.formalSent?.by).toBe('mara');
  });

  it('lets exactly one of two simultaneous acknowledgements win', async () => {
    const [a, b] = await Promise.all([
      acknowledge(h.deps, { actor: USERS.ana, ref }),
      acknowledge(h.deps, { actor: USERS.wei, ref }),
    ]);
    expect([a.changed, b.changed].sort()).toEqual([false, true]);
    const stored = await h.store.letters.get(ref);
    expect(stored?.audit.filter((e) => e.action === 'acknowledged')).toHaveLength(1);
  });

  it('refuses an acknowledgement from the mandate team and leaves the letter as it was', async () => {
    const before = await h.store.letters.get(ref);
    await expect(acknowledge(h.deps, { actor: USERS.mara, ref })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await h.store.letters.get(ref)).toEqual(before);
    expect(h.slack.calls).toEqual([]);
  });

  it('does not reveal a letter to someone at another company', async () => {
    await expect(acknowledge(h.deps, { actor: USERS.kai, ref })).rejects.toMatchObject({
      code: 'not-found',
      userMessage: expect.stringContaining('among the letters you can see'),
    });
  });

  it('answers an unknown reference with a sentence that says how to find the right one', async () => {
    await expect(acknowledge(h.deps, { actor: USERS.ana, ref: 'PL-2026-0999' })).rejects.toMatchObject({
      code: 'not-found',
      userMessage: expect.stringContaining('preletter status'),
    });
  });

  it('starts the reply clock when the formal letter is marked sent, with the deadline in Geneva time', async () => {
    const outcome = await markSent(h.deps, { actor: USERS.tom, ref, officialSymbol: 'AL OTH 12/2026' });
    expect(cardText(outcome.reply)).toContain('the reply is due by Sat 2 May 2026, 23:59 CEST (60 days)');
    const stored = await h.store.letters.get(ref);
    expect(stored?.officialSymbol).toBe('AL OTH 12/2026');
    expect(cardText(h.slack.of('updateMessage')[0]!.card)).toContain('Status: Awaiting reply');
  });

  it("tells the person who marked it sent the deadline in their own zone, while the thread says Geneva time", async () => {
    await h.store.directory.apply({ ...TEST_DIRECTORY, people: TEST_DIRECTORY.people.map((p) => (p.key === 'tom' ? { ...p, timeZone: 'America/New_York' } : p)) });
    const outcome = await markSent(h.deps, { actor: USERS.tom, ref });
    expect(cardText(outcome.reply)).toContain('the reply is due by Sat 2 May 2026, 17:59 EDT (60 days)');
    expect(cardText(h.slack.of('postInThread')[0]!.card)).toContain('the reply is due by Sat 2 May 2026, 23:59 CEST (60 days)');
  });

  it('refuses to record a reply before the formal letter is sent, then records it after', async () => {
    await expect(recordReply(h.deps, { actor: USERS.mara, ref })).rejects.toMatchObject({
      code: 'conflict',
      userMessage: expect.stringContaining(`preletter sent ${ref}`),
    });
    expect((await h.store.letters.get(ref))?.replied).toBeUndefined();

    await markSent(h.deps, { actor: USERS.mara, ref });
    h.clock.advanceDays(20);
    const done = await recordReply(h.deps, { actor: USERS.mara, ref });
    expect(done.changed).toBe(true);
    expect(cardText(h.slack.of('updateMessage').at(-1)!.card)).toContain('Status: Replied');
  });

  it('refuses a reply recorded by the company: only the mandate team records replies', async () => {
    await markSent(h.deps, { actor: USERS.mara, ref });
    await expect(recordReply(h.deps, { actor: USERS.ana, ref })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('withdraws a letter with its reason, after which acknowledging is refused politely', async () => {
    const out = await withdraw(h.deps, { actor: USERS.mara, ref, reason: 'superseded by a joint letter' });
    expect(out.changed).toBe(true);
    expect(cardText(h.slack.of('postInThread')[0]!.card)).toContain(
      'Mara Quell withdrew this letter preview: superseded by a joint letter. No action is needed from the company.',
    );
    expect((await h.store.letters.get(ref))?.withdrawReason).toBe('superseded by a joint letter');
    const refused = await acknowledge(h.deps, { actor: USERS.ana, ref }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'conflict', say: { key: 'action.withdrawn', ref } });
    // Ana reads Los Angeles time: her turn's voice words the refusal in her zone, named.
    expect(wordsOf((refused as PreLetterError).say!, voiceFor({ zone: 'America/Los_Angeles' }))).toContain(`${ref} was withdrawn on Tue 3 Mar 2026, 00:00 PST,`);
  });

  it('keeps the fact when the thread cannot be updated, and says the card will catch up', async () => {
    h.slack.failOn.add('updateMessage');
    const out = await acknowledge(h.deps, { actor: USERS.ana, ref });
    expect(out.changed).toBe(true);
    expect(cardText(out.reply)).toContain('could not update the letter');
    expect((await h.store.letters.get(ref))?.acknowledged?.by).toBe('ana');
  });
});

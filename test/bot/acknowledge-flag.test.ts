/** Acknowledging a flag through the core, on the real database, with a recording platform for Slack. */
import { acknowledgeFlag } from '../../src/bot/acknowledge-flag';
import { handleCommand } from '../../src/bot/handle-command';
import { raiseFlag } from '../../src/bot/raise-flag';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { cardText } from '../support/recording-platform';
import { NORTHWIND_CHANNEL, TEST_DIRECTORY, USERS } from '../support/test-directory';
import { segmentsText } from '../support/words';

describe('acknowledging a flag', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness();
  });
  afterEach(async () => h.close());

  it('records one acknowledgement by the mandate team, tells the person who raised it, and answers a repeat politely', async () => {
    const { flag } = await raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['surveillance'], summary: 'Data requests.', urgent: false });
    h.slack.calls.length = 0;
    const first = await acknowledgeFlag(h.deps, { actor: USERS.tom, ref: flag.ref });
    expect(first.changed).toBe(true);
    expect((await h.store.flags.get(flag.ref))?.acknowledged).toMatchObject({ by: 'tom', mandateKey: 'sr-expression' });
    const told = h.slack.calls.filter((c) => c.method === 'sendDirect');
    expect(told.map((c) => (c as { user: { userId: string } }).user.userId)).toEqual(['U0ANA']);
    const again = await acknowledgeFlag(h.deps, { actor: USERS.mara, ref: flag.ref });
    expect(again.changed).toBe(false);
    expect(again.reply.body.map(segmentsText).join(' ')).toContain('already acknowledged by Tom Arlen');
  });

  it('lets only a routed mandate’s team acknowledge, and answers anyone who may not know the flag as for an unknown reference', async () => {
    const { flag } = await raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['surveillance'], summary: 'Data requests.', urgent: false });
    await expect(acknowledgeFlag(h.deps, { actor: USERS.ana, ref: flag.ref })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(acknowledgeFlag(h.deps, { actor: USERS.kai, ref: flag.ref })).rejects.toMatchObject({ code: 'not-found' });
    await expect(acknowledgeFlag(h.deps, { actor: USERS.kai, ref: 'FL-2026-0999' })).rejects.toMatchObject({ code: 'not-found' });
    expect((await h.store.flags.get(flag.ref))?.acknowledged).toBeUndefined();
  });

  it('is also acknowledged by the same command as letters, `ack FL-…`, in any case', async () => {
    const { flag } = await raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['surveillance'], summary: 'Data requests.', urgent: false });
    const outcome = await handleCommand(h.deps, { actor: USERS.mara, text: `ack ${flag.ref.toLowerCase()}` });
    expect(outcome.kind === 'reply' && outcome.card.body.map(segmentsText).join(' ')).toContain(`Thank you: ${flag.ref} is acknowledged.`);
    expect((await h.store.flags.get(flag.ref))?.acknowledged?.by).toBe('mara');
  });

  it('lets an admin acknowledge a flag no mandate covers, for the admins, and tells the person who raised it so', async () => {
    const { flag } = await raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['elections'], summary: 'Ads.', urgent: false });
    await expect(acknowledgeFlag(h.deps, { actor: USERS.mara, ref: flag.ref })).rejects.toMatchObject({ code: 'not-found' });
    h.slack.calls.length = 0;
    const done = await acknowledgeFlag(h.deps, { actor: USERS.root, ref: flag.ref });
    expect(done.changed).toBe(true);
    const stored = await h.store.flags.get(flag.ref);
    expect(stored?.acknowledged).toMatchObject({ by: 'root' });
    expect(stored?.acknowledged?.mandateKey).toBeUndefined();
    const told = h.slack.calls.flatMap((c) => (c.method === 'sendDirect' ? [c.card.body.map(segmentsText).join(' ')] : []));
    expect(told).toEqual(['Robin Admin acknowledged FL-2026-0001 for the PreLetter admins, who will pass it to the mandate it concerns.']);
    const updated = h.slack.of('updateMessage');
    expect(updated).toHaveLength(1);
    expect(cardText(updated[0]!.card)).toContain('Acknowledged: Robin Admin, for the PreLetter admins');
  });

  it('updates each team member’s direct copy of the flag once someone acknowledged it, without the button', async () => {
    const { flag } = await raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['surveillance'], summary: 'Data requests.', urgent: false });
    const sent = h.slack.of('sendDirect').filter((c) => c.card.buttons.length > 0);
    expect(sent.map((c) => c.user.userId)).toEqual(['U0MARA', 'U0TOM']);
    const refs = h.slack.calls.length;
    await acknowledgeFlag(h.deps, { actor: USERS.mara, ref: flag.ref });
    const updates = h.slack.calls.slice(refs).flatMap((c) => (c.method === 'updateMessage' ? [c] : []));
    expect(updates).toHaveLength(2);
    for (const { card } of updates) expect(card.buttons).toEqual([]);
  });

  it('puts an Acknowledge button on the cards its mandate teams get, and on the admins’ copy of a flag no mandate covers', async () => {
    await raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['surveillance'], summary: 'Data requests.', urgent: false });
    await raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['elections'], summary: 'Election ads.', urgent: false });
    const buttons = h.slack.of('sendDirect').map((c) => [c.user.userId, c.card.buttons.map((b) => `${b.action} ${b.value}`)]);
    expect(buttons).toEqual([
      ['U0MARA', ['acknowledge-flag FL-2026-0001']],
      ['U0TOM', ['acknowledge-flag FL-2026-0001']],
      ['U0ROOT', ['acknowledge-flag FL-2026-0002']],
    ]);
  });

  it('updates every card of the flag posted in a mandate channel, and the copy pressed, to say who acknowledged it for which mandate, without the button', async () => {
    const mandateChannel = { platform: 'slack' as const, workspaceId: 'T0TEST', channelId: 'C0MANDATE' };
    await h.store.directory.apply({ ...TEST_DIRECTORY, mandates: TEST_DIRECTORY.mandates.map((m) => ({ ...m, channel: mandateChannel })) });
    const { flag } = await raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['surveillance'], summary: 'Data requests.', urgent: false });
    const root = h.slack.of('postRoot')[0]!;
    expect(root.card.buttons.map((b) => b.action)).toEqual(['acknowledge-flag']);
    h.clock.advanceHours(3);
    await acknowledgeFlag(h.deps, { actor: USERS.tom, ref: flag.ref, copy: 'a-direct-message' });
    const updates = h.slack.of('updateMessage');
    expect(updates.map((u) => u.messageRef)).toEqual([flag.threads[0]!.rootMessageRef, 'a-direct-message']);
    for (const { card } of updates) {
      expect(card.buttons).toEqual([]);
      expect(cardText(card)).toContain('Acknowledged: Tom Arlen, for the Special Rapporteur on freedom of opinion and expression, Tue 3 Mar 2026');
      expect(cardText(card)).toContain('Data requests.');
    }
    // A repeat changes no card.
    await acknowledgeFlag(h.deps, { actor: USERS.mara, ref: flag.ref });
    expect(h.slack.of('updateMessage')).toHaveLength(2);
  });
});

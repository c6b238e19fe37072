/** Acknowledging a flag through the core, on the real database, with a recording platform for Slack. */
import { acknowledgeFlag } from '../../src/bot/acknowledge-flag';
import { handleCommand } from '../../src/bot/handle-command';
import { raiseFlag } from '../../src/bot/raise-flag';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { NORTHWIND_CHANNEL, USERS } from '../support/test-directory';
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
  });
});

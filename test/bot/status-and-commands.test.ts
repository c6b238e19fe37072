import { handleCommand } from '../../src/bot/handle-command';
import { markSent } from '../../src/bot/mark-sent';
import { segmentsText } from '../support/words';
import { previewLetter } from '../../src/bot/preview-letter';
import { status } from '../../src/bot/status';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { cardText } from '../support/recording-platform';
import { KESTREL_CHANNEL, NORTHWIND_CHANNEL, USERS } from '../support/test-directory';

const SECRET = 'Confidential: surveillance export to a third country.';

describe('status and commands', () => {
  let h: BotHarness;
  let northwindRef: string;
  let kestrelRef: string;
  beforeAll(async () => {
    h = await openBotHarness();
    const base = { actor: USERS.mara, type: 'AL' as const, urgent: false };
    northwindRef = (await previewLetter(h.deps, { ...base, channel: NORTHWIND_CHANNEL, topics: ['content-moderation'], summary: SECRET })).letter.ref;
    kestrelRef = (await previewLetter(h.deps, { ...base, channel: KESTREL_CHANNEL, topics: ['surveillance'], summary: SECRET })).letter.ref;
    await markSent(h.deps, { actor: USERS.mara, ref: northwindRef, officialSymbol: 'AL OTH 12/2026' });
    h.clock.advanceDays(10);
  });
  afterAll(async () => h.close());

  it('lists both letters for the mandate team, with days left and a link to the thread', async () => {
    const card = await status(h.deps, { actor: USERS.mara });
    const text = cardText(card);
    expect(text).toContain(`${northwindRef} · Northwind Social`);
    expect(text).toContain(`${kestrelRef} · Kestrel Cloud`);
    expect(text).toContain('Awaiting reply · 50 days left');
    expect(text).toContain('https://chat.example/thread-');
  });

  it("shows a company's people only their own company's letters", async () => {
    const text = cardText(await status(h.deps, { actor: USERS.kai }));
    expect(text).toContain(kestrelRef);
    expect(text).not.toContain(northwindRef);
  });

  it('shows the summary in a timeline to a routed owner but not to an unrouted company contact', async () => {
    expect(cardText(await status(h.deps, { actor: USERS.ana, ref: northwindRef }))).toContain(SECRET);
    const forContact = cardText(await status(h.deps, { actor: USERS.dana, ref: northwindRef }));
    expect(forContact).toContain('Formal letter sent');
    expect(forContact).toContain('Official symbol: AL OTH 12/2026');
    expect(forContact).not.toContain(SECRET);
  });

  it('treats a letter of another company as not found rather than revealing it', async () => {
    await expect(status(h.deps, { actor: USERS.kai, ref: northwindRef })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('lets an admin see every letter', async () => {
    const text = cardText(await status(h.deps, { actor: USERS.root }));
    expect(text).toContain(northwindRef);
    expect(text).toContain(kestrelRef);
  });

  it('filters by company name or alias', async () => {
    const text = cardText(await status(h.deps, { actor: USERS.mara, company: 'northwind' }));
    expect(text).toContain(northwindRef);
    expect(text).not.toContain(kestrelRef);
    await expect(status(h.deps, { actor: USERS.mara, company: 'Globex' })).rejects.toMatchObject({
      code: 'not-found',
      userMessage: expect.stringContaining('"Globex"'),
    });
  });

  it('runs a typed command through the same use cases', async () => {
    const outcome = await handleCommand(h.deps, { actor: USERS.mara, text: `status ${northwindRef.toLowerCase()}` });
    expect(outcome.kind).toBe('reply');
    expect(outcome.kind === 'reply' && outcome.card.title).toBe(`${northwindRef} timeline`);
  });

  it('answers a typo with a suggestion and the help line, naming what was wrong', async () => {
    await expect(handleCommand(h.deps, { actor: USERS.mara, text: 'stauts' })).rejects.toMatchObject({
      code: 'invalid-input',
      userMessage: expect.stringMatching(/Did you mean preletter status\?.*Commands:/s),
    });
    await expect(handleCommand(h.deps, { actor: USERS.ana, text: 'ack' })).rejects.toMatchObject({
      userMessage: expect.stringContaining('The letter reference is missing'),
    });
  });

  it('asks for the preview form only in a bound channel, with the topics this person may choose', async () => {
    const outcome = await handleCommand(h.deps, { actor: USERS.mara, text: 'preview', channel: NORTHWIND_CHANNEL });
    expect(outcome).toMatchObject({
      kind: 'preview-form',
      options: { company: { key: 'northwind', name: 'Northwind Social' }, mandates: [{ key: 'sr-expression' }] },
    });
    await expect(handleCommand(h.deps, { actor: USERS.mara, text: 'preview' })).rejects.toMatchObject({ code: 'not-bound' });
  });

  it('answers help with every command', async () => {
    const outcome = await handleCommand(h.deps, { actor: USERS.stranger, text: '' });
    const lines = outcome.kind === 'reply' ? outcome.card.body.slice(1).map((p) => segmentsText(p).split(': ')[0]) : [];
    expect(lines).toEqual([
      '`/preletter preview`',
      '`/preletter flag`',
      '`/preletter call`',
      '`/preletter status [REF or company]`',
      '`/preletter ack REF`',
      '`/preletter sent REF [official symbol]`',
      '`/preletter replied REF`',
      '`/preletter withdraw REF [reason]`',
      '`/preletter report [period]`',
      '`/preletter help`',
    ]);
    const withdrawHelp = outcome.kind === 'reply' ? outcome.card.body.map(segmentsText).find((line) => line.startsWith('`/preletter withdraw')) : undefined;
    expect(withdrawHelp).toContain('Withdraw a letter that will not be sent; the reason, if you give one, is shown to the company.');
  });
});

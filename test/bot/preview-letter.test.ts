import { previewFormOptions, previewLetter, type PreviewInput } from '../../src/bot/preview-letter';
import { sweep } from '../../src/scheduler/sweep';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { cardText } from '../support/recording-platform';
import { testSweepOptions } from '../support/scheduler-harness';
import { KESTREL_CHANNEL, NORTHWIND_CHANNEL, TEST_DIRECTORY, UNBOUND_CHANNEL, USERS } from '../support/test-directory';

const SUMMARY = 'Takedown of protest footage in the run-up to the election.';

function input(overrides: Partial<PreviewInput> = {}): PreviewInput {
  return {
    actor: USERS.mara,
    channel: NORTHWIND_CHANNEL,
    type: 'AL',
    topics: ['content-moderation'],
    summary: SUMMARY,
    urgent: false,
    expectedFormalDate: '2026-03-20',
    ...overrides,
  };
}

describe('previewing a letter', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness();
  });
  afterEach(async () => h.close());

  it('saves the letter, posts its card only in the company channel, mentions and messages the owners', async () => {
    const { letter, reply } = await previewLetter(h.deps, input());

    expect(letter.ref).toBe('PL-2026-0001');
    const roots = h.slack.of('postRoot');
    expect(roots).toHaveLength(1);
    expect(roots[0]!.channel).toEqual(NORTHWIND_CHANNEL);
    expect(cardText(roots[0]!.card)).toContain(SUMMARY);

    const intro = h.slack.of('postInThread')[0]!;
    expect(intro.threadRef).toBe(roots[0]!.threadRef);
    const mentioned = intro.card.body.flat().flatMap((s) => ('mention' in s ? [s.mention.userId] : []));
    expect(mentioned).toEqual(['U0ANA', 'U0WEI']);

    const dms = h.slack.of('sendDirect');
    expect(dms.map((d) => d.user.userId)).toEqual(['U0ANA', 'U0WEI']);
    expect(dms[0]!.card.threadLink).toEqual({ url: `https://chat.example/${roots[0]!.threadRef}`, label: 'Open thread' });
    expect(cardText(reply)).toContain("PL-2026-0001 is open in the company's channel and routed to Ana Ruiz and Wei Tan.");

    const stored = await h.store.letters.get('PL-2026-0001');
    expect(stored?.threads).toEqual([
      { platform: 'slack', channel: NORTHWIND_CHANNEL, threadRef: roots[0]!.threadRef, rootMessageRef: `root-of-${roots[0]!.threadRef}` },
    ]);
    expect(stored?.audit.map((a) => a.action)).toEqual(['previewed', 'routed', 'posted']);
    expect(stored?.routing).toMatchObject({ owners: ['ana', 'wei'], backups: ['bea'], escalation: ['eli'], unrouted: false });
  });

  it('offers only topics every form can show and send back, and refuses to open a form with none, creating nothing', async () => {
    const long = 'x'.repeat(151);
    const withTopics = (mandateTopics: string[], routeTopics: string[]) => ({
      ...TEST_DIRECTORY,
      mandates: TEST_DIRECTORY.mandates.map((m) => ({ ...m, topics: mandateTopics })),
      companies: TEST_DIRECTORY.companies.map((c) => (c.key === 'northwind' ? { ...c, routes: c.routes.map((r) => ({ ...r, topics: routeTopics })) } : c)),
    });
    // Written straight to the store: the import refuses such topics, but an older directory may hold them.
    await h.store.directory.apply(withTopics(['privacy, surveillance', 'surveillance'], [long, 'content-moderation']));
    expect((await previewFormOptions(h.deps, USERS.mara, NORTHWIND_CHANNEL)).topics).toEqual(['content-moderation', 'surveillance']);
    await expect(previewLetter(h.deps, input({ topics: ['privacy, surveillance'] }))).rejects.toMatchObject({ code: 'invalid-input' });

    await h.store.directory.apply(withTopics(['privacy, surveillance'], [long]));
    await expect(previewFormOptions(h.deps, USERS.mara, NORTHWIND_CHANNEL)).rejects.toMatchObject({
      code: 'invalid-input',
      userMessage: 'There are no topics on file for Northwind Social or your mandates that the preview form can offer, so nothing was created. Ask your PreLetter admin to add topics to the directory.',
    });
    expect(await h.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual([]);
  });

  it("tells a company's person who asks for the form, in any channel, that only the mandate team previews letters", async () => {
    const only = { code: 'forbidden', userMessage: expect.stringContaining('Only members of a mandate team can preview letters.') };
    await expect(previewFormOptions(h.deps, USERS.ana, NORTHWIND_CHANNEL)).rejects.toMatchObject(only);
    // From the company's own workspace in the shared channel, or from an unbound channel: the same real reason.
    await expect(previewFormOptions(h.deps, USERS.ana, { ...NORTHWIND_CHANNEL, workspaceId: 'T0NORTHWIND' })).rejects.toMatchObject(only);
    await expect(previewFormOptions(h.deps, USERS.ana, UNBOUND_CHANNEL)).rejects.toMatchObject(only);
    // The mandate team in an unbound channel is told about the channel.
    await expect(previewFormOptions(h.deps, USERS.mara, UNBOUND_CHANNEL)).rejects.toMatchObject({ code: 'not-bound' });
  });

  it('gives consecutive references to consecutive letters', async () => {
    const first = await previewLetter(h.deps, input());
    const second = await previewLetter(h.deps, input({ actor: USERS.tom }));
    expect([first.letter.ref, second.letter.ref]).toEqual(['PL-2026-0001', 'PL-2026-0002']);
  });

  it('refuses a channel not bound to any company and creates nothing', async () => {
    await expect(previewLetter(h.deps, input({ channel: UNBOUND_CHANNEL }))).rejects.toMatchObject({
      code: 'not-bound',
      userMessage: expect.stringContaining('not bound to a company'),
    });
    expect(await h.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual([]);
    expect(h.slack.calls).toEqual([]);
  });

  it('routes by the channel, so a letter previewed in the Kestrel channel never reaches Northwind people', async () => {
    await previewLetter(h.deps, input({ channel: KESTREL_CHANNEL, topics: ['surveillance'] }));
    const everyone = h.slack.calls.flatMap((c) => ('user' in c ? [c.user.userId] : []));
    expect(everyone).toEqual(['U0KAI']);
    expect(h.slack.of('postRoot').map((c) => c.channel)).toEqual([KESTREL_CHANNEL]);
  });

  it('refuses people who are not on a mandate team, and strangers, without creating anything', async () => {
    await expect(previewLetter(h.deps, input({ actor: USERS.ana }))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(previewLetter(h.deps, input({ actor: USERS.stranger }))).rejects.toMatchObject({
      code: 'forbidden',
      userMessage:
        "I don't know your Slack account yet, so I can't act for you. Ask your PreLetter admin to add it to the routing directory, and give them these ids: Slack workspace T0TEST, user U0NOBODY.",
    });
    expect(await h.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual([]);
  });

  it('keeps an unrouted letter, says so plainly, and alerts the admins without the confidential summary', async () => {
    const { letter, reply } = await previewLetter(h.deps, input({ channel: KESTREL_CHANNEL, topics: ['content-moderation'] }));

    expect(letter.routing.unrouted).toBe(true);
    expect(cardText(reply)).toContain('nobody at Kestrel Cloud is on file for content-moderation');
    const dms = h.slack.of('sendDirect');
    expect(dms.map((d) => d.user.userId)).toEqual(['U0ROOT']);
    expect(cardText(dms[0]!.card)).not.toContain(SUMMARY);
    const stored = await h.store.letters.get(letter.ref);
    expect(stored?.audit.map((a) => a.action)).toContain('unrouted-alert');
  });

  it('adds the urgent line to an urgent appeal', async () => {
    const { letter } = await previewLetter(h.deps, input({ type: 'UA' }));
    expect(letter.urgent).toBe(true);
    expect(letter.routing.owners).toEqual(['ana', 'wei', 'dana']);
  });

  it('keeps the letter, tells the truth when the channel post fails, and posts it once the platform answers', async () => {
    h.slack.failOn.add('postRoot');
    const { letter, reply } = await previewLetter(h.deps, input());
    expect(reply.tone).toBe('warning');
    expect(cardText(reply)).toContain("PL-2026-0001 is saved, but Slack did not accept the card yet, so it is not in the company's channel. It will appear there as soon as Slack answers");
    expect(letter.threads).toEqual([]);
    expect(await h.store.letters.get('PL-2026-0001')).not.toBeNull();
    expect(h.slack.of('sendDirect')).toEqual([]);
    h.slack.failOn.clear();
    h.clock.advanceHours(1 / 60);
    await sweep(h.deps, testSweepOptions());
    expect(h.slack.of('postRoot')).toHaveLength(1);
    expect(h.slack.of('sendDirect').map((c) => c.user.userId).sort()).toEqual([USERS.ana.userId, USERS.wei.userId].sort());
    expect((await h.store.letters.get('PL-2026-0001'))!.threads).toHaveLength(1);
  });

  it('still opens the letter when a direct message fails, says the message is still being tried, and sends it later once', async () => {
    h.slack.failOn.add('sendDirect');
    const { reply } = await previewLetter(h.deps, input());
    expect(cardText(reply)).toContain('My direct message to Ana Ruiz and Wei Tan has not gone through yet; I will keep trying.');
    expect(h.slack.of('postRoot')).toHaveLength(1);
    h.slack.failOn.clear();
    h.clock.advanceHours(1 / 60);
    await sweep(h.deps, testSweepOptions());
    await sweep(h.deps, testSweepOptions());
    expect(h.slack.of('sendDirect')).toHaveLength(2);
    expect(h.slack.of('postRoot')).toHaveLength(1);
  });

  it('says plainly which owner cannot be messaged at all', async () => {
    const noAccount = { ...TEST_DIRECTORY, people: TEST_DIRECTORY.people.map((p) => (p.key === 'wei' ? { ...p, identities: [{ ...p.identities[0]!, platform: 'teams' as const }] } : p)) };
    await h.store.directory.apply(noAccount);
    const { reply } = await previewLetter(h.deps, input());
    expect(cardText(reply)).toContain('I could not send a direct message to Wei Tan; they will still see the mention in the thread.');
  });
});

describe('previewing a letter with topics the form did not offer', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness();
  });
  afterEach(async () => h.close());

  it('refuses a topic outside the directory, naming the field, and saves nothing', async () => {
    await expect(previewLetter(h.deps, input({ topics: ['content-moderation', 'x'.repeat(500)] }))).rejects.toMatchObject({
      code: 'invalid-input',
      userMessage: expect.stringMatching(/^Topics: choose between 1 and 20 of the topics the form offers for Northwind Social\. "x{40}…" is not one of them\. Nothing was created\.$/),
    });
    await expect(previewLetter(h.deps, input({ topics: [] }))).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await h.store.letters.get('PL-2026-0001')).toBeNull();
    expect(h.slack.calls).toEqual([]);
  });
});

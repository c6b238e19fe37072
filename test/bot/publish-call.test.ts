/** Publishing a call for input through the core, on the real database, with a recording platform for Slack. */
import { deliverCall, loadCallContext } from '../../src/bot/call-delivery';
import { callFormOptions } from '../../src/bot/publish-call';
import type { NeutralCard } from '../../src/bot/ports';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { CALL_LINK, directoryWith, MANDATE_CHANNEL, publish } from '../support/calls';
import { cardText } from '../support/recording-platform';
import { KESTREL_CHANNEL, NORTHWIND_CHANNEL, USERS } from '../support/test-directory';
import { englishOf, segmentsText } from '../support/words';

const bodyText = (card: NeutralCard) => card.body.map(segmentsText).join(' ');

describe('publishing a call for input', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness();
  });
  afterEach(async () => h.close());

  it('offers a mandate team member their mandates, with the topics they cover and the deadline days they accept', async () => {
    expect(await callFormOptions(h.deps, USERS.mara)).toEqual({
      mandates: [
        {
          key: 'sr-expression',
          title: 'Special Rapporteur on freedom of opinion and expression',
          topics: ['content-moderation', 'surveillance'],
          deadlines: { first: '2026-03-04', last: '2027-03-03' },
        },
      ],
      topics: ['content-moderation', 'surveillance'],
    });
    await expect(callFormOptions(h.deps, USERS.ana)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await callFormOptions(h.deps, USERS.root)).mandates.map((m) => m.key)).toEqual(['sr-expression']);
  });

  it('posts one card in each matching company’s channel, records where it is, messages nobody, and tells the publisher which companies', async () => {
    const { call, reply } = await publish(h);
    expect(call.ref).toBe('CI-2026-0001');
    const roots = h.slack.of('postRoot');
    expect(roots.map((c) => c.channel)).toEqual([KESTREL_CHANNEL, NORTHWIND_CHANNEL]);
    expect(roots.map((c) => c.marker)).toEqual(['CI-2026-0001', 'CI-2026-0001']);
    const card = roots[1]!.card;
    expect(card.title).toBe('CI-2026-0001 · Call for input: Content moderation during elections');
    expect(cardText(card)).toContain(`Read the call: ${CALL_LINK}`);
    expect(cardText(card)).toContain('Input due: Thu 30 Apr 2026, 23:59 CEST (58 days left)');
    expect(cardText(card)).toContain('Your answer: No answer yet');
    expect(card.buttons.map((b) => [b.action, b.value])).toEqual([
      ['call-contribute', 'CI-2026-0001'],
      ['call-submitted', 'CI-2026-0001'],
      ['call-declined', 'CI-2026-0001'],
    ]);
    expect(h.slack.of('sendDirect')).toEqual([]);
    const stored = (await h.store.calls.get('CI-2026-0001'))!;
    expect(stored.recipients.map((r) => [r.companyKey, r.owners, r.thread?.threadRef])).toEqual([
      ['kestrel', ['kai'], roots[0]!.threadRef],
      ['northwind', ['ana', 'wei'], roots[1]!.threadRef],
    ]);
    expect(stored.deadline.toISOString()).toBe('2026-04-30T21:59:59.999Z');
    expect(reply.title).toBe('Call for input CI-2026-0001 published');
    expect(bodyText(reply)).toBe('CI-2026-0001 went to 2 companies: Kestrel Cloud and Northwind Social. Answers are due by Thu 30 Apr 2026, 23:59 CEST.');
  });

  it('never sends a call to a company none of whose routes covers its topics', async () => {
    const { call } = await publish(h, { topics: ['content-moderation'] });
    expect(call.recipients.map((r) => r.companyKey)).toEqual(['northwind']);
    expect(h.slack.of('postRoot').map((c) => c.channel)).toEqual([NORTHWIND_CHANNEL]);
  });

  it('sends the card to the owners directly when PreLetter has no channel with the company, and says so', async () => {
    await h.store.directory.apply(directoryWith({ kestrelUnbound: true }));
    const { call, reply } = await publish(h);
    const dms = h.slack.of('sendDirect');
    expect(dms.map((c) => c.user.userId)).toEqual(['U0KAI']);
    expect(dms[0]!.card.buttons).toHaveLength(3);
    expect(call.recipients.find((r) => r.companyKey === 'kestrel')!.copies).toEqual([{ personKey: 'kai', platform: 'slack', messageRef: expect.any(String) }]);
    expect(h.slack.of('postRoot').map((c) => c.channel)).toEqual([NORTHWIND_CHANNEL]);
    expect(bodyText(reply)).toContain('PreLetter has no channel with Kestrel Cloud, so the people who own these topics there received it by direct message.');
  });

  it('posts the table of answers in the mandate’s own channel when it has one', async () => {
    await h.store.directory.apply(directoryWith({ mandateChannel: true }));
    const { call } = await publish(h);
    const table = h.slack.of('postRoot').find((c) => c.channel.channelId === MANDATE_CHANNEL.channelId)!;
    expect(table.card.title).toBe('Answers to CI-2026-0001: Content moderation during elections');
    expect(cardText(table.card)).toContain('0 of 2 companies answered.');
    expect(cardText(table.card)).toContain('Northwind Social: No answer yet');
    expect(call.mandateThread?.threadRef).toBe(table.threadRef);
  });

  it('lets an admin publish for a mandate they are not on', async () => {
    const { call } = await publish(h, { actor: USERS.root, mandateKey: 'sr-expression' });
    expect(call).toMatchObject({ mandateKey: 'sr-expression', published: { by: 'root' } });
  });

  it('refuses each field at fault with a sentence naming it, and publishes nothing', async () => {
    const cases: Array<[Parameters<typeof publish>[1], string, string]> = [
      [{ title: '  ' }, 'title', 'Title: write a title of at most 200 characters. Nothing was published.'],
      [{ title: 'x'.repeat(201) }, 'title', 'Title: write a title of at most 200 characters. Nothing was published.'],
      [{ link: 'http://www.ohchr.org/call' }, 'link', 'Link: give the address of the published call, starting with https://. Nothing was published.'],
      [{ topics: [] }, 'topics', 'Topics: choose at least one of the topics of the Special Rapporteur on freedom of opinion and expression. Nothing was published.'],
      [{ topics: ['surveillance', 'elections'] }, 'topics', 'Topics: choose at least one of the topics of the Special Rapporteur on freedom of opinion and expression. "elections" is not one of them. Nothing was published.'],
      [{ deadline: '2026-03-03' }, 'deadline', 'Deadline: choose a day from tomorrow to 365 days from now. Nothing was published.'],
      [{ deadline: '2027-03-04' }, 'deadline', 'Deadline: choose a day from tomorrow to 365 days from now. Nothing was published.'],
      [{ deadline: '30/04/2026' }, 'deadline', 'Deadline: choose a day from tomorrow to 365 days from now. Nothing was published.'],
    ];
    for (const [overrides, field, words] of cases) {
      const refused = await publish(h, overrides).catch((err: unknown) => err);
      expect([field, refused]).toMatchObject([field, { code: 'invalid-input', context: { field } }]);
      expect(englishOf(refused)).toBe(words);
    }
    await expect(publish(h, { actor: USERS.ana })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(publish(h, { mandateKey: 'sr-privacy' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await h.store.calls.get('CI-2026-0001')).toBeNull();
    expect(h.slack.calls).toEqual([]);
  });

  it('refuses a call on topics no company has a route for, as it would reach nobody', async () => {
    await h.store.directory.apply(directoryWith({ edit: (d) => ({ ...d, mandates: d.mandates.map((m) => ({ ...m, topics: [...m.topics, 'elections'] })) }) }));
    const refused = await publish(h, { topics: ['elections'] }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'invalid-input', context: { field: 'topics' } });
    expect(englishOf(refused)).toContain('no company in the directory has a route for these topics');
    expect(await h.store.calls.get('CI-2026-0001')).toBeNull();
  });

  it('keeps the call when a company’s card cannot be posted, and names that company to the publisher', async () => {
    h.slack.failOn.add('postRoot');
    const { call, reply } = await publish(h);
    expect(reply.tone).toBe('warning');
    expect(bodyText(reply)).toContain('I could not deliver it to Kestrel Cloud and Northwind Social yet.');
    expect((await h.store.calls.get(call.ref))!.recipients.map((r) => r.thread)).toEqual([undefined, undefined]);
  });

  it('delivers, when asked again, only the cards still missing', async () => {
    h.slack.failOn.add('postRoot');
    const { call } = await publish(h, { topics: ['content-moderation'] });
    h.slack.failOn.clear();
    const retried = await deliverCall(h.deps, await loadCallContext(h.deps, call));
    expect([retried.inChannel, retried.failed]).toEqual([['northwind'], []]);
    expect(h.slack.of('postRoot').map((c) => c.channel)).toEqual([NORTHWIND_CHANNEL]);
    const again = await deliverCall(h.deps, await loadCallContext(h.deps, retried.call));
    expect(again.inChannel).toEqual(['northwind']);
    expect(h.slack.of('postRoot')).toHaveLength(1);
    expect((await h.store.calls.get(call.ref))!.recipients[0]!.thread?.threadRef).toBe(h.slack.of('postRoot')[0]!.threadRef);
  });
});

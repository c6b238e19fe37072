/**
 * A call for input on Teams, through botbuilder's real CloudAdapter over HTTP with the Bot
 * Connector fake: `@PreLetter call` in the mandate team's channel → a card whose button opens
 * the form as a dialog (task/fetch) → a submit with mistakes (shown in the dialog, inputs kept)
 * → a valid submit (task/submit) → one card in each matching company's channel → a company's
 * answer button (adaptiveCard/action) → the answer stored and the card updated. Also the
 * message extension, the form in personal chat, and who may not.
 */
import { topicChoiceValue } from '../../../adapters/teams/preview-form';
import { expectValidAdaptiveCard } from '../../support/card-rules/adaptive-card';
import type { ConnectorCall } from './support/connector-fake';
import { AAD, TEAMS_CHANNELS } from './support/teams-directory';
import { cardOf, verbsOf, visibleText } from './support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';

type Json = Record<string, any>;
const MANDATE = '19:mandate-team@thread.tacv2';
const TITLE = 'Content moderation during elections';
const VALID = {
  title: TITLE,
  link: 'https://www.ohchr.org/en/calls-for-input/2026/elections',
  topics: `${topicChoiceValue('content-moderation')},${topicChoiceValue('surveillance')}`,
  deadline: '2026-04-30',
};

/** The texts of a card's TextBlocks, as the person reads them. */
function texts(card: Json): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    if ((n as Json).type === 'TextBlock') out.push((n as Json).text);
    Object.values(n as Json).forEach(walk);
  };
  walk(card);
  return out.join('\n').replace(/\u2060/g, '');
}

describe('Teams: a mandate team publishes a call for input', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await openTeamsWorld();
  });
  afterEach(async () => w.close());

  const post = async (activity: unknown): Promise<Json> => (await w.send.post(activity)).json();

  /** `@PreLetter call` in the mandate team's channel; the card it leaves in the reply chain. */
  async function callCommand(): Promise<ConnectorCall> {
    expect((await w.send.post(w.send.message({ from: 'mara', text: 'call', channelId: MANDATE }))).status).toBe(200);
    return w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId.startsWith(`${MANDATE};messageid=`)), 'the channel card');
  }

  /** Opens the dialog from that card; returns the form it shows. */
  async function openDialog(): Promise<Json> {
    const card = cardOf(await callCommand());
    const opened = await post(w.send.dialog({ from: 'mara', step: 'fetch', source: 'card', channelId: MANDATE, data: card.actions[0].data }));
    expect(opened.task).toMatchObject({ type: 'continue', value: { title: 'Call for input' } });
    return opened.task.value.card.content;
  }

  const submit = (form: Json, values: Json) =>
    post(w.send.dialog({ from: 'mara', step: 'submit', source: 'card', channelId: MANDATE, fixture: 'invoke-task-submit-call', data: { ...form.actions[0].data, ...values } }));

  /** The call's root cards in the companies' channels. */
  const companyCards = () => w.fake.of('create').filter((c) => c.body?.isGroup && visibleText(c).includes('CI-2026-0001 · Call for input'));

  it('leaves a card in the channel whose button opens the call form as a dialog, with the title, link, topics and a bounded date', async () => {
    const channelCard = cardOf(await callCommand());
    expectValidAdaptiveCard(channelCard, 'the channel card');
    expect(channelCard.actions).toEqual([{ type: 'Action.Submit', title: 'Open the form', data: { msteams: { type: 'task/fetch' }, dialog: 'call' } }]);
    const form = await openDialog();
    expectValidAdaptiveCard(form, 'the call dialog');
    const input = (id: string) => form.body.find((b: Json) => b.id === id);
    expect(input('mandate')).toBeUndefined();
    expect(input('title')).toMatchObject({ type: 'Input.Text', maxLength: 200 });
    expect(input('link')).toMatchObject({ type: 'Input.Text', style: 'Url' });
    expect(input('topics')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true });
    expect(input('topics').choices.map((c: Json) => c.title)).toEqual(['content-moderation', 'surveillance']);
    expect(input('deadline')).toEqual({ id: 'deadline', label: 'Input due by', type: 'Input.Date', min: '2026-03-04', max: '2027-03-03' });
    expect(form.actions).toEqual([expect.objectContaining({ type: 'Action.Submit', data: { form: expect.any(String), dialog: 'call' } })]);
  });

  it('shows every mistake in the dialog with what was typed kept, then publishes once and closes the dialog naming the call', async () => {
    const form = await openDialog();
    const wrong = await submit(form, { ...VALID, link: 'not a link', deadline: '2030-01-01' });
    expect(wrong.task.type).toBe('continue');
    const again = wrong.task.value.card.content;
    expect(texts(again)).toContain('Link: give the address of the published call, starting with https://.');
    expect(texts(again)).toContain('Deadline: choose a day from tomorrow to 365 days from now.');
    expect(again.body.find((b: Json) => b.id === 'title').value).toBe(TITLE);
    expect(again.body.find((b: Json) => b.id === 'link').value).toBe('not a link');
    expect(await w.harness.store.calls.get('CI-2026-0001')).toBeNull();

    const done = await submit(form, VALID);
    expect(done.task).toEqual({ type: 'message', value: expect.stringContaining('CI-2026-0001 went to 2 companies: Kestrel Cloud and Northwind Social.') });
    await w.teams.idle();
    expect(companyCards().map((c) => c.body.channelData.channel.id).sort()).toEqual([TEAMS_CHANNELS.kestrel.channelId, TEAMS_CHANNELS.northwind.channelId]);
    for (const card of companyCards()) {
      expect(verbsOf(card)).toEqual(['call-contribute', 'call-submitted', 'call-declined']);
      expectValidAdaptiveCard(cardOf(card), 'the call card');
    }
    // The same form submitted again publishes nothing more.
    expect((await submit(form, VALID)).task.value).toContain('This call form was already submitted');
    expect(await w.harness.store.calls.get('CI-2026-0002')).toBeNull();
  });

  it('records a company’s answer from its card’s button and updates the card; a person of another company is refused', async () => {
    await submit(await openDialog(), VALID);
    await w.teams.idle();
    const root = companyCards().find((c) => c.body.channelData.channel.id === TEAMS_CHANNELS.northwind.channelId)!;
    const press = (from: 'ana' | 'kai') =>
      post(w.send.cardAction({ from, verb: 'call-submitted', data: { ref: 'CI-2026-0001' }, conversationId: root.conversationId, replyToId: root.activityId!, fixture: 'invoke-adaptive-card-action-call' }));

    const refused = await press('kai');
    expect(refused).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Only the people of a company that CI-2026-0001 was sent to can answer it') });
    expect(w.fake.of('update')).toEqual([]);

    const done = await press('ana');
    expect(done).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Recorded for Northwind Social: "Submitted".') });
    const updated = w.fake.of('update').find((c) => c.activityId === root.activityId)!;
    expect(verbsOf(updated)).toEqual(['call-contribute', 'call-declined']);
    expect(visibleText(updated)).toContain('Submitted (Ana Ruiz');
    expect((await w.harness.store.calls.get('CI-2026-0001'))?.answers.northwind).toMatchObject({ answer: 'submitted', by: 'ana' });
  });

  it('opens and submits the call form from the message extension', async () => {
    const opened = await post(w.send.dialog({ from: 'mara', step: 'fetch', source: 'extension', commandId: 'call', channelId: MANDATE }));
    const form = opened.task.value.card.content;
    expectValidAdaptiveCard(form, 'the extension form');
    const done = await post(w.send.dialog({ from: 'mara', step: 'submit', source: 'extension', commandId: 'call', channelId: MANDATE, data: { ...form.actions[0].data, ...VALID } }));
    expect(done.task.value).toContain('CI-2026-0001 went to 2 companies');
  });

  it('sends the form to personal chat when asked there, and answers its submit in place', async () => {
    await w.send.post(w.send.message({ from: 'mara', text: 'call', personal: true }));
    const chat = w.fake.personalChatOf(AAD.mara);
    const sent = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === chat), 'the chat form');
    const form = cardOf(sent);
    expectValidAdaptiveCard(form, 'the chat form');
    expect(verbsOf(sent)).toEqual(['call-submit']);
    const click = (data: Json) => post(w.send.cardAction({ from: 'mara', verb: 'call-submit', data: { ...form.actions[0].data, ...data }, conversationId: chat, replyToId: sent.activityId!, personal: true }));
    const wrong = await click({ ...VALID, title: '' });
    expect(texts(wrong.value)).toContain('Title: write a title of at most 200 characters.');
    const done = await click(VALID);
    expect(done.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(texts(done.value)).toContain('CI-2026-0001 went to 2 companies');
  });

  it('refuses the form to someone not on a mandate team, in the dialog and in private, saying why', async () => {
    const closed = await post(w.send.dialog({ from: 'ana', step: 'fetch', source: 'extension', commandId: 'call' }));
    expect(closed.task).toEqual({ type: 'message', value: expect.stringContaining('Only members of a mandate team can publish calls for input.') });
    await w.send.post(w.send.message({ from: 'ana', text: 'call' }));
    await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === w.fake.personalChatOf(AAD.ana) && visibleText(c).includes('Only members of a mandate team')), 'the refusal');
    expect(w.fake.of('send').filter((c) => c.conversationId.startsWith(`${TEAMS_CHANNELS.northwind.channelId};messageid=`))).toEqual([]);
  });
});

/**
 * Teams as its people expect, through botbuilder's real CloudAdapter over HTTP with the
 * Bot Connector fake: the preview form as a dialog in the channel (from the card
 * `@PreLetter preview` leaves there, and from the message extension's action command),
 * and clicks from older Teams clients, which send a button's Action.Submit fallback as a
 * message instead of a Universal Action.
 */
import { topicChoiceValue } from '../../../adapters/teams/preview-form';
import { previewLetter } from '../../../src/bot/preview-letter';
import { expectValidAdaptiveCard } from '../../support/card-rules/adaptive-card';
import type { ConnectorCall } from './support/connector-fake';
import { AAD, TEAMS_CHANNELS, teamsUser } from './support/teams-directory';
import { cardOf, verbsOf, visibleText } from './support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';

type Json = Record<string, any>;
const NORTH = TEAMS_CHANNELS.northwind.channelId;
const SUMMARY = 'Takedown of protest footage in the run-up to the election.';
const VALID = { type: 'AL', topics: topicChoiceValue('content-moderation'), summary: SUMMARY, expectedDate: '2026-03-20', urgent: 'false' };

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

async function letters(w: TeamsWorld) {
  return w.harness.store.letters.list({ scopes: ['all'], limit: 50 });
}

describe('Teams: the preview form as a dialog in the channel', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await openTeamsWorld();
  });
  afterEach(async () => w.close());

  /** `@PreLetter preview`: the form in the private chat, and the card left in the channel's reply chain. */
  async function previewCommand(): Promise<{ chatForm: ConnectorCall; channelCard: ConnectorCall }> {
    expect((await w.send.post(w.send.message({ from: 'mara', text: 'preview' }))).status).toBe(200);
    const chat = w.fake.personalChatOf(AAD.mara);
    const chatForm = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === chat), 'the chat form');
    const channelCard = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId.startsWith(`${NORTH};messageid=`)), 'the channel card');
    return { chatForm, channelCard };
  }

  it('leaves a card in the channel saying where the form went, whose button opens the same one-time form as a dialog', async () => {
    const { chatForm, channelCard } = await previewCommand();
    const card = cardOf(channelCard);
    expectValidAdaptiveCard(card, 'the channel card');
    expect(visibleText(channelCard)).toContain('I sent you the preview form in our private chat');
    const token = cardOf(chatForm).actions[0].data.form;
    expect(card.actions).toEqual([{ type: 'Action.Submit', title: 'Open the form', data: { msteams: { type: 'task/fetch' }, form: token } }]);

    const opened = (await w.send.post(w.send.dialog({ from: 'mara', step: 'fetch', source: 'card', data: card.actions[0].data }))).json();
    expect(opened.task).toMatchObject({ type: 'continue', value: { title: 'Preview a letter', card: { contentType: 'application/vnd.microsoft.card.adaptive' } } });
    const form = opened.task.value.card.content;
    expectValidAdaptiveCard(form, 'the dialog form');
    // In a dialog the form is submitted with Action.Submit (the dialog's own submit), carrying the chat form's one-time id.
    expect(form.actions).toEqual([expect.objectContaining({ type: 'Action.Submit', data: { form: token } })]);
    expect(form.body.find((b: Json) => b.id === 'topics').choices.map((c: Json) => c.title)).toEqual(['content-moderation', 'surveillance']);
  });

  it('shows mistakes in the dialog with what was typed kept, then previews once from it; the chat form can no longer make a second letter', async () => {
    const { chatForm } = await previewCommand();
    const token = cardOf(chatForm).actions[0].data.form;
    const wrong = (await w.send.post(w.send.dialog({ from: 'mara', step: 'submit', source: 'card', data: { form: token, ...VALID, summary: '' } }))).json();
    expect(wrong.task.type).toBe('continue');
    const again = wrong.task.value.card.content;
    expect(texts(again)).toContain('Summary: Write a short summary of the letter.');
    expect(again.body.find((b: Json) => b.id === 'expectedDate').value).toBe('2026-03-20');
    expect(await letters(w)).toEqual([]);

    const done = (await w.send.post(w.send.dialog({ from: 'mara', step: 'submit', source: 'card', data: { form: token, ...VALID } }))).json();
    expect(done).toEqual({ task: { type: 'message', value: 'Preview PL-2026-0001 is posted in this channel.' } });
    await w.teams.idle();
    expect((await letters(w)).map((l) => l.ref)).toEqual(['PL-2026-0001']);
    expect(await w.harness.store.letters.get('PL-2026-0001')).toMatchObject({ summary: SUMMARY, channel: TEAMS_CHANNELS.northwind });

    const chatSubmit = await w.send.post(
      w.send.cardAction({ from: 'mara', verb: 'preview-submit', data: { form: token, ...VALID }, conversationId: w.fake.personalChatOf(AAD.mara), replyToId: chatForm.activityId!, personal: true }),
    );
    expect(chatSubmit.json().value).toContain('already submitted');
    expect(await letters(w)).toHaveLength(1);
  });

  it('opens the form from the message extension in a bound channel, and previews from it', async () => {
    const opened = (await w.send.post(w.send.dialog({ from: 'mara', step: 'fetch', source: 'extension', commandId: 'preview' }))).json();
    expect(opened.task.type).toBe('continue');
    const form = opened.task.value.card.content;
    expectValidAdaptiveCard(form, 'the extension form');
    const token = form.actions[0].data.form;
    const done = (await w.send.post(w.send.dialog({ from: 'mara', step: 'submit', source: 'extension', commandId: 'preview', data: { form: token, ...VALID } }))).json();
    expect(done.task).toEqual({ type: 'message', value: 'Preview PL-2026-0001 is posted in this channel.' });
    await w.teams.idle();
    const root = w.fake.of('create').find((c) => c.body?.isGroup);
    expect(root?.body.channelData.channel.id).toBe(NORTH);
    expect(visibleText(root!)).toContain(SUMMARY);
  });

  it('closes the dialog with the reason when the form cannot be offered: a company person, an unbound channel, an unknown command', async () => {
    const ask = async (options: Parameters<TeamsWorld['send']['dialog']>[0]) => (await w.send.post(w.send.dialog(options))).json();
    expect(await ask({ from: 'ana', step: 'fetch', source: 'extension', commandId: 'preview' })).toEqual({
      task: { type: 'message', value: expect.stringContaining('Only members of a mandate team can preview letters') },
    });
    const unbound = await ask({ from: 'mara', step: 'fetch', source: 'extension', commandId: 'preview', channelId: TEAMS_CHANNELS.unbound.channelId });
    expect(unbound.task.type).toBe('message');
    expect(unbound.task.value).toContain('not bound');
    const unknown = await ask({ from: 'mara', step: 'fetch', source: 'extension', commandId: 'search' });
    expect(unknown.task).toEqual({ type: 'message', value: 'This button is no longer in use. Type @PreLetter status to see where your letters stand.' });
    // A form signed for Mara cannot be submitted by someone else.
    const mine = (await ask({ from: 'mara', step: 'fetch', source: 'extension', commandId: 'preview' })).task.value.card.content.actions[0].data.form;
    const stolen = await ask({ from: 'tom', step: 'submit', source: 'extension', commandId: 'preview', data: { form: mine, ...VALID } });
    expect(stolen.task.value).toContain('opened by someone else');
    expect(await letters(w)).toEqual([]);
    expect(w.fake.of('create').filter((c) => c.body?.isGroup)).toEqual([]);
  });
});

describe('Teams: a click from an older client (the Action.Submit fallback)', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await openTeamsWorld();
  });
  afterEach(async () => w.close());

  async function letter(): Promise<ConnectorCall> {
    await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary: SUMMARY, urgent: false });
    await w.teams.idle();
    return w.fake.of('create').find((c) => c.body?.isGroup)!;
  }

  it('acts like the Universal Action, keeps the channel card everyone’s view, and tells the clicker in private', async () => {
    const root = await letter();
    w.fake.clear();
    const click = w.send.cardSubmit({ from: 'ana', data: { ref: 'PL-2026-0001', preletterVerb: 'acknowledge' }, conversationId: root.conversationId, replyToId: root.activityId! });
    expect((await w.send.post(click)).status).toBe(200);
    await w.teams.idle();
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('ana');
    const rootUpdates = w.fake.of('update').filter((c) => c.activityId === root.activityId);
    expect(rootUpdates).toHaveLength(1);
    expect(verbsOf(rootUpdates[0]!)).toEqual(['refresh']);
    const told = w.fake.of('send').filter((c) => c.conversationId === w.fake.personalChatOf(AAD.ana));
    expect(told.map((c) => visibleText(c)).join('\n')).toContain('PL-2026-0001 is acknowledged');

    // The same message delivered again acts once.
    await w.send.post(click);
    await w.teams.idle();
    expect(w.fake.of('update').filter((c) => c.activityId === root.activityId)).toHaveLength(1);
  });

  it('replaces the owner’s own card in their chat, without the button they used', async () => {
    await letter();
    const chat = w.fake.personalChatOf(AAD.wei);
    const dm = w.fake.of('send').find((c) => c.conversationId === chat)!;
    w.fake.clear();
    await w.send.post(w.send.cardSubmit({ from: 'wei', data: { ref: 'PL-2026-0001', preletterVerb: 'acknowledge' }, conversationId: chat, replyToId: dm.activityId!, personal: true }));
    await w.teams.idle();
    // The core refreshes every owner's copy first; the clicker's own copy is then replaced with what their click did.
    const replaced = w.fake.of('update').filter((c) => c.activityId === dm.activityId).at(-1)!;
    expect(verbsOf(replaced)).toEqual([]);
    expect(visibleText(replaced)).toContain('PL-2026-0001 is acknowledged');
  });

  it('names the field when the submitted data is not a button’s', async () => {
    const root = await letter();
    w.fake.clear();
    await w.send.post(w.send.cardSubmit({ from: 'ana', data: { ref: 'not a ref', preletterVerb: 'acknowledge' }, conversationId: root.conversationId, replyToId: root.activityId! }));
    await w.teams.idle();
    const told = w.fake.of('send').filter((c) => c.conversationId === w.fake.personalChatOf(AAD.ana));
    expect(told.map((c) => visibleText(c)).join('\n')).toContain('ref');
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged).toBeUndefined();
  });
});

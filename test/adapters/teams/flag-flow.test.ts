/**
 * A company's flag on Teams, through botbuilder's real CloudAdapter over HTTP with the Bot
 * Connector fake: `@PreLetter flag` in the company's channel → a card whose button opens the
 * form as a dialog (task/fetch) → a submit with mistakes (shown in the dialog, inputs kept) →
 * a valid submit (task/submit) → the flag card in the mandate's channel → its Acknowledge
 * button (adaptiveCard/action) → the card updated. Also the message extension, the form in
 * personal chat, and who may not.
 */
import { topicChoiceValue } from '../../../adapters/teams/preview-form';
import { expectValidAdaptiveCard } from '../../support/card-rules/adaptive-card';
import type { ConnectorCall } from './support/connector-fake';
import { AAD, TEAMS_CHANNELS, TEAMS_DIRECTORY, TENANT } from './support/teams-directory';
import { cardOf, verbsOf, visibleText } from './support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';

type Json = Record<string, any>;
const NORTH = TEAMS_CHANNELS.northwind.channelId;
const MANDATE = '19:mandate-team@thread.tacv2';
const ISSUE = 'Police asked for the data of people at a protest.';
const VALID = { topics: topicChoiceValue('surveillance'), summary: ISSUE, mandate: '', urgent: 'false' };

/** The texts of a card's TextBlocks, as the person reads them. */
function texts(card: Json): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    if ((n as Json).type === 'TextBlock') out.push((n as Json).text);
    if ((n as Json).type === 'FactSet') for (const f of (n as Json).facts) out.push(`${f.title}: ${f.value}`);
    Object.values(n as Json).forEach(walk);
  };
  walk(card);
  return out.join('\n').replace(/\u2060/g, '');
}

describe('Teams: a company raises a flag', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await openTeamsWorld();
    const channel = { platform: 'teams' as const, workspaceId: TENANT, channelId: MANDATE };
    await w.harness.store.directory.apply({ ...TEAMS_DIRECTORY, mandates: TEAMS_DIRECTORY.mandates.map((m) => ({ ...m, channel })) });
  });
  afterEach(async () => w.close());

  const post = async (activity: unknown): Promise<Json> => (await w.send.post(activity)).json();

  /** `@PreLetter flag` in the Northwind channel; the card it leaves in the reply chain. */
  async function flagCommand(): Promise<ConnectorCall> {
    expect((await w.send.post(w.send.message({ from: 'ana', text: 'flag' }))).status).toBe(200);
    return w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId.startsWith(`${NORTH};messageid=`)), 'the channel card');
  }

  /** Opens the dialog from that card; returns the form it shows. */
  async function openDialog(): Promise<Json> {
    const card = cardOf(await flagCommand());
    const opened = await post(w.send.dialog({ from: 'ana', step: 'fetch', source: 'card', data: card.actions[0].data }));
    expect(opened.task).toMatchObject({ type: 'continue', value: { title: 'Raise a flag' } });
    return opened.task.value.card.content;
  }

  const submit = (form: Json, values: Json) => post(w.send.dialog({ from: 'ana', step: 'submit', source: 'card', fixture: 'invoke-task-submit-flag', data: { ...form.actions[0].data, ...values } }));

  it('leaves a card in the channel whose button opens the flag form as a dialog, offering the topics the mandates cover and the mandates', async () => {
    const channelCard = await flagCommand();
    const card = cardOf(channelCard);
    expectValidAdaptiveCard(card, 'the channel card');
    expect(visibleText(channelCard)).toContain('ana, open the form to raise a flag with the Special Procedures.');
    expect(card.actions).toEqual([{ type: 'Action.Submit', title: 'Open the form', data: { msteams: { type: 'task/fetch' }, dialog: 'flag' } }]);
    const form = await openDialog();
    expectValidAdaptiveCard(form, 'the flag dialog');
    expect(form.body.find((b: Json) => b.id === 'topics').choices.map((c: Json) => c.title)).toEqual(['content-moderation', 'surveillance']);
    expect(form.body.find((b: Json) => b.id === 'mandate').choices).toEqual([{ title: 'Special Rapporteur on freedom of opinion and expression', value: 'sr-expression' }]);
    expect(form.body.find((b: Json) => b.id === 'summary').maxLength).toBe(1500);
    expect(form.actions).toEqual([expect.objectContaining({ type: 'Action.Submit', data: { form: expect.any(String), dialog: 'flag' } })]);
  });

  it('shows mistakes in the dialog with what was typed kept, then raises the flag once and closes the dialog naming it', async () => {
    const form = await openDialog();
    const wrong = await submit(form, { ...VALID, topics: '', summary: '', mandate: 'sr-expression', urgent: 'true' });
    expect(wrong.task.type).toBe('continue');
    const again = wrong.task.value.card.content;
    expect(texts(again)).toContain('Topics: Choose at least one topic.');
    expect(texts(again)).toContain('What is the issue?: Write a short summary of the issue.');
    expect(again.body.find((b: Json) => b.id === 'mandate').value).toBe('sr-expression');
    expect(again.body.find((b: Json) => b.id === 'urgent').value).toBe('true');
    expect(await w.harness.store.flags.get('FL-2026-0001')).toBeNull();

    const done = await submit(form, VALID);
    expect(done.task).toEqual({ type: 'message', value: expect.stringMatching(/^FL-2026-0001 is with Special Rapporteur on freedom of opinion and expression\. I will tell you privately/) });
    await w.teams.idle();
    expect(await w.harness.store.flags.get('FL-2026-0001')).toMatchObject({ companyKey: 'northwind', summary: ISSUE, channel: TEAMS_CHANNELS.northwind });
    const root = w.fake.of('create').find((c) => c.body?.isGroup)!;
    expect(root.body.channelData.channel.id).toBe(MANDATE);
    expect(visibleText(root)).toContain(ISSUE);
    expect(verbsOf(root)).toEqual(['acknowledge-flag']);

    // The same form submitted again makes no second flag.
    expect((await submit(form, VALID)).task.value).toContain('This flag form was already submitted');
    expect(await w.harness.store.flags.get('FL-2026-0002')).toBeNull();
  });

  it('opens and submits the flag form from the message extension', async () => {
    const opened = await post(w.send.dialog({ from: 'ana', step: 'fetch', source: 'extension', commandId: 'flag' }));
    const form = opened.task.value.card.content;
    expectValidAdaptiveCard(form, 'the extension form');
    const done = await post(w.send.dialog({ from: 'ana', step: 'submit', source: 'extension', commandId: 'flag', data: { ...form.actions[0].data, ...VALID } }));
    expect(done.task.value).toContain('FL-2026-0001 is with');
  });

  it('sends the form to personal chat when asked there, and replaces it with the answer once submitted', async () => {
    await w.send.post(w.send.message({ from: 'ana', text: 'flag', personal: true }));
    const chat = w.fake.personalChatOf(AAD.ana);
    const sent = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === chat), 'the chat form');
    const form = cardOf(sent);
    expectValidAdaptiveCard(form, 'the chat form');
    expect(verbsOf(sent)).toEqual(['flag-submit']);
    const click = (data: Json) => post(w.send.cardAction({ from: 'ana', verb: 'flag-submit', data: { ...form.actions[0].data, ...data }, conversationId: chat, replyToId: sent.activityId!, personal: true }));
    const wrong = await click({ ...VALID, summary: '' });
    expect(texts(wrong.value)).toContain('What is the issue?: Write a short summary of the issue.');
    const done = await click(VALID);
    expect(done.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(texts(done.value)).toContain('FL-2026-0001 is with Special Rapporteur on freedom of opinion and expression.');
    expect((await w.harness.store.flags.get('FL-2026-0001'))?.channel).toBeUndefined();
  });

  it('acknowledges from the card’s button, updating the posted card; someone not on the team is refused as by command', async () => {
    const form = await openDialog();
    await submit(form, VALID);
    await w.teams.idle();
    const root = w.fake.of('create').find((c) => c.body?.isGroup)!;
    const press = (from: 'ana' | 'tom') =>
      post(w.send.cardAction({ from, verb: 'acknowledge-flag', data: { ref: 'FL-2026-0001' }, conversationId: root.conversationId, replyToId: root.activityId!, fixture: 'invoke-adaptive-card-action-flag' }));

    const refused = await press('ana');
    expect(refused).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Only the team of a mandate that FL-2026-0001 was sent to can acknowledge it.' });
    await w.send.post(w.send.message({ from: 'ana', text: 'ack FL-2026-0001', personal: true }));
    const byCommand = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === w.fake.personalChatOf(AAD.ana) && visibleText(c).includes('Only the team')), 'the refusal by command');
    expect(visibleText(byCommand)).toContain(refused.value);
    expect(w.fake.of('update')).toEqual([]);

    const done = await press('tom');
    expect(done.value).toBe('Thank you: FL-2026-0001 is acknowledged. The company is told.');
    const updated = w.fake.of('update').find((c) => c.activityId === root.activityId)!;
    expect(verbsOf(updated)).toEqual([]);
    expect(visibleText(updated)).toContain('Tom Arlen, for the Special Rapporteur on freedom of opinion and expression');
    expect((await w.harness.store.flags.get('FL-2026-0001'))?.acknowledged?.by).toBe('tom');
  });

  it('refuses the form to a mandate team member, in the dialog and in private, saying why', async () => {
    const closed = await post(w.send.dialog({ from: 'mara', step: 'fetch', source: 'extension', commandId: 'flag' }));
    expect(closed.task).toEqual({ type: 'message', value: expect.stringContaining('As a member of a mandate team, you can preview a letter to a company with @PreLetter preview instead.') });
    await w.send.post(w.send.message({ from: 'mara', text: 'flag' }));
    await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === w.fake.personalChatOf(AAD.mara) && visibleText(c).includes('As a member of a mandate team')), 'the refusal');
    expect(w.fake.of('send').filter((c) => c.conversationId.startsWith(`${NORTH};messageid=`))).toEqual([]);
  });
});

describe('Teams: a flag to a mandate without a channel, from an older client', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await openTeamsWorld();
  });
  afterEach(async () => w.close());

  it('submits the chat form and acknowledges in personal chat through the Action.Submit fallback, updating the copy pressed', async () => {
    await w.send.post(w.send.message({ from: 'ana', text: 'flag', personal: true }));
    const chat = w.fake.personalChatOf(AAD.ana);
    const sent = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === chat), 'the chat form');
    const fallback = cardOf(sent).actions[0].fallback;
    expect(fallback).toMatchObject({ type: 'Action.Submit', data: { preletterVerb: 'flag-submit' } });
    await w.send.post(w.send.cardSubmit({ from: 'ana', data: { ...fallback.data, ...VALID }, conversationId: chat, replyToId: sent.activityId!, personal: true }));
    await w.teams.idle();
    expect(texts(cardOf(w.fake.of('update').find((c) => c.activityId === sent.activityId)!))).toContain('FL-2026-0001 is with');

    const tomChat = w.fake.personalChatOf(AAD.tom);
    const dm = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === tomChat && visibleText(c).includes(ISSUE)), 'the card sent to Tom');
    expect(verbsOf(dm)).toEqual(['acknowledge-flag']);
    await w.send.post(w.send.cardSubmit({ from: 'tom', data: { ref: 'FL-2026-0001', preletterVerb: 'acknowledge-flag' }, conversationId: tomChat, replyToId: dm.activityId!, personal: true }));
    await w.teams.idle();
    expect((await w.harness.store.flags.get('FL-2026-0001'))?.acknowledged?.by).toBe('tom');
    const copy = w.fake.of('update').find((c) => c.activityId === dm.activityId)!;
    expect(verbsOf(copy)).toEqual([]);
    expect(w.fake.of('send').some((c) => c.conversationId === tomChat && visibleText(c).includes('FL-2026-0001 is acknowledged'))).toBe(true);
  });
});

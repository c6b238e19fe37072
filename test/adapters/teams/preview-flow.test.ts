/**
 * The whole Teams experience of one letter, through botbuilder's real CloudAdapter over
 * HTTP: `@PreLetter preview` → the form in the person's 1:1 chat → a submit with
 * mistakes (shown on the card) → a valid submit → root card in the bound channel, owners
 * mentioned in its reply chain and messaged → Acknowledge (refreshed card) → `sent` →
 * Record reply. Also `ack` replied in the reply chain, and commands in personal chat.
 */
import { topicChoiceValue } from '../../../adapters/teams/preview-form';
import { decodeMessageRef, decodeThreadRef } from '../../../adapters/teams/thread-ref';
import { previewLetter } from '../../../src/bot/preview-letter';
import type { ConnectorCall } from './support/connector-fake';
import { AAD, TEAMS_CHANNELS, TEAMS_DIRECTORY, teamsUser, TENANT } from './support/teams-directory';
import { analyse, cardOf, verbsOf, visibleText } from './support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';

const NORTH = TEAMS_CHANNELS.northwind.channelId;
const SUMMARY = 'Takedown of protest footage in the run-up to the election.';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

type Json = Record<string, any>;

/** Text of every TextBlock and fact of an Adaptive Card (as the person reads it). */
function cardText(card: Json): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    const o = n as Json;
    if (o.type === 'TextBlock') out.push(o.text);
    if (o.type === 'FactSet') for (const f of o.facts) out.push(`${f.title}: ${f.value}`);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out.join('\n').replace(/\u2060/g, '');
}

function verbs(card: Json): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    if ((n as Json).type === 'Action.Execute') out.push((n as Json).verb);
    Object.values(n as Json).forEach(walk);
  };
  walk(card.actions ?? []);
  return out;
}

function chatOf(w: TeamsWorld, person: keyof typeof AAD): string {
  return w.fake.personalChatOf(AAD[person]);
}

/** Sends in one person's 1:1 chat whose card says `containing`. */
function sentTo(w: TeamsWorld, person: keyof typeof AAD, containing: string): () => ConnectorCall | undefined {
  return () => w.fake.of('send').find((c) => c.conversationId === chatOf(w, person) && visibleText(c).includes(containing));
}

/** `@PreLetter preview` in the channel; returns the form message sent to the person's 1:1 chat. */
async function openForm(w: TeamsWorld): Promise<{ call: ConnectorCall; token: string }> {
  expect((await w.send.post(w.send.message({ from: 'mara', text: 'preview' }))).status).toBe(200);
  const call = await w.fake.waitFor(sentTo(w, 'mara', 'Preview a letter to'), 'the preview form');
  // The channel is told where the form went, with a button opening the same form here.
  await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId.startsWith(NORTH) && visibleText(c).includes('I sent you the preview form')), 'the channel card');
  return { call, token: cardOf(call).actions[0].data.form };
}

/** The automatic refresh Teams sends when a listed person opens a per-person card. */
function refreshAs(w: TeamsWorld, person: keyof typeof AAD, root: ConnectorCall) {
  const activity = w.send.cardAction({ from: person, verb: 'refresh', data: { ref: 'PL-2026-0001' }, conversationId: root.conversationId, replyToId: root.activityId! });
  activity.value.trigger = 'automatic';
  return w.send.post(activity);
}

async function submit(w: TeamsWorld, form: { call: ConnectorCall; token: string }, values: Json): Promise<Json> {
  const reply = await w.send.post(
    w.send.cardAction({ from: 'mara', verb: 'preview-submit', data: { form: form.token, ...values }, conversationId: chatOf(w, 'mara'), replyToId: form.call.activityId!, personal: true }),
  );
  expect(reply.status).toBe(200);
  return reply.json();
}

async function preview(w: TeamsWorld): Promise<ConnectorCall> {
  const form = await openForm(w);
  const answer = await submit(w, form, { type: 'AL', topics: 'content-moderation', summary: SUMMARY, expectedDate: '2026-03-20', urgent: 'false' });
  expect(answer.type).toBe(CARD_TYPE);
  expect(cardText(answer.value)).toContain('PL-2026-0001 is open in the company\'s channel and routed to Ana Ruiz and Wei Tan.');
  await w.teams.idle();
  return w.fake.of('create').find((c) => c.body?.activity)!;
}

function click(w: TeamsWorld, person: keyof typeof AAD, verb: string, root: ConnectorCall) {
  return w.send.post(w.send.cardAction({ from: person, verb, data: { ref: 'PL-2026-0001' }, conversationId: root.conversationId, replyToId: root.activityId! }));
}

describe('Teams: a letter from preview to reply', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await openTeamsWorld();
  });
  afterEach(async () => w.close());

  it('answers `@PreLetter preview` with the form in the person’s 1:1 chat, offering only what the directory allows', async () => {
    const form = await openForm(w);
    expect(w.fake.of('create')[0]!.body).toMatchObject({ isGroup: false, members: [{ id: AAD.mara }], tenantId: TENANT });
    const card = cardOf(form.call);
    const input = (id: string) => card.body.find((b: Json) => b.id === id);
    expect(input('type')).toMatchObject({ type: 'Input.ChoiceSet', value: 'AL' });
    expect(input('type').choices.map((c: Json) => c.value)).toEqual(['UA', 'AL', 'OL']);
    expect(input('topics')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true });
    expect(input('topics').choices.map((c: Json) => c.title)).toEqual(['content-moderation', 'surveillance']);
    expect(input('topics').choices.map((c: Json) => c.value)).toEqual(['content-moderation', 'surveillance'].map(topicChoiceValue));
    expect(input('summary')).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 1500 });
    expect(input('expectedDate').type).toBe('Input.Date');
    expect(input('urgent').type).toBe('Input.Toggle');
    expect(input('mandate')).toBeUndefined();
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'preview-submit' });
    expect(visibleText(form.call)).toContain('Preview a letter to Northwind Social.');
    expect(w.fake.of('create').filter((c) => c.body?.isGroup)).toEqual([]);
  });

  it('shows every mistake on the returned card, keeps what was typed, and creates nothing', async () => {
    const form = await openForm(w);
    w.fake.clear();
    const answer = await submit(w, form, { type: 'AL', topics: '', summary: 'x'.repeat(1501), expectedDate: '2026-03-01', urgent: 'true' });
    expect(answer.type).toBe(CARD_TYPE);
    const text = cardText(answer.value);
    expect(text).toContain('Please correct the fields marked in red below.');
    expect(text).toContain('Topics: Choose at least one topic.');
    expect(text).toContain('Summary: The summary is 1501 characters long; the limit is 1500. Please shorten it.');
    expect(text).toContain('Expected date of the formal letter: That date is in the past.');
    const red = answer.value.body.filter((b: Json) => b.type === 'TextBlock' && b.color === 'Attention');
    expect(red).toHaveLength(4);
    const input = (id: string) => answer.value.body.find((b: Json) => b.id === id);
    expect([input('summary').value, input('expectedDate').value, input('urgent').value, input('type').value]).toEqual(['x'.repeat(1501), '2026-03-01', 'true', 'AL']);
    expect(answer.value.actions[0].data.form).toBe(form.token);
    await w.teams.idle();
    expect(w.fake.calls).toEqual([]);
    expect(await w.harness.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual([]);
  });

  it('posts the root card in the bound channel, mentions the owners in its reply chain and messages them', async () => {
    const root = await preview(w);
    expect(root.body).toMatchObject({ isGroup: true, channelData: { channel: { id: NORTH }, tenant: { id: TENANT } }, tenantId: TENANT });
    expect(visibleText(root)).toContain(SUMMARY);
    // Everyone's view has no buttons; the people who may act get their own view by refresh.
    expect(verbsOf(root)).toEqual(['refresh']);
    expect(cardOf(root).version).toBe('1.5');
    expect(cardOf(root).refresh.userIds).toEqual(['ana', 'wei', 'bea', 'eli', 'mara', 'tom'].map((k) => `29:${AAD[k as keyof typeof AAD]}`));

    const chain = `${NORTH};messageid=${root.activityId}`;
    const intro = w.fake.of('send').find((c) => c.conversationId === chain)!;
    expect(cardOf(intro).body[0].items[1].text).toBe('For the attention of <at>Ana Ruiz</at> and <at>Wei Tan</at>. Please acknowledge this preview.');
    expect(cardOf(intro).msteams.entities).toEqual([
      { type: 'mention', text: '<at>Ana Ruiz</at>', mentioned: { id: AAD.ana, name: 'Ana Ruiz' } },
      { type: 'mention', text: '<at>Wei Tan</at>', mentioned: { id: AAD.wei, name: 'Wei Tan' } },
    ]);
    expect(analyse(intro).mentions).toEqual([AAD.ana, AAD.wei]);

    const dms = w.fake.of('send').filter((c) => c.conversationId === chatOf(w, 'ana') || c.conversationId === chatOf(w, 'wei'));
    expect(dms.map((c) => c.conversationId)).toEqual([chatOf(w, 'ana'), chatOf(w, 'wei')]);
    expect(verbsOf(dms[0]!)).toEqual(['acknowledge']);
    const link = cardOf(dms[0]!).actions.find((a: Json) => a.type === 'Action.OpenUrl');
    expect(link.url).toBe(`https://teams.microsoft.com/l/message/${encodeURIComponent(NORTH)}/${root.activityId}?tenantId=${TENANT}&parentMessageId=${root.activityId}`);

    const stored = await w.harness.store.letters.get('PL-2026-0001');
    expect(stored).toMatchObject({ type: 'AL', topics: ['content-moderation'], summary: SUMMARY, expectedFormalDate: '2026-03-20' });
    expect(stored!.threads[0]!.channel).toEqual(TEAMS_CHANNELS.northwind);
    expect(decodeThreadRef(stored!.threads[0]!.threadRef)).toEqual({ conversationId: NORTH, serviceUrl: w.fake.serviceUrl, tenantId: TENANT, rootActivityId: root.activityId });
    expect(decodeMessageRef(stored!.threads[0]!.rootMessageRef)).toMatchObject({ conversationId: chain, activityId: root.activityId });
  });

  it('runs Acknowledge (button) → sent (command) → Record reply (button), refreshing the card in place each time', async () => {
    const root = await preview(w);
    const updatesOfRoot = () => w.fake.of('update').filter((c) => c.activityId === root.activityId);

    w.harness.clock.advanceHours(2);
    const ack = await click(w, 'ana', 'acknowledge', root);
    expect(ack.json()).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    expect(cardText(ack.json().value)).toContain('Acknowledged: Ana Ruiz');
    // Ana's own view: nothing left for her to do; the mandate team's view offers theirs.
    expect(verbs(ack.json().value)).toEqual([]);
    expect(ack.json().value.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'refresh', data: { ref: 'PL-2026-0001' } });
    expect(verbs((await refreshAs(w, 'tom', root)).json().value)).toEqual(['mark-sent', 'withdraw']);
    expect(visibleText(updatesOfRoot()[0]!)).toContain('Acknowledged');
    expect(w.fake.of('send').some((c) => c.conversationId.endsWith(`;messageid=${root.activityId}`) && visibleText(c).includes('Ana Ruiz acknowledged this preview'))).toBe(true);

    expect((await w.send.post(w.send.message({ from: 'tom', text: 'sent PL-2026-0001 AL OTH 12/2026' }))).status).toBe(200);
    await w.fake.waitFor(sentTo(w, 'tom', 'the reply is due by'), 'sent confirmation');
    expect(visibleText(updatesOfRoot()[1]!)).toContain('Awaiting reply');
    expect(visibleText(updatesOfRoot()[1]!)).toContain('AL OTH 12/2026');

    w.harness.clock.advanceDays(20);
    const replied = await click(w, 'mara', 'record-reply', root);
    expect(cardText(replied.json().value)).toContain('Replied');
    expect(verbs(replied.json().value)).toEqual([]);
    expect(visibleText(updatesOfRoot()[2]!)).toContain('Replied');

    const stored = await w.harness.store.letters.get('PL-2026-0001');
    expect([stored?.acknowledged?.by, stored?.formalSent?.by, stored?.replied?.by]).toEqual(['ana', 'tom', 'mara']);
    expect(stored?.officialSymbol).toBe('AL OTH 12/2026');
  });

  it('shows each person, when the card refreshes for them, only the buttons their role allows, in their own language', async () => {
    await w.harness.store.directory.apply({
      ...TEAMS_DIRECTORY,
      people: TEAMS_DIRECTORY.people.map((p) => (p.key === 'tom' ? { ...p, locale: 'fr-FR' } : p)),
    });
    const root = await preview(w);
    const viewOf = async (person: keyof typeof AAD) => (await refreshAs(w, person, root)).json();
    const ana = await viewOf('ana');
    expect(ana).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    expect(verbs(ana.value)).toEqual(['acknowledge']);
    expect(ana.value.refresh.userIds).toEqual(cardOf(root).refresh.userIds);
    const mara = await viewOf('mara');
    expect(verbs(mara.value)).toEqual(['mark-sent', 'withdraw']);
    expect(cardText(mara.value)).toContain('Allegation letter');
    const tom = await viewOf('tom');
    expect(verbs(tom.value)).toEqual(['mark-sent', 'withdraw']);
    expect(cardText(tom.value)).toContain('Lettre d’allégation');
    // A company contact may acknowledge too (the same rule as the command), though Teams does not refresh for them unasked;
    // someone of another company and a stranger see no buttons.
    expect(verbs((await viewOf('dana')).value)).toEqual(['acknowledge']);
    expect(verbs((await viewOf('kai')).value)).toEqual([]);
    expect(verbs((await viewOf('stranger')).value)).toEqual([]);
    // A refresh only reads: nothing is recorded, nothing is sent.
    w.fake.clear();
    await viewOf('wei');
    await w.teams.idle();
    expect(w.fake.calls.filter((c) => c.operation !== 'member')).toEqual([]);
  });

  it('acknowledges from the button on the owner’s 1:1 card, refreshing that card without its button', async () => {
    await preview(w);
    const dm = w.fake.of('send').find((c) => c.conversationId === chatOf(w, 'wei'))!;
    const reply = await w.send.post(
      w.send.cardAction({ from: 'wei', verb: 'acknowledge', data: { ref: 'PL-2026-0001' }, conversationId: chatOf(w, 'wei'), replyToId: dm.activityId!, personal: true }),
    );
    const card = reply.json().value;
    expect(cardText(card)).toContain('New letter preview routed to you');
    expect(verbs(card)).toEqual([]);
    expect(card.actions.map((a: Json) => a.type)).toEqual(['Action.OpenUrl']);
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('wei');
  });

  it('acknowledges when an owner replies `@PreLetter ack` in the letter’s reply chain', async () => {
    const root = await preview(w);
    w.fake.clear();
    const reply = await w.send.post(w.send.message({ from: 'ana', text: 'ACK', threadRoot: root.activityId! }));
    expect(reply.status).toBe(200);
    await w.fake.waitFor(sentTo(w, 'ana', 'is acknowledged'), 'ack confirmation in the 1:1 chat');
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('ana');
    // The channel card once, and each owner's copy in their 1:1 chat once.
    const updates = w.fake.of('update');
    expect(updates.filter((c) => c.activityId === root.activityId)).toHaveLength(1);
    expect(updates.filter((c) => c.activityId !== root.activityId).map((c) => c.conversationId).sort()).toEqual(
      [w.fake.personalChatOf(AAD.ana), w.fake.personalChatOf(AAD.wei)].sort(),
    );
  });

  it('acknowledges a plain `ack` reply (heard without a mention) and ignores other thread talk', async () => {
    const root = await preview(w);
    await w.send.post(w.send.message({ from: 'ana', text: 'Thanks, looking into it', threadRoot: root.activityId!, mention: false }));
    await w.send.post(w.send.message({ from: 'ana', text: 'status', mention: false }));
    await w.teams.idle();
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged).toBeUndefined();
    await w.send.post(w.send.message({ from: 'ana', text: 'ack', threadRoot: root.activityId!, mention: false }));
    await w.fake.waitFor(sentTo(w, 'ana', 'is acknowledged'), 'ack confirmation');
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('ana');
  });

  it('finds the letter of a reply chain even when Teams now names the service another way than when the card was posted', async () => {
    await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary: SUMMARY, urgent: false });
    const root = w.fake.of('create').find((c) => c.body?.activity)!;
    const reply = w.send.message({ from: 'ana', text: 'ack', threadRoot: root.activityId! });
    reply.serviceUrl = w.fake.serviceUrl.replace('127.0.0.1', 'localhost');
    await w.send.post(reply);
    await w.fake.waitFor(sentTo(w, 'ana', 'is acknowledged'), 'ack confirmation');
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('ana');
  });

  it('reads the same command grammar without a mention in personal chat, and answers in place', async () => {
    await preview(w);
    w.fake.clear();
    await w.send.post(w.send.message({ from: 'mara', text: 'status PL-2026-0001', personal: true }));
    const answer = await w.fake.waitFor(sentTo(w, 'mara', 'PL-2026-0001 timeline'), 'status answer');
    expect(visibleText(answer)).toContain(SUMMARY);
    expect(w.fake.of('create')).toEqual([]);
  });
});

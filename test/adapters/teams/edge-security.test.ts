/**
 * The edge: with an app id set, only the Bot Framework may talk to /api/messages
 * (botbuilder's real token check); oversized or malformed bodies are refused; a repeated
 * activity is acted on once; and text typed by a person can never mention, link or
 * inject markup in anything PreLetter sends to Teams.
 */
import { previewLetter } from '../../../src/bot/preview-letter';
import { AAD, TEAMS_CHANNELS, teamsUser } from './support/teams-directory';
import { analyse, cardOf, visibleText } from './support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';

const NORTH = TEAMS_CHANNELS.northwind.channelId;
const INJECTION = 'Heads up <at>Eve</at> [click](https://evil.example) https://evil.example www.evil.example mailto:eve@evil.example &amp; & < > @channel';

describe('Teams: request authenticity', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await openTeamsWorld({ authenticated: true });
  });
  afterEach(async () => w.close());

  it('answers an activity without a valid Bot Framework token with 401 and records nothing', async () => {
    const message = w.send.message({ from: 'mara', text: 'help' });
    const click = w.send.cardAction({ from: 'ana', verb: 'acknowledge', data: { ref: 'PL-2026-0001' }, conversationId: `${NORTH};messageid=1`, replyToId: '1' });
    expect((await w.send.post(message)).status).toBe(401);
    expect((await w.send.post(message, { authorization: 'Bearer not-a-token' })).status).toBe(401);
    const forged = ['{"alg":"none","typ":"JWT"}', '{"iss":"https://evil.example","aud":"00000000-0000-0000-0000-0000000b0700"}']
      .map((part) => Buffer.from(part).toString('base64url'))
      .join('.');
    expect((await w.send.post(click, { authorization: `Bearer ${forged}.` })).status).toBe(401);
    await w.teams.idle();
    expect(w.fake.calls).toEqual([]);
    // The refused id was not recorded: the genuine delivery of the same activity would still be handled.
    expect(await w.deps.inbound.recordOnce('teams', `message:${NORTH}:${message.id}`, new Date())).toBe(true);
  });
});

describe('Teams: the HTTP edge', () => {
  let w: TeamsWorld;
  beforeAll(async () => {
    w = await openTeamsWorld();
  });
  afterAll(async () => w.close());

  it('refuses a body over the size limit with 413 and anything but an activity with 400', async () => {
    const huge = w.send.message({ from: 'mara', text: `status ${'x'.repeat(300 * 1024)}` });
    expect((await w.send.post(huge)).status).toBe(413);
    expect((await w.send.post(undefined, { body: 'not json' })).status).toBe(400);
    expect((await w.send.post([1, 2])).status).toBe(400);
    expect((await w.send.post({ id: 'x' })).status).toBe(400);
    await w.teams.idle();
    expect(w.fake.calls).toEqual([]);
  });

  it('tells the person privately which field of their activity it could not read, and acts on nothing else', async () => {
    w.fake.clear();
    const message = w.send.message({ from: 'mara', text: 'ack PL-2026-0001', personal: true });
    message.conversation.id = 'a:1 with spaces';
    expect((await w.send.post(message)).status).toBe(200);
    const told = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === w.fake.personalChatOf(AAD.mara)), 'the private answer');
    expect(visibleText(told)).toContain('Microsoft Teams sent something PreLetter could not read (conversation.id).');
    await w.teams.idle();
    expect(w.fake.calls.map((c) => c.operation)).toEqual(['create', 'send']);
  });

  it('stays silent on channel chatter it cannot read, since nobody spoke to it', async () => {
    w.fake.clear();
    const message = w.send.message({ from: 'mara', text: 'lunch?', mention: false });
    message.conversation.tenantId = 'not a tenant!';
    expect((await w.send.post(message)).status).toBe(200);
    await w.teams.idle();
    expect(w.fake.calls).toEqual([]);
  });
});

describe('Teams: a repeated activity is handled once', () => {
  let w: TeamsWorld;
  let root: { conversationId: string; activityId: string };
  beforeEach(async () => {
    w = await openTeamsWorld();
    await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary: 'S.', urgent: false });
    const call = w.fake.of('create').find((c) => c.body?.activity)!;
    root = { conversationId: call.conversationId, activityId: call.activityId! };
    w.fake.clear();
  });
  afterEach(async () => w.close());

  it('acts once on a message activity delivered twice', async () => {
    const reply = w.send.message({ from: 'ana', text: 'ack', threadRoot: root.activityId });
    expect((await w.send.post(reply)).status).toBe(200);
    expect((await w.send.post(reply)).status).toBe(200);
    await w.teams.idle();
    // The channel card and each owner's copy of it, once each.
    expect(w.fake.of('update').map((c) => c.conversationId).sort()).toEqual([root.conversationId, w.fake.personalChatOf(AAD.ana), w.fake.personalChatOf(AAD.wei)].sort());
    expect(w.fake.of('send').filter((c) => c.conversationId === w.fake.personalChatOf(AAD.ana))).toHaveLength(1);
    const letter = await w.harness.store.letters.get('PL-2026-0001');
    expect(letter?.audit.filter((a) => a.action === 'acknowledged')).toHaveLength(1);
  });

  it('answers a repeated click without acting on it again', async () => {
    const click = w.send.cardAction({ from: 'ana', verb: 'acknowledge', data: { ref: 'PL-2026-0001' }, conversationId: root.conversationId, replyToId: root.activityId });
    const first = await w.send.post(click);
    const second = await w.send.post(click);
    expect(first.json().type).toBe('application/vnd.microsoft.card.adaptive');
    expect(second.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'That was already done: PreLetter acts on each click once.' });
    await w.teams.idle();
    expect(w.fake.of('update').map((c) => c.conversationId).sort()).toEqual([root.conversationId, w.fake.personalChatOf(AAD.ana), w.fake.personalChatOf(AAD.wei)].sort());
    expect(w.fake.of('send')).toHaveLength(1); // the thread note
  });
});

describe('Teams: typed text cannot mention, link or inject markup', () => {
  let w: TeamsWorld;
  beforeAll(async () => {
    w = await openTeamsWorld();
    await w.send.post(w.send.message({ from: 'mara', text: 'preview' }));
    const chat = w.fake.personalChatOf(AAD.mara);
    const form = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === chat), 'the form');
    await w.send.post(
      w.send.cardAction({
        from: 'mara',
        verb: 'preview-submit',
        data: { form: cardOf(form).actions[0].data.form, type: 'AL', topics: 'content-moderation', summary: INJECTION, urgent: 'false' },
        conversationId: chat,
        replyToId: form.activityId!,
        personal: true,
      }),
    );
    await w.send.post(w.send.message({ from: 'tom', text: `sent PL-2026-0001 ${INJECTION}` }));
    await w.fake.waitFor(() => w.fake.of('send').find((c) => visibleText(c).includes('the reply is due by')), 'sent');
    await w.send.post(w.send.message({ from: 'mara', text: `withdraw PL-2026-0001 ${INJECTION}` }));
    await w.fake.waitFor(() => w.fake.of('send').find((c) => visibleText(c).includes('is withdrawn')), 'withdrawn');
    await w.send.post(w.send.message({ from: 'mara', text: 'status PL-2026-0001', personal: true }));
    await w.fake.waitFor(() => w.fake.of('send').find((c) => visibleText(c).includes('timeline')), 'timeline');
    await w.teams.idle();
  });
  afterAll(async () => w.close());

  it('shows the typed text as typed in the root card, its updates, the thread notes and private answers', async () => {
    const root = w.fake.of('create').find((c) => c.body?.activity)!;
    const withdrawNote = w.fake.of('send').find((c) => visibleText(c).includes('withdrew this letter preview'))!;
    const sentCard = w.fake.of('update')[0]!;
    const timeline = w.fake.of('send').find((c) => visibleText(c).includes('timeline'))!;
    const dm = w.fake.of('send').find((c) => c.conversationId === w.fake.personalChatOf(AAD.ana))!;
    for (const call of [root, withdrawNote, sentCard, timeline, dm]) expect(visibleText(call)).toContain(INJECTION);
    expect(JSON.stringify(cardOf(root))).not.toContain('<at>Eve</at>');
    expect(JSON.stringify(cardOf(root))).not.toContain('](https://');
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.withdrawReason).toBe(INJECTION);
  });

  it('lets nothing it sent mention anyone but the routed owners, and links nothing but the letter’s thread', async () => {
    const sent = w.fake.calls.filter((c) => c.ok && (c.operation === 'send' || c.operation === 'update' || (c.operation === 'create' && c.body?.activity)));
    expect(sent.length).toBeGreaterThanOrEqual(10);
    for (const call of sent) {
      const seen = analyse(call);
      expect({ operation: call.operation, broadcasts: seen.broadcasts }).toEqual({ operation: call.operation, broadcasts: [] });
      expect(seen.mentions.every((id) => id === AAD.ana || id === AAD.wei)).toBe(true);
      expect(seen.links.every((url) => url.startsWith(`https://teams.microsoft.com/l/message/${encodeURIComponent(NORTH)}/`))).toBe(true);
    }
    const intro = sent.find((c) => visibleText(c).includes('For the attention of'))!;
    expect(analyse(intro).mentions).toEqual([AAD.ana, AAD.wei]);
  });
});

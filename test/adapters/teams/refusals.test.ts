/**
 * Everything a person may not do, through Teams. A refused button click is answered in
 * the invoke response with a message to that person only; a refused command is answered
 * in the person's 1:1 chat. Either way nothing changes: no card update, no thread post,
 * no direct message, no letter change. Plus the preview form's own checks.
 */
import { previewLetter } from '../../../src/bot/preview-letter';
import type { ConnectorCall } from './support/connector-fake';
import type { TeamsReply } from './support/teams-activities';
import { AAD, TEAMS_CHANNELS, teamsUser, type TeamsPerson } from './support/teams-directory';
import { cardOf, visibleText } from './support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';

const REF = 'PL-2026-0001';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

interface Refusal {
  name: string;
  user: TeamsPerson;
  send: (w: TeamsWorld, root: ConnectorCall) => Promise<TeamsReply>;
  says: string;
}

const button = (user: TeamsPerson, verb: string, data: Record<string, unknown> = { ref: REF }) => (w: TeamsWorld, root: ConnectorCall) =>
  w.send.post(w.send.cardAction({ from: user, verb, data, conversationId: root.conversationId, replyToId: root.activityId! }));
const command = (user: TeamsPerson, text: string, where: { channelId?: string; personal?: boolean } = {}) => (w: TeamsWorld) =>
  w.send.post(w.send.message({ from: user, text, ...where }));

const BUTTON_REFUSALS: Refusal[] = [
  { name: 'the mandate team acknowledging', user: 'mara', send: button('mara', 'acknowledge'), says: 'acknowledge' },
  { name: 'an owner marking the formal letter sent', user: 'ana', send: button('ana', 'mark-sent'), says: 'mark its formal letter as sent' },
  { name: 'an owner withdrawing', user: 'ana', send: button('ana', 'withdraw'), says: 'withdraw it' },
  { name: 'a reply recorded before the formal letter', user: 'mara', send: button('mara', 'record-reply'), says: `sent ${REF}` },
  { name: 'another company acknowledging', user: 'kai', send: button('kai', 'acknowledge'), says: 'among the letters you can see' },
  { name: 'a stranger acknowledging', user: 'stranger', send: button('stranger', 'acknowledge'), says: "I don't know your Microsoft Teams account yet" },
  { name: 'a button PreLetter no longer has', user: 'ana', send: button('ana', 'snooze'), says: 'This button is no longer in use' },
  { name: 'a button without a letter reference', user: 'ana', send: button('ana', 'acknowledge', { ref: 'PL-26-1' }), says: 'ref: is not a letter reference' },
];

const COMMAND_REFUSALS: Refusal[] = [
  { name: 'a stranger acknowledging by command', user: 'stranger', send: command('stranger', `ack ${REF}`), says: "I don't know your Microsoft Teams account yet" },
  { name: 'an owner previewing', user: 'ana', send: command('ana', 'preview'), says: 'Only members of a mandate team can preview letters' },
  { name: 'a preview in an unbound channel', user: 'mara', send: command('mara', 'preview', { channelId: TEAMS_CHANNELS.unbound.channelId }), says: 'not bound to a company' },
  { name: 'a preview in personal chat', user: 'mara', send: command('mara', 'preview', { personal: true }), says: 'nothing was created here' },
  { name: 'a mistyped command', user: 'tom', send: command('tom', `sen ${REF}`), says: 'Did you mean **@PreLetter sent**?' },
  { name: 'a command without its reference', user: 'tom', send: command('tom', 'sent'), says: 'The letter reference is missing' },
];

describe('Teams: refusals are private and change nothing', () => {
  let w: TeamsWorld;
  let root: ConnectorCall;
  beforeAll(async () => {
    w = await openTeamsWorld();
    await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary: 'Summary.', urgent: false });
    root = w.fake.of('create').find((c) => c.body?.activity)!;
  });
  afterAll(async () => w.close());

  it.each(BUTTON_REFUSALS)('refuses $name in the invoke response, to that person only', async ({ send, says }) => {
    const before = await w.harness.store.letters.list({ scopes: ['all'], limit: 50 });
    w.fake.clear();
    const reply = await send(w, root);
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ statusCode: 200, type: MESSAGE_TYPE, value: expect.stringContaining(says) });
    await w.teams.idle();
    // Nothing is sent; for someone the directory does not know, the channel's roster is read (whether they belong to another organisation).
    expect(w.fake.calls.filter((c) => c.operation !== 'member')).toEqual([]);
    expect(w.fake.calls.every((c) => c.method === 'GET')).toBe(true);
    expect(await w.harness.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual(before);
  });

  it.each(COMMAND_REFUSALS)('refuses $name in the person’s 1:1 chat', async ({ user, send, says }) => {
    const before = await w.harness.store.letters.list({ scopes: ['all'], limit: 50 });
    w.fake.clear();
    expect((await send(w, root)).status).toBe(200);
    const answer = await w.fake.waitFor(() => w.fake.of('send')[0], 'the private refusal');
    await w.teams.idle();
    expect(answer.conversationId).toBe(w.fake.personalChatOf(AAD[user]));
    expect(visibleText(answer)).toContain('That did not work');
    expect(visibleText(answer)).toContain(says);
    expect(w.fake.calls.filter((c) => c.operation !== 'create' && c.operation !== 'member').map((c) => c.operation)).toEqual(['send']);
    expect(w.fake.calls.filter((c) => c.operation === 'create').every((c) => c.body.isGroup === false)).toBe(true);
    expect(await w.harness.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual(before);
  });
});

describe('Teams: a letter card clicked outside its own channel', () => {
  let w: TeamsWorld;
  afterAll(async () => w.close());

  it('answers with the confirmation only, never the letter card, when an owner acknowledges from another channel', async () => {
    w = await openTeamsWorld();
    await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary: 'Forwarded-card secret.', urgent: false });
    w.fake.clear();
    const elsewhere = `${TEAMS_CHANNELS.kestrel.channelId};messageid=1700000000001`;
    const reply = await w.send.post(w.send.cardAction({ from: 'ana', verb: 'acknowledge', data: { ref: REF }, conversationId: elsewhere, replyToId: '1700000000001' }));
    expect(reply.status).toBe(200);
    const text = JSON.stringify(reply.json());
    expect(text).toContain(`${REF} is acknowledged`);
    expect(text).not.toContain('Forwarded-card secret.');
    await w.teams.idle();
    const intoKestrel = w.fake.calls.filter((c) => c.conversationId?.startsWith(TEAMS_CHANNELS.kestrel.channelId));
    expect(intoKestrel).toEqual([]);
    expect((await w.harness.store.letters.get(REF))!.acknowledged?.by).toBe('ana');
  });
});

describe('Teams: the preview form refuses what it cannot trust', () => {
  let w: TeamsWorld;
  let token: string;
  let chat: string;
  beforeAll(async () => {
    w = await openTeamsWorld();
    await w.send.post(w.send.message({ from: 'mara', text: 'preview' }));
    chat = w.fake.personalChatOf(AAD.mara);
    const form = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === chat), 'the form');
    token = cardOf(form).actions[0].data.form;
  });
  afterAll(async () => w.close());

  const valid = { type: 'OL', topics: 'surveillance', summary: 'Fine.', urgent: 'false' };
  const submit = (from: TeamsPerson, data: Record<string, unknown>) =>
    w.send.post(w.send.cardAction({ from, verb: 'preview-submit', data, conversationId: w.fake.personalChatOf(AAD[from]), personal: true }));

  it('refuses a form whose channel binding was altered on the way, and creates nothing', async () => {
    const [body, mac] = token.split('.');
    const binding = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    const forged = `${Buffer.from(JSON.stringify({ ...binding, channelId: TEAMS_CHANNELS.kestrel.channelId })).toString('base64url')}.${mac}`;
    const reply = await submit('mara', { ...valid, form: forged });
    expect(reply.json()).toEqual({ statusCode: 200, type: MESSAGE_TYPE, value: expect.stringContaining('This preview form is out of date') });
    expect(await w.harness.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual([]);
  });

  it('refuses a form submitted by anyone but the person it was opened for', async () => {
    const reply = await submit('tom', { ...valid, form: token });
    expect(reply.json().value).toContain('This preview form was opened by someone else');
    expect(await w.harness.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual([]);
  });

  it('names a field Teams sent in a shape PreLetter cannot read', async () => {
    const reply = await submit('mara', { ...valid, topics: ['surveillance'], form: token });
    const red = reply.json().value.body.filter((b: any) => b.color === 'Attention').map((b: any) => b.text.replace(/\u2060/g, ''));
    expect(red).toContain('Topics: PreLetter could not read this field (topics). Please fill it in again.');
  });

  it('opens the letter once, however often the same form is submitted', async () => {
    const first = await submit('mara', { ...valid, form: token });
    expect(JSON.stringify(first.json().value)).toContain('is open in the company\'s channel');
    const again = await submit('mara', { ...valid, summary: 'Second try.', form: token });
    expect(again.json()).toEqual({ statusCode: 200, type: MESSAGE_TYPE, value: expect.stringContaining('already submitted') });
    await w.teams.idle();
    const listed = await w.harness.store.letters.list({ scopes: ['all'], limit: 50 });
    expect(listed).toHaveLength(1);
    expect((await w.harness.store.letters.get(listed[0]!.ref))!.summary).toBe('Fine.');
  });
});

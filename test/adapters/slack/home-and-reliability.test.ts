/**
 * The App Home view, and what happens when Slack pushes back: a 429 is waited out
 * and the message posted once; a private answer that cannot be an ephemeral goes
 * through response_url (or a direct message); a failure the person should know
 * about is told to them privately.
 */
import { markSent } from '../../../src/bot/mark-sent';
import { previewLetter } from '../../../src/bot/preview-letter';
import { NORTHWIND_CHANNEL, TEST_DIRECTORY, USERS } from '../../support/test-directory';
import { visibleText } from './support/slack-message-view';
import { buttonClick, directMessage, homeOpened, previewValues, slashCommand, viewSubmission } from './support/slack-requests';
import { openSlackWorld, type SlackWorld } from './support/slack-world';

describe('Slack: App Home', () => {
  let w: SlackWorld;
  let rootTs: string;
  beforeAll(async () => {
    w = await openSlackWorld();
    await previewLetter(w.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'S.', urgent: false });
    await markSent(w.deps, { actor: USERS.mara, ref: 'PL-2026-0001' });
    rootTs = String(w.fake.of('chat.postMessage')[0]!.result.ts);
    w.harness.clock.advanceDays(10);
  });
  afterAll(async () => w.close());

  it("publishes the person's letters, with days left and a link to each thread", async () => {
    w.fake.clear();
    expect((await w.send.event(homeOpened('U0MARA'))).status).toBe(200);
    const published = await w.fake.waitFor(() => w.fake.of('views.publish')[0], 'views.publish');
    expect(published.args.user_id).toBe('U0MARA');
    const view = published.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = visibleText(published);
    expect(text).toContain('Your letters');
    expect(text).toContain('PL-2026-0001 · Northwind Social');
    expect(text).toContain('Awaiting reply · 50 days left');
    expect(JSON.stringify(view.blocks)).toContain(`<${w.fake.permalink('C0NORTH', rootTs)}|Open thread>`);
  });

  it('shows someone not in the directory what to do, on the Home tab itself', async () => {
    w.fake.clear();
    await w.send.event(homeOpened('U0NOBODY'));
    const published = await w.fake.waitFor(() => w.fake.of('views.publish')[0], 'views.publish');
    expect(visibleText(published)).toContain("I don't know your Slack account yet");
  });

  it('publishes nothing for the Messages tab', async () => {
    w.fake.clear();
    await w.send.event(homeOpened('U0MARA', 'messages'));
    await w.slack.idle();
    expect(w.fake.calls).toEqual([]);
  });
});

describe("Slack: commands typed in the app's Messages tab", () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await openSlackWorld();
    await previewLetter(w.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'S.', urgent: false });
  });
  afterAll(async () => w.close());

  const answersIn = (channel: string) => w.fake.of('chat.postMessage').filter((c) => c.args.channel === channel);

  it('answers `status` in the same conversation, only to the person who typed it', async () => {
    w.fake.clear();
    expect((await w.send.event(directMessage({ user: 'U0MARA', text: 'status' }))).status).toBe(200);
    const answer = await w.fake.waitFor(() => answersIn(w.fake.dmOf('U0MARA'))[0], 'status answer in the DM');
    expect(visibleText(answer)).toContain('PL-2026-0001 · Northwind Social');
    await w.slack.idle();
    expect(w.fake.of('chat.postMessage').filter((c) => c.args.channel !== w.fake.dmOf('U0MARA'))).toEqual([]);
    expect(w.fake.of('chat.postEphemeral')).toEqual([]);
  });

  it('acknowledges by reference, as `/preletter ack` does', async () => {
    w.fake.clear();
    await w.send.event(directMessage({ user: 'U0ANA', text: 'ack pl-2026-0001' }));
    const answer = await w.fake.waitFor(() => answersIn(w.fake.dmOf('U0ANA'))[0], 'ack answer in the DM');
    expect(visibleText(answer)).toContain('PL-2026-0001');
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('ana');
  });

  it('says where previews are made, and answers a typo with the help line', async () => {
    w.fake.clear();
    await w.send.event(directMessage({ user: 'U0MARA', text: 'preview' }));
    const where = await w.fake.waitFor(() => answersIn(w.fake.dmOf('U0MARA'))[0], 'preview answer');
    expect(visibleText(where)).toContain('Letters are previewed in the channel you share with the company, so nothing was created here.');
    w.fake.clear();
    await w.send.event(directMessage({ user: 'U0MARA', text: 'stauts' }));
    const typo = await w.fake.waitFor(() => answersIn(w.fake.dmOf('U0MARA'))[0], 'typo answer');
    expect(visibleText(typo)).toMatch(/Did you mean `\/preletter status`\?/);
  });

  it("ignores the app's own messages and edits in the conversation", async () => {
    w.fake.clear();
    await w.send.event(directMessage({ user: 'U0MARA', text: 'status', extra: { bot_id: 'B0PRELETTER' } }));
    await w.send.event(directMessage({ user: 'U0MARA', text: 'status', extra: { subtype: 'message_changed' } }));
    await w.slack.idle();
    expect(w.fake.calls).toEqual([]);
  });
});

describe('Slack: when Slack pushes back', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await openSlackWorld();
  });
  afterEach(async () => w.close());

  it('waits out a 429 with Retry-After and posts the message once', async () => {
    w.fake.failNext('chat.postEphemeral', { rateLimitedFor: 1 });
    const started = Date.now();
    await w.send.command(slashCommand('U0MARA', 'help'));
    await w.fake.waitFor(() => w.fake.of('chat.postEphemeral')[0], 'the retried answer', 10_000);
    await w.slack.idle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(w.fake.calls.filter((c) => c.method === 'chat.postEphemeral').map((c) => c.status)).toEqual([429, 200]);
    expect(visibleText(w.fake.of('chat.postEphemeral')[0]!)).toContain('PreLetter commands');
  });

  it('answers through response_url where the bot cannot post an ephemeral', async () => {
    w.fake.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    await w.send.command(slashCommand('U0MARA', 'help', 'C0OTHER', w.fake.responseUrl('cmd-1')));
    const answered = await w.fake.waitFor(() => w.fake.of('response_url')[0], 'response_url answer');
    expect(answered.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(answered)).toContain('PreLetter commands');
  });

  it('falls back to a direct message when neither an ephemeral nor response_url works', async () => {
    w.fake.failNext('chat.postEphemeral', { error: 'not_in_channel' });
    w.fake.failNext('response_url', { error: 'expired_url' });
    await w.send.interaction(buttonClick({ user: 'U0ANA', action: 'acknowledge', ref: 'PL-2026-0042', channel: 'C0OTHER', messageTs: '1772524801.000001', responseUrl: w.fake.responseUrl('act-1') }));
    const dm = await w.fake.waitFor(() => w.fake.of('chat.postMessage').find((c) => c.args.channel === 'D0ANA'), 'direct message');
    expect(visibleText(dm)).toContain('I could not find a letter with the reference PL-2026-0042');
  });

  it('tells the person privately, in words, when the letter was saved but Slack refused the post', async () => {
    await w.send.command(slashCommand('U0MARA', 'preview'));
    const view = (await w.fake.waitFor(() => w.fake.of('views.open')[0], 'views.open')).args.view as { private_metadata: string };
    w.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await w.send.interaction(viewSubmission({ user: 'U0MARA', privateMetadata: view.private_metadata, values: previewValues({ type: 'UA', topics: ['surveillance'], summary: 'Urgent.' }) }));
    const told = await w.fake.waitFor(() => w.fake.of('chat.postEphemeral').find((c) => c.args.user === 'U0MARA'), 'the private explanation');
    expect(visibleText(told)).toContain('PL-2026-0001 is saved, but Slack does not let PreLetter post in the company\'s channel, so it is not there yet. Please add PreLetter to that channel');
    expect(visibleText(told)).not.toMatch(/Error|stack|at Object/);
    expect(await w.harness.store.letters.get('PL-2026-0001')).toMatchObject({ type: 'UA', urgent: true, threads: [] });
  });

  it('tells the person the form took too long to open and to run the command again, when Slack says the trigger expired', async () => {
    w.fake.failNext('views.open', { error: 'expired_trigger_id' });
    await w.send.command(slashCommand('U0MARA', 'preview'));
    const told = await w.fake.waitFor(() => w.fake.of('chat.postEphemeral')[0], 'the private explanation');
    expect(told.args).toMatchObject({ user: 'U0MARA', channel: 'C0NORTH' });
    expect(visibleText(told)).toContain('That did not work');
    expect(visibleText(told)).toContain('The form took too long to open, so Slack did not show it. Nothing was changed: please run the command again.');
    expect(visibleText(told)).not.toContain('did not accept the request');
    expect(await w.harness.store.letters.list({ scopes: ['all'], limit: 50 })).toEqual([]);
  });

  it('says so in French to a person whose directory locale is French', async () => {
    const mara = TEST_DIRECTORY.people.find((p) => p.key === 'mara')!;
    await w.harness.store.directory.apply({ people: [{ ...mara, locale: 'fr' }], mandates: [], companies: [] });
    w.fake.failNext('views.open', { error: 'expired_trigger_id' });
    await w.send.command(slashCommand('U0MARA', 'preview'));
    const told = await w.fake.waitFor(() => w.fake.of('chat.postEphemeral')[0], 'the private explanation');
    expect(visibleText(told)).toContain('Le formulaire a mis trop de temps à s’ouvrir ; Slack ne l’a donc pas affiché. Rien n’a été modifié : merci de relancer la commande.');
  });
});

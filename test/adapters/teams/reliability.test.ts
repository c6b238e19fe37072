/**
 * When the Bot Connector pushes back, and the app's life around it: a 429 is waited out
 * (Retry-After) and the post made once; a 5xx is retried; a connector that keeps failing
 * is given up on after the configured retries with a sentence for the person; a card
 * action slower than Teams' invoke limit is answered "still working" and finished after;
 * installing the bot in a team posts the binding card; start and stop.
 */
import { createTeamsApp, TEAMS_MESSAGES_PATH } from '../../../adapters/teams/app';
import { previewLetter } from '../../../src/bot/preview-letter';
import type { BotDeps } from '../../../src/bot/deps';
import { startHttpHost, type HttpHost } from '../../../src/http';
import { silentLogger } from '../../support/silent-logger';
import { openBotHarness } from '../../support/bot-harness';
import { ConnectorFake, type ConnectorCall } from './support/connector-fake';
import { TeamsRequests } from './support/teams-activities';
import { AAD, GENERAL_CHANNEL, TEAMS_CHANNELS, TENANT, teamsUser } from './support/teams-directory';
import { cardOf, visibleText } from './support/teams-message-view';
import { openTeamsWorld, TEST_RETRY_POLICY, type TeamsWorld } from './support/teams-world';

const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

async function openForm(w: TeamsWorld): Promise<{ call: ConnectorCall; token: string; chat: string }> {
  await w.send.post(w.send.message({ from: 'mara', text: 'preview' }));
  const chat = w.fake.personalChatOf(AAD.mara);
  const call = await w.fake.waitFor(() => w.fake.of('send').find((c) => c.conversationId === chat), 'the form');
  return { call, token: cardOf(call).actions[0].data.form, chat };
}

function submit(w: TeamsWorld, form: { call: ConnectorCall; token: string; chat: string }) {
  return w.send.post(
    w.send.cardAction({
      from: 'mara',
      verb: 'preview-submit',
      data: { form: form.token, type: 'UA', topics: 'content-moderation', summary: 'Urgent.', urgent: 'true' },
      conversationId: form.chat,
      replyToId: form.call.activityId!,
      personal: true,
    }),
  );
}

const channelPosts = (w: TeamsWorld) => w.fake.calls.filter((c) => c.operation === 'create' && c.body?.activity);

describe('Teams: when the connector pushes back', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await openTeamsWorld();
  });
  afterEach(async () => w.close());

  it('waits out a 429 with Retry-After and posts the root card once', async () => {
    const form = await openForm(w);
    w.fake.failNext('create', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const reply = await submit(w, form);
    expect(JSON.stringify(reply.json().value)).toContain('is open in the company\'s channel');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(channelPosts(w).map((c) => c.status)).toEqual([429, 201]);
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.threads).toHaveLength(1);
  });

  it('retries a 500 from the connector and updates the channel card once', async () => {
    await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary: 'S.', urgent: false });
    const root = channelPosts(w)[0]!;
    w.fake.failNext('update', { status: 500 });
    const click = await w.send.post(w.send.cardAction({ from: 'ana', verb: 'acknowledge', data: { ref: 'PL-2026-0001' }, conversationId: root.conversationId, replyToId: root.activityId! }));
    expect(click.json().type).toBe('application/vnd.microsoft.card.adaptive');
    expect(w.fake.calls.filter((c) => c.operation === 'update' && c.activityId === root.activityId).map((c) => c.status)).toEqual([500, 200]);
  });

  it('does not repeat a root post that may have been made (a 503), and tells the person, in words, that the letter is saved and only what is known of its card', async () => {
    const form = await openForm(w);
    w.fake.failNext('create', { status: 503 }, TEST_RETRY_POLICY.retries + 1);
    const reply = await submit(w, form);
    const text = JSON.stringify(reply.json().value);
    expect(reply.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    // A 503 does not prove nothing was posted: the person is told only what is known.
    expect(text).toContain('PL-2026-0001 is saved, but I could not confirm yet that its card is in the company\'s channel. If it is not there yet, I will post it as soon as I can');
    expect(text).not.toMatch(/Error|stack|503/);
    // Teams offers no way to look for a post that may have been made: the next try is the delivery's, minutes later.
    expect(channelPosts(w).map((c) => c.status)).toEqual([503]);
    expect(await w.harness.store.letters.get('PL-2026-0001')).toMatchObject({ type: 'UA', urgent: true, threads: [] });
  });

  it('does not retry a refusal (403) and names what to check', async () => {
    const form = await openForm(w);
    w.fake.failNext('create', { status: 403 });
    const reply = await submit(w, form);
    expect(JSON.stringify(reply.json().value)).toContain('is saved, but Microsoft Teams does not let PreLetter post in the company\'s channel, so it is not there yet. Please add PreLetter to that channel');
    expect(channelPosts(w).map((c) => c.status)).toEqual([403]);
  });
});

describe('Teams: a card action slower than the invoke limit', () => {
  let w: TeamsWorld;
  beforeAll(async () => {
    w = await openTeamsWorld({ invokeBudgetMs: 150 });
  });
  afterAll(async () => w.close());

  it('answers "still working" in time, then refreshes the clicked card when the work is done', async () => {
    await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary: 'S.', urgent: false });
    const chat = w.fake.personalChatOf(AAD.wei);
    const dm = w.fake.of('send').find((c) => c.conversationId === chat)!;
    w.fake.slowNext('update', 600);
    const started = Date.now();
    const reply = await w.send.post(w.send.cardAction({ from: 'wei', verb: 'acknowledge', data: { ref: 'PL-2026-0001' }, conversationId: chat, replyToId: dm.activityId!, personal: true }));
    expect(Date.now() - started).toBeLessThan(600);
    expect(reply.json()).toEqual({ statusCode: 200, type: MESSAGE_TYPE, value: expect.stringContaining('still working') });
    const refreshed = await w.fake.waitFor(() => w.fake.of('update').find((c) => c.conversationId === chat && c.activityId === dm.activityId), 'the late card refresh');
    expect(visibleText(refreshed)).toContain('Acknowledged');
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('wei');
  });
});

describe('Teams: installed in a team', () => {
  let w: TeamsWorld;
  beforeAll(async () => {
    w = await openTeamsWorld();
  });
  afterAll(async () => w.close());

  it('posts in the General channel exactly what an admin binds in the directory, once', async () => {
    const install = w.send.install();
    expect((await w.send.post(install)).status).toBe(200);
    expect((await w.send.post(install)).status).toBe(200);
    await w.teams.idle();
    const posts = w.fake.of('send');
    expect(posts.map((c) => c.conversationId)).toEqual([GENERAL_CHANNEL]);
    expect(visibleText(posts[0]!)).toContain(`{ platform: teams, workspaceId: ${TENANT}, channelId: ${GENERAL_CHANNEL} }`);
    expect(visibleText(posts[0]!)).not.toMatch(/PL-\d{4}/);
  });

  it('ignores other people joining the team', async () => {
    w.fake.clear();
    const joined = w.send.install();
    joined.membersAdded = [{ id: '29:1someone', aadObjectId: AAD.bea }];
    await w.send.post(joined);
    await w.teams.idle();
    expect(w.fake.calls).toEqual([]);
  });
});

describe('Teams app lifecycle', () => {
  it('in Emulator mode (no app id) refuses a request that does not come from this machine', async () => {
    const harness = await openBotHarness();
    try {
      let route: ((req: any, res: any) => void | Promise<void>) | undefined;
      const host = { mount: (_m: string, _p: string, handler: typeof route) => void (route = handler) } as unknown as HttpHost;
      const app = createTeamsApp({ config: { appType: 'MultiTenant' }, deps: { ...harness.deps, platforms: {} }, serviceUrls: harness.store.serviceUrls, host, logger: silentLogger });
      await app.start();
      let status = 0;
      const res = { headersSent: false, writeHead: (s: number) => void (status = s), end: () => undefined };
      await route!({ socket: { remoteAddress: '10.1.2.3' }, headers: {} }, res);
      expect(status).toBe(401);
      await app.stop();
    } finally {
      await harness.close();
    }
  });

  it('registers itself as platforms.teams, answers 503 until started, and finishes a turn in flight on stop()', async () => {
    const harness = await openBotHarness();
    const fake = await ConnectorFake.start();
    const host = await startHttpHost({ port: 0, host: '127.0.0.1', logger: silentLogger, ready: async () => true });
    try {
      const deps: BotDeps = { ...harness.deps, platforms: {} };
      const app = createTeamsApp({ config: { appType: 'MultiTenant' }, deps, serviceUrls: harness.store.serviceUrls, host, logger: silentLogger, fallbackServiceUrl: fake.serviceUrl, retryPolicy: TEST_RETRY_POLICY });
      const send = new TeamsRequests(`http://127.0.0.1:${host.port}${TEAMS_MESSAGES_PATH}`, fake.serviceUrl);
      expect(deps.platforms.teams).toBe(app.platform);
      expect((await send.post(send.message({ from: 'mara', text: 'help', personal: true }))).status).toBe(503);
      await app.start();
      fake.slowNext('send', 300);
      expect((await send.post(send.message({ from: 'mara', text: 'help', personal: true }))).status).toBe(200);
      await app.stop();
      expect(fake.of('send')).toHaveLength(1);
      expect(visibleText(fake.of('send')[0]!)).toContain('PreLetter commands');
      expect((await send.post(send.message({ from: 'mara', text: 'help', personal: true }))).status).toBe(503);
    } finally {
      await host.close();
      await fake.close();
      await harness.close();
    }
  });
});

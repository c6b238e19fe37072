/**
 * Starting and stopping the Slack side: nothing is accepted before the bot token is
 * checked, a bad token stops start-up with a sentence naming the settings, Socket
 * Mode uses the app token (and SLACK_API_URL) instead of the HTTP route, and stop()
 * lets a turn in flight finish before refusing new requests.
 */
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../../adapters/slack/app';
import type { BotDeps } from '../../../src/bot/deps';
import { startHttpHost, type HttpHost } from '../../../src/http';
import { silentLogger } from '../../support/silent-logger';
import { openBotHarness, type BotHarness } from '../../support/bot-harness';
import { SlackApiFake } from './support/slack-api-fake';
import { SlackRequests, slashCommand } from './support/slack-requests';
import { BOT_TOKEN, SIGNING_SECRET } from './support/slack-world';

describe('Slack app lifecycle', () => {
  let harness: BotHarness;
  let fake: SlackApiFake;
  let host: HttpHost;
  let send: SlackRequests;
  let deps: BotDeps;
  const apps: SlackApp[] = [];

  function create(appToken?: string): SlackApp {
    const app = createSlackApp({
      config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, ...(appToken ? { appToken } : {}) },
      deps,
      host,
      logger: silentLogger,
    });
    apps.push(app);
    return app;
  }

  beforeEach(async () => {
    harness = await openBotHarness();
    fake = await SlackApiFake.start();
    host = await startHttpHost({ port: 0, host: '127.0.0.1', logger: silentLogger, ready: async () => true });
    send = new SlackRequests(`http://127.0.0.1:${host.port}${SLACK_EVENTS_PATH}`, SIGNING_SECRET);
    deps = { ...harness.deps, platforms: {} };
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    await host.close();
    await fake.close();
    await harness.close();
  });

  it('registers itself as platforms.slack and accepts nothing until the token is checked', async () => {
    const app = create();
    expect(deps.platforms.slack).toBe(app.platform);
    expect((await send.command(slashCommand('U0MARA', 'help'))).status).toBe(503);
    await app.start();
    expect(fake.calls.map((c) => [c.method, c.token])).toEqual([['auth.test', BOT_TOKEN]]);
    expect((await send.command(slashCommand('U0MARA', 'help'))).status).toBe(200);
    await fake.waitFor(() => fake.of('chat.postEphemeral')[0], 'help answer');
  });

  it('refuses to start with a token Slack rejects, naming the settings to check', async () => {
    fake.failNext('auth.test', { error: 'invalid_auth' });
    await expect(create().start()).rejects.toMatchObject({
      code: 'platform',
      userMessage: 'Slack refused to connect (invalid_auth): check SLACK_BOT_TOKEN and SLACK_API_URL.',
    });
    expect((await send.command(slashCommand('U0MARA', 'help'))).status).toBe(503);
  });

  it('uses Socket Mode with the app token instead of the HTTP route when SLACK_APP_TOKEN is set', async () => {
    fake.failNext('apps.connections.open', { error: 'invalid_auth' });
    const app = create('xapp-1-test');
    expect((await send.command(slashCommand('U0MARA', 'help'))).status).toBe(404);
    await expect(app.start()).rejects.toMatchObject({ userMessage: expect.stringContaining('check SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL') });
    const open = fake.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.token).toBe('xapp-1-test');
  });

  it('finishes a turn in flight on stop(), then answers new requests with 503', async () => {
    const app = create();
    await app.start();
    fake.slowNext('chat.postEphemeral', 300);
    expect((await send.command(slashCommand('U0MARA', 'help'))).status).toBe(200);
    await app.stop();
    expect(fake.of('chat.postEphemeral')).toHaveLength(1);
    expect((await send.command(slashCommand('U0MARA', 'help'))).status).toBe(503);
  });
});

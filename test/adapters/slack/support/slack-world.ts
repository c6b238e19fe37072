/**
 * One Slack test world: the real store (embedded FerretDB, test directory loaded,
 * simulated clock), the shared HTTP host on a free port, the real Slack app mounted
 * on it with a known signing secret, and the Slack Web API fake as SLACK_API_URL.
 * Tests talk to it only over HTTP, as Slack would.
 */
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../../../adapters/slack/app';
import { RateLimitGate, SLACK_RATE_LIMIT_SETTINGS } from '../../../../adapters/slack/rate-limits';
import type { BotDeps } from '../../../../src/bot/deps';
import type { HttpHost } from '../../../../src/http';
import type { PrometheusMetrics } from '../../../../src/observability/prometheus';
import { silentLogger } from '../../../support/silent-logger';
import { openWorldHost } from '../../../support/world-host';
import { openBotHarness, type BotHarness } from '../../../support/bot-harness';
import { TEST_DIRECTORY } from '../../../support/test-directory';
import { SlackApiFake } from './slack-api-fake';
import { SlackRequests } from './slack-requests';

/** The signing secret the test app is configured with. */
export const SIGNING_SECRET = 'test-signing-secret-8f2b1c';
/** The bot token the test app is configured with. */
export const BOT_TOKEN = 'xoxb-test-token';

/** Everything a Slack adapter test needs. */
export interface SlackWorld {
  harness: BotHarness;
  deps: BotDeps;
  fake: SlackApiFake;
  host: HttpHost;
  slack: SlackApp;
  send: SlackRequests;
  close(): Promise<void>;
}

/** How a world differs from the default one. */
export interface SlackWorldOptions {
  /** Keep Slack's rate limits on the simulated clock: a Retry-After is over when the test moves the clock past it, not before. */
  rateLimitsOnSimulatedClock?: boolean;
  /** Record through these metrics and serve them at GET /metrics, wired as src/main.ts wires them. */
  metrics?: PrometheusMetrics;
}

/** Opens a world; start() has run (auth.test answered by the fake). */
export async function openSlackWorld(options: SlackWorldOptions = {}): Promise<SlackWorld> {
  const harness = await openBotHarness();
  const fake = await SlackApiFake.start();
  for (const p of TEST_DIRECTORY.people) fake.addUser(p.identities[0]!.userId, p.name);
  const metrics = options.metrics;
  const { host, deps } = await openWorldHost(harness, { path: SLACK_EVENTS_PATH, platform: 'slack' }, metrics);
  const slack = createSlackApp({
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl },
    deps,
    host,
    logger: silentLogger,
    ...(metrics ? { metrics } : {}),
    ...(options.rateLimitsOnSimulatedClock ? { rateLimits: new RateLimitGate(SLACK_RATE_LIMIT_SETTINGS, () => harness.clock.now().getTime()) } : {}),
  });
  await slack.start();
  const send = new SlackRequests(`http://127.0.0.1:${host.port}${SLACK_EVENTS_PATH}`, SIGNING_SECRET);
  return {
    harness,
    deps,
    fake,
    host,
    slack,
    send,
    async close() {
      await slack.stop();
      await host.close();
      await fake.close();
      await harness.close();
    },
  };
}

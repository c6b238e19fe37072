/**
 * The real Slack app in this process (Bolt's receiver on the shared HTTP host, the
 * real store on a fresh database of the run's server, the test directory loaded)
 * against the Web API fake, with Slack's rate limits kept on the simulated clock: a
 * Retry-After is over when the test moves the clock past it, and not before.
 */
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../../adapters/slack/app';
import { RateLimitGate, SLACK_RATE_LIMIT_SETTINGS } from '../../../adapters/slack/rate-limits';
import type { BotDeps } from '../../../src/bot/deps';
import { startHttpHost, type HttpHost } from '../../../src/http';
import { silentLogger } from '../../../src/logger';
import { SlackApiFake } from '../../adapters/slack/support/slack-api-fake';
import { SlackRequests } from '../../adapters/slack/support/slack-requests';
import { openBotHarness, type BotHarness } from '../../support/bot-harness';
import { addDirectoryUsers } from './slack-talk';

const SIGNING_SECRET = 'clocked-world-secret-3a9c';

/** One in-process Slack world on a simulated clock. */
export interface ClockedSlackWorld {
  harness: BotHarness;
  deps: BotDeps;
  fake: SlackApiFake;
  host: HttpHost;
  slack: SlackApp;
  send: SlackRequests;
  close(): Promise<void>;
}

export async function openClockedSlackWorld(): Promise<ClockedSlackWorld> {
  const harness = await openBotHarness();
  const fake = await SlackApiFake.start();
  addDirectoryUsers(fake);
  const host = await startHttpHost({ port: 0, host: '127.0.0.1', logger: silentLogger, ready: async () => true });
  const deps: BotDeps = { ...harness.deps, platforms: {} };
  const slack = createSlackApp({
    config: { botToken: 'xoxb-clocked-world', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl },
    deps,
    host,
    logger: silentLogger,
    rateLimits: new RateLimitGate(SLACK_RATE_LIMIT_SETTINGS, () => harness.clock.now().getTime()),
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

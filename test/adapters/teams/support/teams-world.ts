/**
 * One Teams test world: the real store (embedded FerretDB, the test directory with Teams
 * accounts, simulated clock), the shared HTTP host on a free port, the real Teams app
 * (botbuilder's CloudAdapter) mounted on it, and the Bot Connector fake as every
 * activity's serviceUrl and as the fallback. Tests talk to it only over HTTP, as Teams would.
 */
import { createTeamsApp, TEAMS_MESSAGES_PATH, type TeamsApp } from '../../../../adapters/teams/app';
import type { OpenIdMetadataUrls } from '../../../../adapters/teams/authentication';
import type { TeamsRetryPolicy } from '../../../../adapters/teams/connector-errors';
import type { BotDeps } from '../../../../src/bot/deps';
import type { HttpHost } from '../../../../src/http';
import type { Logger } from '../../../../src/logger';
import type { PrometheusMetrics } from '../../../../src/observability/prometheus';
import { silentLogger } from '../../../support/silent-logger';
import { openWorldHost } from '../../../support/world-host';
import { openBotHarness, type BotHarness } from '../../../support/bot-harness';
import { ConnectorFake } from './connector-fake';
import { TeamsRequests } from './teams-activities';
import { TEAMS_DIRECTORY, TEAMS_NAMES } from './teams-directory';

/** Quick backoff for tests; Retry-After is still honoured as the connector asks. */
export const TEST_RETRY_POLICY: TeamsRetryPolicy = { retries: 3, baseDelayMs: 10, maxDelayMs: 40, maxRetryAfterMs: 5000 };
/** The app id and password of a world with authentication on. */
export const TEST_APP = { appId: '00000000-0000-0000-0000-0000000b0700', appPassword: 'test-app-password-not-a-secret' };

/** Everything a Teams adapter test needs. */
export interface TeamsWorld {
  harness: BotHarness;
  deps: BotDeps;
  fake: ConnectorFake;
  host: HttpHost;
  teams: TeamsApp;
  send: TeamsRequests;
  close(): Promise<void>;
}

/** How to open a world: authentication on (with where its keys are published), a shorter invoke limit, a logger to assert on. */
export interface TeamsWorldOptions {
  authenticated?: boolean;
  openIdMetadata?: OpenIdMetadataUrls;
  invokeBudgetMs?: number;
  start?: boolean;
  logger?: Logger;
  /** Record through these metrics and serve them at GET /metrics, wired as src/main.ts wires them. */
  metrics?: PrometheusMetrics;
  /** With `authenticated`: the login host the bot's connector tokens come from (MICROSOFT_LOGIN_URL). */
  loginUrl?: string;
}

/** Opens a world and starts the app; `authenticated` turns authentication on, `invokeBudgetMs` shortens the invoke limit. */
export async function openTeamsWorld(options: TeamsWorldOptions = {}): Promise<TeamsWorld> {
  const harness = await openBotHarness();
  await harness.store.directory.apply(TEAMS_DIRECTORY);
  const fake = await ConnectorFake.start();
  for (const [aad, name] of TEAMS_NAMES) fake.addMember(aad, name);
  const metrics = options.metrics;
  const { host, deps } = await openWorldHost(harness, { path: TEAMS_MESSAGES_PATH, platform: 'teams' }, metrics);
  const teams = createTeamsApp({
    config: { appType: 'MultiTenant', ...(options.authenticated ? TEST_APP : {}), ...(options.loginUrl ? { loginUrl: options.loginUrl } : {}) },
    deps,
    serviceUrls: harness.store.serviceUrls,
    host,
    logger: options.logger ?? silentLogger,
    fallbackServiceUrl: fake.serviceUrl,
    ...(options.openIdMetadata ? { openIdMetadata: options.openIdMetadata } : {}),
    retryPolicy: TEST_RETRY_POLICY,
    ...(metrics ? { metrics } : {}),
    ...(options.invokeBudgetMs !== undefined ? { invokeBudgetMs: options.invokeBudgetMs } : {}),
  });
  if (options.start ?? true) await teams.start();
  const send = new TeamsRequests(`http://127.0.0.1:${host.port}${TEAMS_MESSAGES_PATH}`, fake.serviceUrl);
  return {
    harness,
    deps,
    fake,
    host,
    teams,
    send,
    async close() {
      await teams.stop();
      await host.close();
      await fake.close();
      await harness.close();
    },
  };
}

/**
 * The Teams app: botbuilder's CloudAdapter (ConfigurationBotFrameworkAuthentication from
 * MICROSOFT_APP_*) mounted on PreLetter's one HTTP host at POST /api/messages. src/main.ts
 * creates it only when Teams credentials are set, or when the operator asked for the Bot
 * Framework Emulator (TEAMS_EMULATOR); without an app id it runs in emulator mode: no
 * authentication, so it hears only the Emulator on this machine (emulator-guard.ts) and
 * sends only to this machine. Every request is checked in this order, before any work:
 * emulator origin (401), body size (413), nesting and required fields (400), emulator
 * serviceUrl (401), token (401, also when its signing keys cannot be fetched).
 * Messages and installs are answered 200 at once and handled after; card actions and
 * dialogs are answered with their result (invoke response). Turns are tracked so stop() lets
 * in-flight work finish. Only src/main.ts imports this module.
 */
import { randomBytes, createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { BotDeps } from '../../src/bot/deps';
import type { PlatformRegistry } from '../../src/bot/ports';
import type { ServiceUrlRepository } from '../../src/bot/repositories';
import type { Config } from '../../src/config';
import type { HttpHost } from '../../src/http';
import { errorDetails, type Logger } from '../../src/logger';
import type { Metrics } from '../../src/metrics';
import { refusalStatus } from '../shared/json-body';
import { createCloudAdapter, isAuthenticationFailure, type OpenIdMetadataUrls } from './authentication';
import { handleCardAction } from './card-action-listener';
import { handleDialog } from './dialog-listener';
import { TASK_INVOKES } from './inbound-actions';
import { mentionsBot } from './inbound';
import { TeamsConnector } from './connector';
import { emulatorRequestRefusal, isLocalServiceUrl } from './emulator-guard';
import { TEAMS_RETRY_POLICY, type TeamsRetryPolicy } from './connector-errors';
import { handleInstall } from './install-listener';
import { handleMessage, handleMessageChange } from './message-listener';
import { MESSAGE_CHANGE_TYPES } from './inbound-thread';
import { PUBLIC_SERVICE_URL, ServiceUrlBook, TeamsPlatform } from './platform';
import { readEdgeActivity } from './request-edge';
import { TurnTracker } from '../shared/turn-tracker';
import type { TurnServices } from './turn';

/** The Bot Framework messaging endpoint; the bot registration's endpoint is https://YOUR-HOST/api/messages. */
export const TEAMS_MESSAGES_PATH = '/api/messages';
/** How long a card action may work before Teams (which waits about 5 s) is answered "still working". */
export const TEAMS_INVOKE_BUDGET_MS = 4000;

const STOP_WAIT_MS = 10_000;

type TeamsSettings = NonNullable<Config['teams']>;

/** What createTeamsApp needs: Teams settings, the core's dependencies, the shared HTTP host and a logger. */
export interface TeamsAppOptions {
  /** Credentials; no app id means Bot Framework Emulator mode (main.ts only asks for it when the operator did). */
  config: TeamsSettings;
  /** The core's dependencies; createTeamsApp registers its platform as `platforms.teams` in this registry. */
  deps: Omit<BotDeps, 'platforms'> & { platforms: PlatformRegistry };
  host: HttpHost;
  logger: Logger;
  /** Where tenants' service URLs are kept, so every instance can reach a tenant any of them heard from. */
  serviceUrls: ServiceUrlRepository;
  /** Service URL for tenants not heard from yet; production uses Teams' public one. */
  fallbackServiceUrl?: string;
  /** Connector retry policy; production uses TEAMS_RETRY_POLICY. */
  retryPolicy?: TeamsRetryPolicy;
  /** Invoke answer budget; production uses TEAMS_INVOKE_BUDGET_MS. */
  invokeBudgetMs?: number;
  /** Where the token signing keys are published; production uses the public cloud's (tests: a local fake). */
  openIdMetadata?: OpenIdMetadataUrls;
  /** Where Bot Connector calls are counted and timed; nothing recorded by default. */
  metrics?: Metrics;
}

/** The running Teams side of PreLetter. */
export interface TeamsApp {
  readonly platform: TeamsPlatform;
  /** Starts accepting activities (the route answers 503 before). */
  start(): Promise<void>;
  /** Stops accepting activities and waits for turns in flight. */
  stop(): Promise<void>;
  /** Resolves when every activity received so far has been fully handled (for shutdown and tests). */
  idle(timeoutMs?: number): Promise<void>;
}

function answer(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

/** Why: the preview form's binding is signed with a key every instance shares when there is an app password. */
function formKey(config: TeamsSettings): Buffer {
  return config.appPassword ? createHmac('sha256', config.appPassword).update('preletter-preview-form-key-v1').digest() : randomBytes(32);
}

/**
 * Why: with resource-specific consent Teams delivers every channel message; only those said to
 * PreLetter refresh the tenant's service URL (one database write), so a busy channel costs none.
 */
function isChannelChatter(activity: Activity): boolean {
  if (activity.type !== 'message' || activity.conversation?.conversationType !== 'channel') return false;
  return !mentionsBot(activity as Parameters<typeof mentionsBot>[0]);
}

/** Why: after authentication, each activity type goes to its listener; only card actions hold the HTTP answer. */
async function dispatch(services: TurnServices, raw: Activity, context: TurnContext): Promise<void> {
  const { activity } = context;
  const tenant = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (tenant && activity.serviceUrl && !isChannelChatter(activity)) {
    // Written before the activity is answered, so any instance's next proactive post can use it.
    await services.platform.serviceUrls.remember(tenant, activity.serviceUrl).catch((err: unknown) => {
      services.logger.warn({ tenantId: tenant, ...errorDetails(err) }, 'teams service url not recorded');
    });
  }
  if (activity.type === 'message') {
    services.tracker.track(handleMessage(services, raw));
  } else if (MESSAGE_CHANGE_TYPES.has(activity.type ?? '')) {
    services.tracker.track(handleMessageChange(services, raw));
  } else if (activity.type === 'conversationUpdate' || activity.type === 'installationUpdate') {
    services.tracker.track(handleInstall(services, raw));
  } else if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const body = await handleCardAction(services, raw);
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
  } else if (activity.type === 'invoke' && Object.hasOwn(TASK_INVOKES, activity.name ?? '')) {
    const body = await handleDialog(services, raw);
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
  }
  // Anything else (typing, reactions, other invokes) needs nothing from PreLetter; other invokes get 501.
}

/**
 * Why: builds the Teams side and registers `platforms.teams` in the core's registry.
 * Nothing is received until start(): the route answers 503 meanwhile, and Teams retries.
 */
export function createTeamsApp(options: TeamsAppOptions): TeamsApp {
  const { config, host } = options;
  const log = options.logger.child({ component: 'teams' });
  const emulator = !config.appId;
  const adapter = createCloudAdapter(config, log, options.openIdMetadata);
  // Nothing an emulator-mode request says is authenticated, so nothing may be sent beyond this machine.
  const mayCall = emulator ? isLocalServiceUrl : () => true;
  const connector = new TeamsConnector(adapter, config.appId ?? '', options.retryPolicy ?? TEAMS_RETRY_POLICY, log, mayCall, options.metrics);
  const platform = new TeamsPlatform(connector, new ServiceUrlBook(options.serviceUrls, options.deps.clock, options.fallbackServiceUrl ?? PUBLIC_SERVICE_URL), log);
  options.deps.platforms.teams = platform;
  const tracker = new TurnTracker();
  const services: TurnServices = {
    deps: options.deps as BotDeps,
    platform,
    logger: log,
    tracker,
    settings: { invokeBudgetMs: options.invokeBudgetMs ?? TEAMS_INVOKE_BUDGET_MS, formKey: formKey(config) },
  };
  let accepting = false;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!accepting) return answer(res, 503, { status: 'teams not ready' }, { 'retry-after': '5' });
    const refusal = emulator ? emulatorRequestRefusal(req) : undefined;
    if (refusal) {
      log.warn({ check: refusal }, 'teams emulator mode refused a request that is not from the emulator on this machine');
      return answer(res, 401, { status: 'unauthorized' });
    }
    let raw: Activity;
    try {
      raw = await readEdgeActivity(req);
    } catch (err) {
      const status = refusalStatus(err) ?? 400;
      log.info({ status, problem: (err as { context?: { problem?: unknown } }).context?.problem }, 'teams request refused: unreadable body');
      return answer(res, status, { status: status === 413 ? 'too large' : 'not an activity' }, { connection: 'close' });
    }
    if (emulator && !isLocalServiceUrl(raw.serviceUrl)) {
      log.warn({ check: 'service-url', activityType: raw.type }, 'teams emulator mode refused a request that is not from the emulator on this machine');
      return answer(res, 401, { status: 'unauthorized' });
    }
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    // botbuilder mutates the activity it is given; listeners read the activity as it arrived.
    const copy = JSON.parse(JSON.stringify(raw)) as Activity;
    try {
      const result = await adapter.handle(authorization, copy, (context) => dispatch(services, raw, context));
      answer(res, result?.status ?? 200, result?.body);
    } catch (err) {
      if (isAuthenticationFailure(err) && err.code === 'forbidden') {
        log.warn({ reason: err.context.reason, activityType: raw.type }, 'teams request refused: not authenticated');
        return answer(res, 401, { status: 'unauthorized' });
      }
      if (isAuthenticationFailure(err)) {
        // A token whose keys cannot be fetched is not authenticated: refused like any other (the operator sees why).
        log.warn({ problem: err.context.problem, activityType: raw.type }, 'teams request not checked: signing keys unavailable');
        return answer(res, 401, { status: 'unauthorized' });
      }
      log.error(errorDetails(err), 'teams request failed');
      answer(res, 500, { status: 'error' });
    }
  }

  host.mount('POST', TEAMS_MESSAGES_PATH, (req, res) => tracker.track(route(req, res)));

  return {
    platform,
    async start() {
      accepting = true;
      if (emulator) log.warn({ path: TEAMS_MESSAGES_PATH }, 'teams in bot framework emulator mode: no authentication, the emulator on this machine only');
      log.info({ mode: emulator ? 'emulator' : 'authenticated', path: TEAMS_MESSAGES_PATH }, 'teams connected');
    },
    async stop() {
      accepting = false;
      await tracker.idle(STOP_WAIT_MS);
      log.info({}, 'teams stopped');
    },
    idle: (timeoutMs?: number) => tracker.idle(timeoutMs),
  };
}

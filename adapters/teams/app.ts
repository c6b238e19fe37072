/**
 * The Teams app: botbuilder's CloudAdapter (ConfigurationBotFrameworkAuthentication from
 * MICROSOFT_APP_*) mounted on PreLetter's one HTTP host at POST /api/messages. Without
 * an app id it runs in Bot Framework Emulator mode: no authentication, so it accepts
 * local requests only. Messages and installs are answered 200 at once and handled
 * after; card actions are answered with their result (invoke response). Turns are
 * tracked so stop() lets in-flight work finish. Only src/main.ts imports this module.
 */
import { randomBytes, createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { BotDeps } from '../../src/bot/deps';
import type { PlatformRegistry } from '../../src/bot/ports';
import type { Config } from '../../src/config';
import type { HttpHost } from '../../src/http';
import type { Logger } from '../../src/logger';
import { handleCardAction } from './card-action-listener';
import { createCloudAdapter, TeamsConnector } from './connector';
import { TEAMS_RETRY_POLICY, type TeamsRetryPolicy } from './connector-errors';
import { handleInstall } from './install-listener';
import { handleMessage } from './message-listener';
import { PUBLIC_SERVICE_URL, ServiceUrlBook, TeamsPlatform } from './platform';
import { TurnTracker } from '../shared/turn-tracker';
import type { TurnServices } from './turn';

/** The Bot Framework messaging endpoint; the bot registration's endpoint is https://YOUR-HOST/api/messages. */
export const TEAMS_MESSAGES_PATH = '/api/messages';
/** Largest activity accepted; Teams caps a message (with its cards) at about 28 KB. */
export const TEAMS_BODY_LIMIT_BYTES = 256 * 1024;
/** How long a card action may work before Teams (which waits about 5 s) is answered "still working". */
export const TEAMS_INVOKE_BUDGET_MS = 4000;

const STOP_WAIT_MS = 10_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** What createTeamsApp needs: Teams settings, the core's dependencies, the shared HTTP host and a logger. */
export interface TeamsAppOptions {
  config: Config['teams'];
  /** The core's dependencies; createTeamsApp registers its platform as `platforms.teams` in this registry. */
  deps: Omit<BotDeps, 'platforms'> & { platforms: PlatformRegistry };
  host: HttpHost;
  logger: Logger;
  /** Service URL for tenants not heard from yet; production uses Teams' public one. */
  fallbackServiceUrl?: string;
  /** Connector retry policy; production uses TEAMS_RETRY_POLICY. */
  retryPolicy?: TeamsRetryPolicy;
  /** Invoke answer budget; production uses TEAMS_INVOKE_BUDGET_MS. */
  invokeBudgetMs?: number;
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

class HttpRefusal extends Error {
  constructor(readonly status: number) {
    super(`http ${status}`);
  }
}

function answer(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

/** Why: the host is plain node:http, so the activity is read here, with a size limit, before botbuilder sees it. */
async function readActivity(req: IncomingMessage): Promise<Activity> {
  if (Number(req.headers['content-length'] ?? 0) > TEAMS_BODY_LIMIT_BYTES) throw new HttpRefusal(413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > TEAMS_BODY_LIMIT_BYTES) throw new HttpRefusal(413);
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpRefusal(400);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') throw new HttpRefusal(400);
  return body as Activity;
}

function refusedByAuth(err: unknown): boolean {
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  return status === 401 || status === 403 || /^unauthorized/i.test((err as Error | undefined)?.message ?? '');
}

/** Why: the preview form's binding is signed with a key every instance shares when there is an app password. */
function formKey(config: Config['teams']): Buffer {
  return config.appPassword ? createHmac('sha256', config.appPassword).update('preletter-preview-form-key-v1').digest() : randomBytes(32);
}

/** Why: after authentication, each activity type goes to its listener; only card actions hold the HTTP answer. */
async function dispatch(services: TurnServices, raw: Activity, context: TurnContext): Promise<void> {
  const { activity } = context;
  const tenant = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (tenant && activity.serviceUrl) services.platform.serviceUrls.remember(tenant, activity.serviceUrl);
  if (activity.type === 'message') {
    services.tracker.track(handleMessage(services, raw));
  } else if (activity.type === 'conversationUpdate') {
    services.tracker.track(handleInstall(services, raw));
  } else if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const body = await handleCardAction(services, raw);
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
  const adapter = createCloudAdapter(config, log);
  const connector = new TeamsConnector(adapter, config.appId ?? '', options.retryPolicy ?? TEAMS_RETRY_POLICY, log);
  const platform = new TeamsPlatform(connector, new ServiceUrlBook(options.fallbackServiceUrl ?? PUBLIC_SERVICE_URL), log);
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
    if (emulator && !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      log.warn({}, 'teams emulator mode refused a remote request');
      return answer(res, 401, { status: 'unauthorized' });
    }
    let raw: Activity;
    try {
      raw = await readActivity(req);
    } catch (err) {
      const status = err instanceof HttpRefusal ? err.status : 400;
      return answer(res, status, { status: status === 413 ? 'too large' : 'not an activity' }, { connection: 'close' });
    }
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    // botbuilder mutates the activity it is given; listeners read the activity as it arrived.
    const copy = JSON.parse(JSON.stringify(raw)) as Activity;
    try {
      const result = await adapter.handle(authorization, copy, (context) => dispatch(services, raw, context));
      answer(res, result?.status ?? 200, result?.body);
    } catch (err) {
      if (refusedByAuth(err)) {
        log.info({ activityType: raw.type }, 'teams request refused: not authenticated');
        return answer(res, 401, { status: 'unauthorized' });
      }
      log.error({ errorName: (err as Error | undefined)?.name }, 'teams request failed');
      answer(res, 500, { status: 'error' });
    }
  }

  host.mount('POST', TEAMS_MESSAGES_PATH, (req, res) => tracker.track(route(req, res)));

  return {
    platform,
    async start() {
      accepting = true;
      if (emulator) log.warn({ path: TEAMS_MESSAGES_PATH }, 'teams in bot framework emulator mode: no authentication, local requests only');
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

/**
 * The Slack app: a Bolt App whose HTTP receiver is mounted on PreLetter's one HTTP
 * host at POST /slack/events (events, commands and interactivity on one URL), or a
 * Socket Mode connection when an app-level token is set. Every listener acks first
 * (Slack's 3-second limit) and then runs its turn, which waits in a queue while the
 * event loop is busy so later acks do not (turn-queue.ts); turns are tracked so stop()
 * lets in-flight work finish. Only src/main.ts imports this module.
 */
import { App, HTTPReceiver, SocketModeReceiver, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { BotDeps } from '../../src/bot/deps';
import type { PlatformRegistry } from '../../src/bot/ports';
import type { Config } from '../../src/config';
import type { HttpHost } from '../../src/http';
import { PreLetterError } from '../../src/domain/errors';
import { errorDetails, type Logger } from '../../src/logger';
import type { Metrics } from '../../src/metrics';
import { handleButton, handleCallButton, handleFlagButton } from './action-listener';
import { boltLogger } from './bolt-logger';
import { handleDirectMessage, handleMention, handleSlashCommand, opensForm } from './command-listener';
import { handleHomeOpened, handleThreadReply } from './event-listeners';
import { isDirectMessageEvent } from './inbound';
import { ACTION_IDS, CALL_ACTION_IDS, FLAG_ACTION_ID } from './inbound-actions';
import { SlackPlatform } from './platform';
import { CALL_CALLBACK_ID, handleCallSubmission } from './call-modal';
import { FLAG_CALLBACK_ID, handleFlagSubmission } from './flag-modal';
import { handlePreviewSubmission, PREVIEW_CALLBACK_ID } from './preview-modal';
import { TurnTracker } from '../shared/turn-tracker';
import { SLACK_COMMAND } from './render';
import { TurnQueue, type TurnQueueOptions } from './turn-queue';

/** The slash command this app answers; the manifest declares the same. */
export { SLACK_COMMAND };
import type { TurnServices } from './turn';
import { createSlackClients, platformError, slackClientOptions, type SlackRetryConfig } from './web-client';
import type { RateLimitGate } from './rate-limits';

/** The one request URL path for events, slash commands and interactivity (the manifest uses it three times). */
export const SLACK_EVENTS_PATH = '/slack/events';
/** Events API listeners by event type (Bolt acks events itself, before they run). */
const EVENT_LISTENERS: Record<string, (services: TurnServices, body: unknown) => Promise<void>> = {
  app_mention: handleMention,
  app_home_opened: handleHomeOpened,
  // Channel messages (an `ack` reply in a letter's thread) and the Messages tab (a typed command) arrive as one type.
  message: (services, body) => (isDirectMessageEvent(body) ? handleDirectMessage(services, body) : handleThreadReply(services, body)),
};
/** Event types with a listener; the manifest must subscribe to each (and to nothing else). */
export const SLACK_EVENT_TYPES = Object.keys(EVENT_LISTENERS);
/** Bot event subscriptions: `message` in public and private channels (threads of bound channels) and in the app's Messages tab. */
export const SLACK_BOT_EVENTS = ['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im'] as const;
/** Bot scopes the Web API calls below need; the manifest requests exactly these (see manifest comments). */
export const SLACK_BOT_SCOPES = ['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history', 'im:write', 'users:read'] as const;

const STOP_WAIT_MS = 10_000;
/**
 * Work after the acks (turn-queue.ts): none starts within 20 ms of a request, one at a time
 * after 250 ms of waiting, and otherwise while the event loop is at most 5 ms behind, up to
 * 16 at once.
 */
export const SLACK_TURNS: TurnQueueOptions = { maxRunning: 16, maxLagMs: 5, quietMs: 20, patienceMs: 250 };

/** What createSlackApp needs: Slack settings, the core's dependencies, the shared HTTP host and a logger. */
export interface SlackAppOptions {
  config: NonNullable<Config['slack']>;
  /** The core's dependencies; createSlackApp registers its platform as `platforms.slack` in this registry. */
  deps: Omit<BotDeps, 'platforms'> & { platforms: PlatformRegistry };
  host: HttpHost;
  logger: Logger;
  /** Web API retry policy; production uses SLACK_RETRY_CONFIG. */
  retryConfig?: SlackRetryConfig;
  /** Rate-limit gate; production waits out Retry-After up to SLACK_RATE_LIMIT_SETTINGS. */
  rateLimits?: RateLimitGate;
  /** Where Web API calls are counted and timed; nothing recorded by default. */
  metrics?: Metrics;
}

/** The running Slack side of PreLetter. */
export interface SlackApp {
  readonly platform: SlackPlatform;
  /** Checks the bot token (auth.test), then accepts requests (HTTP) or connects (Socket Mode). */
  start(): Promise<void>;
  /** Stops accepting requests and waits for turns in flight. */
  stop(): Promise<void>;
  /** Resolves when every request received so far has been fully handled (for shutdown and tests). */
  idle(timeoutMs?: number): Promise<void>;
}

/**
 * Why: Bolt acks before our work finishes; wrapping the receiver's view of the App
 * lets the tracker see every processEvent, so nothing after the ack is lost on stop().
 */
class TrackedReceiver implements Receiver {
  constructor(
    private readonly inner: Receiver,
    private readonly tracker: TurnTracker,
    private readonly queue: TurnQueue,
  ) {}

  init(app: App): void {
    const { tracker, queue } = this;
    const view = new Proxy(app, {
      get(target, property) {
        if (property === 'processEvent') {
          return (event: ReceiverEvent) => {
            queue.noteArrival(); // its ack goes before turns that have not started
            return tracker.track(target.processEvent(event));
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    this.inner.init(view);
  }

  start(...args: unknown[]): Promise<unknown> {
    return this.inner.start(...args);
  }

  stop(...args: unknown[]): Promise<unknown> {
    return this.inner.stop(...args);
  }
}

function register(app: App, services: TurnServices, queue: TurnQueue): void {
  app.command(SLACK_COMMAND, async ({ ack, body }) => {
    await ack();
    // A form's trigger id expires three seconds after the command: that turn never waits.
    if (opensForm(body)) await handleSlashCommand(services, body);
    else await queue.run(() => handleSlashCommand(services, body));
  });
  for (const actionId of ACTION_IDS) {
    app.action({ type: 'block_actions', action_id: actionId }, async ({ ack, body }) => {
      await ack();
      await queue.run(() => handleButton(services, body));
    });
  }
  app.action({ type: 'block_actions', action_id: FLAG_ACTION_ID }, async ({ ack, body }) => {
    await ack();
    await queue.run(() => handleFlagButton(services, body));
  });
  for (const actionId of CALL_ACTION_IDS) {
    app.action({ type: 'block_actions', action_id: actionId }, async ({ ack, body }) => {
      await ack();
      await queue.run(() => handleCallButton(services, body));
    });
  }
  // The "Open thread" link button still sends a click, and old messages may carry buttons
  // we no longer have: ack those so Slack shows no error, and do nothing.
  app.action({ type: 'block_actions', action_id: new RegExp(`^(?!(${[...ACTION_IDS, FLAG_ACTION_ID, ...CALL_ACTION_IDS].join('|')})$)`) }, async ({ ack }) => ack());
  app.view({ type: 'view_submission', callback_id: PREVIEW_CALLBACK_ID }, async ({ ack, body }) => {
    await handlePreviewSubmission(services, body, (response) => ack(response));
  });
  app.view({ type: 'view_submission', callback_id: FLAG_CALLBACK_ID }, async ({ ack, body }) => {
    await handleFlagSubmission(services, body, (response) => ack(response));
  });
  app.view({ type: 'view_submission', callback_id: CALL_CALLBACK_ID }, async ({ ack, body }) => {
    await handleCallSubmission(services, body, (response) => ack(response));
  });
  for (const [type, listener] of Object.entries(EVENT_LISTENERS)) {
    app.event(type, async ({ body }) => queue.run(() => listener(services, body)));
  }
  app.error(async (error) => {
    services.logger.error({ errorCode: error.code, ...errorDetails(error) }, 'slack listener failed');
  });
}

/** Why: a failed start names the settings to check, not an SDK stack. */
function startFailure(err: unknown, socketMode: boolean): PreLetterError {
  const slackError = platformError(err, socketMode ? 'apps.connections.open' : 'auth.test').context.slackError;
  const check = socketMode ? 'SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL' : 'SLACK_BOT_TOKEN and SLACK_API_URL';
  return new PreLetterError('platform', `Slack refused to connect (${String(slackError)}): check ${check}.`, { slackError, socketMode }, { cause: err });
}

/**
 * Why: builds the Slack side and registers `platforms.slack` in the core's registry.
 * Nothing is received until start(): the route answers 503 meanwhile, and Slack retries.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, host } = options;
  const log = options.logger.child({ component: 'slack' });
  const sdkLogger = boltLogger(log);
  const tracker = new TurnTracker();
  const queue = new TurnQueue(SLACK_TURNS);
  const socketMode = Boolean(config.appToken);
  const http = socketMode
    ? undefined
    : new HTTPReceiver({ signingSecret: config.signingSecret, endpoints: SLACK_EVENTS_PATH, processBeforeResponse: false, logger: sdkLogger });
  const clientOptions = slackClientOptions({ apiUrl: config.apiUrl, logger: log, retryConfig: options.retryConfig });
  // Socket Mode's own client (apps.connections.open) takes its options through installerOptions.
  const inner: Receiver =
    http ?? new SocketModeReceiver({ appToken: config.appToken!, logger: sdkLogger, installerOptions: { clientOptions } });
  const app = new App({
    token: config.botToken,
    receiver: new TrackedReceiver(inner, tracker, queue),
    logger: sdkLogger,
    clientOptions,
    deferInitialization: true,
    convoStore: false,
    ignoreSelf: true,
  });
  const clients = createSlackClients({ botToken: config.botToken, apiUrl: config.apiUrl, logger: log, retryConfig: options.retryConfig, gate: options.rateLimits, metrics: options.metrics });
  const platform = new SlackPlatform(clients, log);
  options.deps.platforms.slack = platform;
  const services: TurnServices = { deps: options.deps as BotDeps, platform, logger: log, queue };
  register(app, services, queue);

  let accepting = false;
  if (http) {
    host.mount('POST', SLACK_EVENTS_PATH, (req, res) => {
      if (!accepting) {
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' });
        res.end(JSON.stringify({ status: 'slack not ready' }));
        return;
      }
      http.requestListener(req, res);
    });
  }

  return {
    platform,
    async start() {
      try {
        await app.init();
        if (socketMode) await app.start();
      } catch (err) {
        throw startFailure(err, socketMode);
      }
      accepting = true;
      log.info({ mode: socketMode ? 'socket' : 'http', path: socketMode ? undefined : SLACK_EVENTS_PATH }, 'slack connected');
    },
    async stop() {
      accepting = false;
      await tracker.idle(STOP_WAIT_MS);
      if (socketMode) await app.stop().catch((err: Error) => log.warn({ errorName: err.name }, 'slack socket close failed'));
      log.info({}, 'slack stopped');
    },
    idle: (timeoutMs?: number) => tracker.idle(timeoutMs),
  };
}

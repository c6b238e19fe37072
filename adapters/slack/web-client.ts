/**
 * The Slack Web API clients of the process, and how their failures read to people.
 * Two clients: one retries transport failures itself (for calls that are safe to
 * repeat), the other never retries (posting a message twice would be a second
 * message; the delivery machinery retries those after looking for the first). Neither
 * pauses on a rate limit: the gate (rate-limits.ts) keeps Retry-After per method and
 * channel. What still fails becomes a PreLetterError('platform') with a sentence a
 * person can act on, and the Retry-After for the delivery machinery.
 */
import { webApi } from '@slack/bolt';
import { ENGLISH } from '../../src/bot/messages/catalogue';
import type { PlatformFailure } from '../../src/bot/ports';
import { PreLetterError } from '../../src/domain/errors';
import type { Logger } from '../../src/logger';
import { noMetrics, secondsSince, type Metrics } from '../../src/metrics';
import { boltLogger } from './bolt-logger';
import { RateLimitGate } from './rate-limits';

/** Slack's Web API client type, re-exported so adapter modules name it one way. */
export type SlackWebClient = webApi.WebClient;

/** Why: WebClient's retry policy shape, so tests and production name the same knobs. */
export type SlackRetryConfig = NonNullable<webApi.WebClientOptions['retryConfig']>;

/**
 * Why: a person waits on most calls, so back off for at most about half a minute in
 * total (plus any Retry-After Slack asks for) rather than the SDK's 30-minute default.
 */
export const SLACK_RETRY_CONFIG: SlackRetryConfig = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 10_000, randomize: true };

/** Per-request timeout, so one hung connection cannot hold a turn forever. */
export const SLACK_REQUEST_TIMEOUT_MS = 10_000;

/** Where the Web API lives: Slack's by default, GovSlack or a test fake via SLACK_API_URL. */
export function slackApiUrl(apiUrl: string | undefined): string | undefined {
  if (!apiUrl) return undefined;
  return apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
}

/** Why: every WebClient option PreLetter relies on, in one place (Bolt's App gets the same ones). */
export function slackClientOptions(options: {
  apiUrl?: string;
  logger: Logger;
  retryConfig?: SlackRetryConfig;
}): webApi.WebClientOptions {
  const url = slackApiUrl(options.apiUrl);
  return {
    ...(url ? { slackApiUrl: url } : {}),
    logger: boltLogger(options.logger),
    retryConfig: options.retryConfig ?? SLACK_RETRY_CONFIG,
    // A 429 is answered at once and handled per method and channel (rate-limits.ts), never by pausing every call.
    rejectRateLimitedCalls: true,
    timeout: SLACK_REQUEST_TIMEOUT_MS,
  };
}

/** Why: the platform's two clients and its rate-limit gate, built from the same options. */
export interface SlackClients {
  /** Retries transport failures: for calls that are safe to repeat. */
  retrying: SlackWebClient;
  /** Never retries: posting twice would show two messages. */
  once: SlackWebClient;
  gate: RateLimitGate;
  /** Where each Web API call's method, outcome and duration are recorded. */
  metrics?: Metrics;
}

/** Why: the platform (and the contract tests) need the clients without a whole Bolt App. */
export function createSlackClients(options: { botToken: string; apiUrl?: string; logger: Logger; retryConfig?: SlackRetryConfig; gate?: RateLimitGate; metrics?: Metrics }): SlackClients {
  return {
    metrics: options.metrics,
    retrying: new webApi.WebClient(options.botToken, slackClientOptions(options)),
    once: new webApi.WebClient(options.botToken, slackClientOptions({ ...options, retryConfig: { retries: 0 } })),
    gate: options.gate ?? new RateLimitGate(),
  };
}

const NOT_IN_CHANNEL =
  "I can't post in that channel. Invite PreLetter to it (type `/invite @PreLetter` there) and try again; if it still fails, tell your PreLetter admin.";
const CONNECTION_BROKEN =
  "PreLetter's connection to Slack is not working right now, so nothing was posted. Your PreLetter admin can see why in the logs.";
const BUSY = 'Slack is very busy right now and did not accept the message after several tries. Please try again in a few minutes.';

/** Slack error codes with a sentence of their own; anything else gets the generic one. */
const SENTENCES: Record<string, string> = {
  channel_not_found: NOT_IN_CHANNEL,
  not_in_channel: NOT_IN_CHANNEL,
  is_archived: 'That channel is archived, so I cannot post there. Ask your PreLetter admin to bind the company\'s current channel.',
  restricted_action: "This workspace's settings do not let PreLetter post there. Ask your Slack admin to allow it.",
  user_not_found: "I could not find that person in Slack. Ask your PreLetter admin to check their Slack account in the directory.",
  user_not_visible: "I can't see that person from this workspace. Ask your PreLetter admin to check their Slack account in the directory.",
  cannot_dm_bot: 'That account is a bot, so I cannot message it directly.',
  msg_too_long: 'That message is too long for Slack. Please shorten the text and try again.',
  invalid_blocks: 'Slack could not display that message. Please tell your PreLetter admin.',
  ratelimited: BUSY,
  rate_limited: BUSY,
  not_authed: CONNECTION_BROKEN,
  invalid_auth: CONNECTION_BROKEN,
  account_inactive: CONNECTION_BROKEN,
  token_revoked: CONNECTION_BROKEN,
  token_expired: CONNECTION_BROKEN,
  missing_scope: CONNECTION_BROKEN,
};

const GENERIC = 'Slack did not accept the request, so it did not go through. Nothing is lost: please try again in a minute.';

/** Slack error codes that mean "PreLetter may not post there" rather than "Slack is unwell": the core words these differently. */
const NO_ACCESS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'restricted_action']);

/** Why: the neutral kind of failure (see PlatformFailure in src/bot/ports.ts), so the core can tell a person what to do. */
function reasonOf(slackError: string): PlatformFailure {
  if (NO_ACCESS.has(slackError)) return 'no-access';
  // views.open came after the trigger id's three seconds: the person is told to run the command again.
  if (slackError === 'expired_trigger_id') return 'expired-trigger';
  if (slackError === 'ratelimited' || slackError === 'rate_limited') return 'busy';
  if (slackError === 'request_failed' || slackError.startsWith('http_')) return 'unreachable';
  return 'refused';
}
const UNREACHABLE = 'Slack could not be reached, so the request did not go through. Nothing is lost: please try again in a minute.';

function slackErrorCode(err: unknown): string {
  if (err instanceof webApi.WebAPIPlatformError) return String(err.data.error);
  if (err instanceof webApi.WebAPIRateLimitedError) return 'ratelimited';
  if (err instanceof webApi.WebAPIHTTPError) return `http_${err.statusCode}`;
  if (err instanceof webApi.WebAPIRequestError) return /rate limit/i.test(err.original?.message ?? '') ? 'ratelimited' : 'request_failed';
  return 'unknown';
}

/** Why: a Web API failure, after the client's own retries, as the one error type people are shown. */
export function platformError(err: unknown, method: string, retryAfterMs?: number): PreLetterError {
  if (err instanceof PreLetterError) return err;
  const slackError = slackErrorCode(err);
  const reason = reasonOf(slackError);
  // The person reads the catalogue's words for the reason (src/bot/error-sink.ts); this English is the operators'.
  const sentence =
    reason === 'expired-trigger'
      ? ENGLISH.plain({ key: 'error.expired-trigger', platform: 'slack' })
      : (SENTENCES[slackError] ?? (slackError === 'request_failed' || slackError.startsWith('http_') ? UNREACHABLE : GENERIC));
  const wait = retryAfterMs ?? (err instanceof webApi.WebAPIRateLimitedError ? err.retryAfter * 1000 : undefined);
  const context = { method, slackError, reason, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
  return new PreLetterError('platform', sentence, context, { cause: err });
}

function rateLimited(method: string, waitMs: number): PreLetterError {
  return new PreLetterError('platform', BUSY, { method, slackError: 'ratelimited', reason: 'busy', retryAfterMs: waitMs });
}

/** Why: each call's method, outcome (ok, error, rate_limited: a 429) and duration, for /metrics. */
function timed<T>(method: string, metrics: Metrics, call: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  return call().then(
    (result) => {
      metrics.platformCall('slack', method, 'ok', secondsSince(startedAt));
      return result;
    },
    (err: unknown) => {
      metrics.platformCall('slack', method, slackErrorCode(err) === 'ratelimited' ? 'rate_limited' : 'error', secondsSince(startedAt));
      throw err;
    },
  );
}

/**
 * Why: wraps one Web API call so every caller maps failures the same way and a rate
 * limit only holds back calls of the same method in the same channel (`channel`).
 */
export async function callSlack<T>(method: string, call: () => Promise<T>, gate?: RateLimitGate, channel = '', metrics: Metrics = noMetrics): Promise<T> {
  const key = `${method}:${channel}`;
  for (let attempt = 0; ; attempt += 1) {
    if (gate) {
      const left = await gate.pass(key);
      if (left > 0) throw rateLimited(method, left);
    }
    try {
      return await timed(method, metrics, call);
    } catch (err) {
      if (!(err instanceof webApi.WebAPIRateLimitedError) || !gate) throw platformError(err, method);
      const waitMs = err.retryAfter * 1000;
      gate.block(key, waitMs);
      if (attempt >= gate.settings.maxRetries || waitMs > gate.settings.maxWaitMs) throw platformError(err, method, waitMs);
    }
  }
}

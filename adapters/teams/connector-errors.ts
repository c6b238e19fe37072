/**
 * How PreLetter talks to the Bot Connector when it pushes back: 429 and 5xx (and
 * dropped connections) are retried with exponential backoff, honouring Retry-After;
 * what still fails becomes a PreLetterError('platform') with a sentence a person can
 * act on. Only the operation name and HTTP status are logged, never a body.
 */
import { PreLetterError } from '../../src/domain/errors';
import type { Logger } from '../../src/logger';
import { noMetrics, secondsSince, type Metrics } from '../../src/metrics';

/** Why: the retry knobs in one shape, so tests and production name the same ones. */
export interface TeamsRetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff; doubled on each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After PreLetter waits for; a longer one fails the call instead. */
  maxRetryAfterMs: number;
}

/**
 * Why: a person (or Teams' invoke time limit) waits on most calls, so back off for a
 * few seconds in total, plus any short Retry-After the connector asks for.
 */
export const TEAMS_RETRY_POLICY: TeamsRetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 30_000 };

/** Per-request timeout, so one hung connection cannot hold a turn forever. */
export const TEAMS_REQUEST_TIMEOUT_MS = 10_000;

const NO_ACCESS =
  "Teams did not let PreLetter post there. Make sure PreLetter is installed in that team (or, for a direct message, that the person can use PreLetter), then try again; if it still fails, tell your PreLetter admin.";
const NOT_FOUND = 'Teams could not find that conversation or message. If the channel or team was removed, ask your PreLetter admin to bind the company\'s current channel.';
const CONNECTION_BROKEN =
  "PreLetter's connection to Microsoft Teams is not working right now, so nothing was posted. Your PreLetter admin can see why in the logs.";
const BUSY = 'Microsoft Teams is very busy right now and did not accept the message after several tries. Please try again in a few minutes.';
const TOO_BIG = 'Teams could not display that message. Please shorten the text and try again; if it keeps happening, tell your PreLetter admin.';
const UNREACHABLE = 'Microsoft Teams could not be reached, so the request did not go through. Nothing is lost: please try again in a minute.';
const GENERIC = 'Microsoft Teams did not accept the request, so it did not go through. Nothing is lost: please try again in a minute.';

/** Sentences by HTTP status; anything else gets UNREACHABLE (5xx, network) or GENERIC. */
const SENTENCES: Record<number, string> = {
  400: TOO_BIG,
  401: CONNECTION_BROKEN,
  403: NO_ACCESS,
  404: NOT_FOUND,
  413: TOO_BIG,
  429: BUSY,
};

interface HttpFailure {
  statusCode?: unknown;
  code?: unknown;
  response?: { headers?: { get?(name: string): string | undefined } };
}

function statusOf(err: unknown): number | undefined {
  const status = (err as HttpFailure | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Why: 429, 5xx other than "not implemented", and failures with no HTTP answer at all are worth another try. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof PreLetterError) return false;
  const status = statusOf(err);
  if (status === undefined) return true;
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Why: Retry-After is seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(err: unknown, now = Date.now()): number | undefined {
  const header = (err as HttpFailure | undefined)?.response?.headers?.get?.('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Why: a connector failure, after retries, as the one error type people are shown. */
export function platformError(err: unknown, operation: string): PreLetterError {
  if (err instanceof PreLetterError) return err;
  const status = statusOf(err);
  const sentence = status === undefined ? UNREACHABLE : (SENTENCES[status] ?? (status >= 500 ? UNREACHABLE : GENERIC));
  const code = (err as HttpFailure | undefined)?.code;
  // The neutral kind of failure (see PlatformFailure in src/bot/ports.ts), so the core can tell a person what to do.
  const reason = status === 403 || status === 404 ? 'no-access' : status === 429 ? 'busy' : status === undefined || status >= 500 ? 'unreachable' : 'refused';
  const retryAfter = retryAfterMs(err);
  const context = { operation, status, reason, ...(typeof code === 'string' ? { errorCode: code } : {}), ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) };
  return new PreLetterError('platform', sentence, context, { cause: err });
}

function backoff(policy: TeamsRetryPolicy, attempt: number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(full / 2 + (Math.random() * full) / 2);
}

/**
 * Why: a post that may have been made (a 5xx, a dropped connection, a timeout) must not
 * be sent again at once: Teams offers no way to look for it, and a second root card is
 * worse than a late one. Only a 429 (certainly not made) is retried here; the delivery
 * machinery retries the rest minutes later.
 */
export function isSurelyNotMade(err: unknown): boolean {
  return statusOf(err) === 429;
}

/** Why: each attempt's operation, outcome (ok, error, rate_limited: a 429) and duration, for /metrics. */
async function timed<T>(operation: string, metrics: Metrics, call: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  try {
    const result = await call();
    metrics.platformCall('teams', operation, 'ok', secondsSince(startedAt));
    return result;
  } catch (err) {
    metrics.platformCall('teams', operation, statusOf(err) === 429 ? 'rate_limited' : 'error', secondsSince(startedAt));
    throw err;
  }
}

/**
 * Why: wraps one connector operation so every caller retries and maps failures the same
 * way; `once` marks an operation that must not be repeated when it may have been made.
 */
export async function callConnector<T>(operation: string, policy: TeamsRetryPolicy, logger: Logger, call: () => Promise<T>, once = false, metrics: Metrics = noMetrics): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await timed(operation, metrics, call);
    } catch (err) {
      const asked = retryAfterMs(err);
      const status = statusOf(err);
      const retryable = once ? isSurelyNotMade(err) : isRetryable(err);
      if (attempt >= policy.retries || !retryable || (asked !== undefined && asked > policy.maxRetryAfterMs)) {
        throw platformError(err, operation);
      }
      const wait = asked ?? backoff(policy, attempt);
      logger.warn({ operation, status, attempt: attempt + 1, waitMs: wait }, 'teams connector call retried');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

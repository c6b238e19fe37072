/**
 * The one Slack Web API client of the process, and how its failures read to people.
 * Transport failures and 429s are retried by the client itself (it waits out
 * Retry-After and never rejects a rate-limited call early); what still fails
 * becomes a PreLetterError('platform') with a sentence a person can act on.
 */
import { webApi } from '@slack/bolt';
import { PreLetterError } from '../../src/domain/errors';
import type { Logger } from '../../src/logger';
import { boltLogger } from './bolt-logger';

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
    rejectRateLimitedCalls: false,
    timeout: SLACK_REQUEST_TIMEOUT_MS,
  };
}

/** Why: the platform and contract tests need a client without a whole Bolt App. */
export function createSlackWebClient(options: { botToken: string; apiUrl?: string; logger: Logger; retryConfig?: SlackRetryConfig }): SlackWebClient {
  return new webApi.WebClient(options.botToken, slackClientOptions(options));
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
  expired_trigger_id: 'The form took too long to open. Please run the command again.',
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
const UNREACHABLE = 'Slack could not be reached, so the request did not go through. Nothing is lost: please try again in a minute.';

function slackErrorCode(err: unknown): string {
  if (err instanceof webApi.WebAPIPlatformError) return String(err.data.error);
  if (err instanceof webApi.WebAPIRateLimitedError) return 'ratelimited';
  if (err instanceof webApi.WebAPIHTTPError) return `http_${err.statusCode}`;
  if (err instanceof webApi.WebAPIRequestError) return /rate limit/i.test(err.original?.message ?? '') ? 'ratelimited' : 'request_failed';
  return 'unknown';
}

/** Why: a Web API failure, after the client's own retries, as the one error type people are shown. */
export function platformError(err: unknown, method: string): PreLetterError {
  if (err instanceof PreLetterError) return err;
  const slackError = slackErrorCode(err);
  const sentence =
    SENTENCES[slackError] ?? (slackError === 'request_failed' || slackError.startsWith('http_') ? UNREACHABLE : GENERIC);
  return new PreLetterError('platform', sentence, { method, slackError }, { cause: err });
}

/** Why: wraps one Web API call so every caller maps failures the same way. */
export async function callSlack<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw platformError(err, method);
  }
}

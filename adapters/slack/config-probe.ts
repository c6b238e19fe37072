/**
 * What `npm run doctor` asks Slack, with the bot's own token, Web API address (SLACK_API_URL)
 * and client options: auth.test (is the token good, for which workspace), a channel's
 * newest message (can the bot read, and so post in, a bound channel: channels:history and
 * groups:history are among its scopes, channels:read is not), and users.info (does a
 * directory account exist and is it active). Rate limits are waited out, never failed on:
 * a check may take longer, but its answer is Slack's.
 */
import { webApi } from '@slack/bolt';
import { SlackProbeFailure, type SlackProbe } from '../../src/bot/config-probes';
import { isPreLetterError } from '../../src/domain/errors';
import type { Logger } from '../../src/logger';
import { platformError, slackClientOptions } from './web-client';

async function asked<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const mapped = platformError(err, method);
    const code = isPreLetterError(mapped) && typeof mapped.context.slackError === 'string' ? mapped.context.slackError : 'unknown';
    throw new SlackProbeFailure(method, code);
  }
}

/** Why: the bot's Web API client, as the app builds it, except that a 429 is waited out. */
export function createSlackProbe(options: { botToken: string; apiUrl?: string; logger: Logger }): SlackProbe {
  const client = new webApi.WebClient(options.botToken, {
    ...slackClientOptions({ apiUrl: options.apiUrl, logger: options.logger, retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 } }),
    rejectRateLimitedCalls: false,
  });
  return {
    async authTest() {
      const res = await asked('auth.test', () => client.auth.test());
      return { teamId: res.team_id ?? '', team: res.team ?? '', botUserId: res.user_id ?? '', botName: res.user ?? '' };
    },
    async readChannel(channelId) {
      await asked('conversations.history', () => client.conversations.history({ channel: channelId, limit: 1 }));
    },
    async findUser(userId) {
      const res = await asked('users.info', () => client.users.info({ user: userId }));
      return { deleted: res.user?.deleted === true, name: res.user?.real_name ?? res.user?.name ?? '' };
    },
  };
}

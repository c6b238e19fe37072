/**
 * What `npm run doctor` can ask about Teams. A Bot Connector token, acquired as the
 * bot's connector acquires it: botframework-connector's MsalAppCredentials over the
 * bot's own token client (connector-token.ts), for the same audience.
 *
 * Teams channels and people cannot be looked up ahead of time: the Bot Connector answers
 * only about a conversation the bot takes part in, at the service URL Teams sent with an
 * activity from it. What can be checked without them is the shape of each id.
 */
import { MsalAppCredentials } from 'botframework-connector';
import { TeamsTokenFailure } from '../../src/bot/config-probes';
import type { Config } from '../../src/config';
import type { ChannelBinding, PlatformIdentity } from '../../src/domain/types';
import { CONNECTOR_AUDIENCE } from './authentication';
import { connectorTokenClient, tokenAuthority } from './connector-token';
import { TEAMS_ID } from './thread-ref';

type TeamsSettings = NonNullable<Config['teams']>;

/** How long one token request may take before the doctor reports it as unanswered. */
export const TOKEN_TIMEOUT_MS = 15_000;

/** What the login host's refusal says, first sentence only (MSAL's error numbers, trace and correlation ids are of no use here). */
function firstSentence(text: string): string {
  const described = /Description: ([\s\S]*)/.exec(text)?.[1] ?? text;
  const line = described.split(/\r?\n/)[0]!.trim();
  const stop = line.search(/\.(\s|$)/);
  return (stop > 0 ? line.slice(0, stop + 1) : line).slice(0, 300);
}

/**
 * Why: proves the app id and password (or tenant) get a Bot Connector token now, from the
 * authority the bot uses; resolves with that authority, or fails with a TeamsTokenFailure.
 * Only for app registrations with a password: UserAssignedMSI tokens come from the host.
 */
export async function acquireConnectorToken(config: TeamsSettings, timeoutMs = TOKEN_TIMEOUT_MS): Promise<{ authority: string }> {
  const authority = tokenAuthority(config);
  const app = connectorTokenClient(config);
  if (!app || !config.appId) throw new TeamsTokenFailure(authority, 'no_password', 'the app has no id and password to ask with');
  const credentials = new MsalAppCredentials(app, config.appId, authority, CONNECTOR_AUDIENCE);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TeamsTokenFailure(authority, 'timeout', `no answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  try {
    const token = await Promise.race([credentials.getToken(true), late]);
    if (!token) throw new TeamsTokenFailure(authority, 'no_token', 'the answer held no token');
    return { authority };
  } catch (err) {
    if (err instanceof TeamsTokenFailure) throw err;
    const e = err as { errorCode?: unknown; errorMessage?: unknown; message?: unknown };
    const code = typeof e.errorCode === 'string' && e.errorCode ? e.errorCode : 'request_failed';
    const text = typeof e.errorMessage === 'string' && e.errorMessage ? e.errorMessage : String(e.message ?? err);
    throw new TeamsTokenFailure(authority, code, firstSentence(text));
  } finally {
    clearTimeout(timer);
  }
}

/** Teams channel ids as Teams writes them: `19:…@thread.tacv2` (or `@thread.skype` for older teams). */
const CHANNEL_ID = /^19:[^\s;]{1,400}@thread\.(tacv2|skype)$/;

/** Why: the one check a Teams channel binding allows ahead of time; a sentence when it cannot be right, else undefined. */
export function teamsChannelProblem(channel: ChannelBinding): string | undefined {
  if (!TEAMS_ID.aadObject.test(channel.workspaceId)) return 'its tenant is not a tenant id (a GUID)';
  if (!CHANNEL_ID.test(channel.channelId)) return 'its channel id is not a Teams channel id (19:…@thread.tacv2)';
  return undefined;
}

/** Why: the one check a person's Teams account allows ahead of time; a sentence when it cannot be right, else undefined. */
export function teamsAccountProblem(identity: PlatformIdentity): string | undefined {
  if (!TEAMS_ID.aadObject.test(identity.workspaceId)) return 'its tenant is not a tenant id (a GUID)';
  if (!TEAMS_ID.aadObject.test(identity.userId)) return 'its user id is not an Azure AD object id (a GUID)';
  return undefined;
}

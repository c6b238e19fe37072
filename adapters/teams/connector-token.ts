/**
 * Where the bot's Bot Connector tokens come from, built once for the bot
 * (authentication.ts) and `npm run doctor` (config-probe.ts) alike: an @azure/msal-node
 * client-credentials application for the app id and password, at the authority
 * botbuilder would ask (the login host, MICROSOFT_LOGIN_URL or the public cloud's, and
 * the tenant botframework.com, or the app's own for a SingleTenant app). The login host
 * is named a known authority, so MSAL asks it directly instead of first asking the
 * public cloud whether it is one; for the public cloud's own host that changes nothing.
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import { DEFAULT_MICROSOFT_LOGIN_URL, type Config } from '../../src/config';

type TeamsSettings = NonNullable<Config['teams']>;

/** Why: the authority tokens are asked from, as botbuilder forms it for each app type. */
export function tokenAuthority(config: Pick<TeamsSettings, 'appType' | 'tenantId' | 'loginUrl'>): string {
  const tenant = config.appType === 'SingleTenant' && config.tenantId ? config.tenantId : 'botframework.com';
  return `${config.loginUrl ?? DEFAULT_MICROSOFT_LOGIN_URL}/${tenant}`;
}

/**
 * Why: the one token client of an app registration with a password; undefined when the
 * app has none (emulator mode, or a UserAssignedMSI app whose tokens come from its host),
 * where botbuilder's own credentials apply.
 */
export function connectorTokenClient(config: TeamsSettings): ConfidentialClientApplication | undefined {
  if (!config.appId || !config.appPassword || config.appType === 'UserAssignedMSI') return undefined;
  const authority = tokenAuthority(config);
  return new ConfidentialClientApplication({
    auth: { clientId: config.appId, clientSecret: config.appPassword, authority, knownAuthorities: [new URL(authority).host] },
  });
}

/**
 * Authentication of inbound requests: botbuilder's ConfigurationBotFrameworkAuthentication
 * (public cloud, with the key endpoints settable for tests), preceded by PreLetter's own
 * token check (token-check.ts) so that every refusal is a PreLetterError: 'forbidden'
 * with a reason, or 'unavailable' when the keys cannot be fetched (the route
 * answers 401 to both: an unverifiable request is not authenticated). The SDK's own retry policy is taken out of every connector client it
 * hands out, so exactly one retry loop (connector-errors.ts) decides how long a person waits.
 * Outbound tokens come from connector-token.ts, the client `npm run doctor` checks.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../../src/config';
import { isPreLetterError, PreLetterError } from '../../src/domain/errors';
import type { Logger } from '../../src/logger';
import { connectorTokenClient, tokenAuthority } from './connector-token';
import { OpenIdKeys } from './openid-keys';
import { checkBotFrameworkToken, tokenRefused, type TokenSources } from './token-check';

/** Audience of tokens the bot sends to the Bot Connector (public cloud), and the issuer of the tokens it sends us. */
export const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

/** Where the Bot Framework publishes the keys that sign its tokens; tests point these at a local fake. */
export interface OpenIdMetadataUrls {
  channel: string;
  emulator: string;
}

/** Why: the public cloud's key endpoints, the ones botbuilder uses by default. */
export const PUBLIC_OPENID_METADATA: OpenIdMetadataUrls = {
  channel: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  emulator: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
};

/** Token issuers botbuilder accepts from the Emulator signed in with the bot's app id (its ToBotFromBotOrEmulator list). */
const EMULATOR_ISSUERS = [
  'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
  'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0',
  'https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/',
  'https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0',
  'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
  'https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/',
  'https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0',
  'https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/',
  'https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0',
];

/**
 * botbuilder's public-cloud settings, spelled out so the key endpoints can be set
 * (botbuilder takes either none of these or all of them). With the public login host
 * botbuilder adds the tenant itself; with another, it asks this authority as it is.
 */
function publicCloud(metadata: OpenIdMetadataUrls, loginAuthority: string): Record<string, string> {
  return {
    ToChannelFromBotLoginUrl: loginAuthority,
    ToChannelFromBotOAuthScope: CONNECTOR_AUDIENCE,
    ToBotFromChannelTokenIssuer: CONNECTOR_AUDIENCE,
    OAuthUrl: CONNECTOR_AUDIENCE,
    ToBotFromChannelOpenIdMetadataUrl: metadata.channel,
    ToBotFromEmulatorOpenIdMetadataUrl: metadata.emulator,
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: 'true',
  };
}

/** Why: botbuilder refuses with an AuthenticationError carrying 401; anything else means the check itself failed. */
function authenticationFailure(err: unknown): PreLetterError {
  const known = isPreLetterError(err)
    ? err
    : (err as { statusCode?: unknown } | undefined)?.statusCode === 401
      ? tokenRefused('refused')
      : new PreLetterError('unavailable', 'PreLetter could not check who sent this request. Please try again in a minute.', {
          problem: (err as Error | undefined)?.name ?? 'unknown',
        });
  return new PreLetterError(known.code, known.userMessage, { ...known.context, stage: 'authentication' });
}

/** Why: the route tells a refused or unverifiable request (401, 503) apart from a failure inside the turn (500). */
export function isAuthenticationFailure(err: unknown): err is PreLetterError {
  return isPreLetterError(err) && err.context.stage === 'authentication';
}

type TeamsSettings = NonNullable<Config['teams']>;
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClientLike = Awaited<ReturnType<ConnectorFactory['create']>>;

function removeSdkRetry(client: ConnectorClientLike, logger: Logger): void {
  const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(p: { name: string }): unknown[] } } }).client?.pipeline;
  const removed = pipeline?.removePolicy({ name: 'defaultRetryPolicy' }) ?? [];
  if (removed.length === 0) logger.warn({}, 'teams sdk retry policy not found');
}

function withoutSdkRetry(factory: ConnectorFactory | undefined, logger: Logger): ConnectorFactory | undefined {
  if (!factory) return factory;
  const create = factory.create.bind(factory);
  factory.create = async (serviceUrl, audience) => {
    const client = await create(serviceUrl, audience);
    removeSdkRetry(client, logger);
    return client;
  };
  return factory;
}

/**
 * Why: ConfigurationBotFrameworkAuthentication from the app's settings, except that
 * every connector client it hands out has the SDK's retry policy removed.
 */
class PreLetterAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly sources: TokenSources | undefined;

  constructor(
    config: TeamsSettings,
    metadata: OpenIdMetadataUrls,
    private readonly log: Logger,
  ) {
    const settings: Record<string, string> = publicCloud(metadata, tokenAuthority(config));
    if (config.appId) {
      settings.MicrosoftAppId = config.appId;
      settings.MicrosoftAppType = config.appType;
      if (config.appPassword) settings.MicrosoftAppPassword = config.appPassword;
      if (config.tenantId) settings.MicrosoftAppTenantId = config.tenantId;
    }
    // Tokens for the connector from the same client `npm run doctor` asks (connector-token.ts); none: botbuilder's own.
    const tokens = connectorTokenClient(config);
    super(settings, tokens && config.appId ? new MsalServiceClientCredentialsFactory(config.appId, tokens) : undefined);
    this.sources = config.appId
      ? {
          appId: config.appId,
          channelIssuer: CONNECTOR_AUDIENCE,
          emulatorIssuers: EMULATOR_ISSUERS,
          channelKeys: new OpenIdKeys(metadata.channel),
          emulatorKeys: new OpenIdKeys(metadata.emulator),
        }
      : undefined;
  }

  /**
   * Why: our token check first (a refusal is a PreLetterError 'forbidden' with a reason, a key
   * endpoint that cannot be reached is 'unavailable'), then botbuilder's own, mapped the same way.
   */
  override async authenticateRequest(activity: Activity, authHeader: string): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    try {
      if (this.sources) await checkBotFrameworkToken(authHeader, { channelId: activity.channelId, serviceUrl: activity.serviceUrl }, this.sources);
      const result = await super.authenticateRequest(activity, authHeader);
      result.connectorFactory = withoutSdkRetry(result.connectorFactory, this.log);
      return result;
    } catch (err) {
      throw authenticationFailure(err);
    }
  }

  override createConnectorFactory(claimsIdentity: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0]): ConnectorFactory {
    return withoutSdkRetry(super.createConnectorFactory(claimsIdentity), this.log)!;
  }
}

/** Why: processActivity is the CloudAdapter's authenticated pipeline; this exposes it to the HTTP route. */
export class PreLetterCloudAdapter extends CloudAdapter {
  /**
   * Why: CloudAdapter.process() also does this, but writes every refused request to
   * console.error with a stack; the route calls this instead and logs refusals by our rules.
   */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** Why: one place that builds the adapter from settings, so tests and production authenticate alike. */
export function createCloudAdapter(config: TeamsSettings, logger: Logger, metadata: OpenIdMetadataUrls = PUBLIC_OPENID_METADATA): PreLetterCloudAdapter {
  // No onTurnError: a failure inside a proactive call must reach its caller (retry, sentence), not be swallowed.
  return new PreLetterCloudAdapter(new PreLetterAuthentication(config, metadata, logger));
}


/**
 * The Bot Connector, reached through botbuilder's CloudAdapter: authentication of
 * inbound requests (ConfigurationBotFrameworkAuthentication), and the proactive calls
 * the platform makes (createConversationAsync for new channel posts and 1:1 chats,
 * continueConversationAsync for sends, updates and member look-ups). The SDK's own
 * retry policy is taken out of every connector client so exactly one retry loop
 * (connector-errors.ts) decides how long a person waits.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  type Activity,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { PreLetterError } from '../../src/domain/errors';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/logger';
import { callConnector, TEAMS_REQUEST_TIMEOUT_MS, type TeamsRetryPolicy } from './connector-errors';
import { replyChainRoot, TEAMS_ID } from './thread-ref';

/** The Bot Framework channel id of Microsoft Teams. */
export const TEAMS_CHANNEL_ID = 'msteams';
/** Audience of tokens the bot sends to the Bot Connector (public cloud). */
const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClientLike = Awaited<ReturnType<ConnectorFactory['create']>>;

/** The connector operations PreLetter calls on a turn's client (a structural view of botframework-connector's). */
interface ConnectorConversations {
  sendToConversation(conversationId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<{ id?: string }>;
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<unknown>;
}

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
  constructor(
    config: Config['teams'],
    private readonly log: Logger,
  ) {
    const settings: Record<string, string> = {};
    if (config.appId) {
      settings.MicrosoftAppId = config.appId;
      settings.MicrosoftAppType = config.appType;
      if (config.appPassword) settings.MicrosoftAppPassword = config.appPassword;
      if (config.tenantId) settings.MicrosoftAppTenantId = config.tenantId;
    }
    super(settings);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    const result = await super.authenticateRequest(activity, authHeader);
    result.connectorFactory = withoutSdkRetry(result.connectorFactory, this.log);
    return result;
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
export function createCloudAdapter(config: Config['teams'], logger: Logger): PreLetterCloudAdapter {
  // No onTurnError: a failure inside a proactive call must reach its caller (retry, sentence), not be swallowed.
  return new PreLetterCloudAdapter(new PreLetterAuthentication(config, logger));
}

function connectorOf(context: TurnContext): ConnectorConversations {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as { conversations?: ConnectorConversations } | undefined;
  if (!client?.conversations) throw new PreLetterError('internal', 'Sorry, PreLetter could not reach Microsoft Teams. Please tell your PreLetter admin.', {});
  return client.conversations;
}

/** Why: the proactive calls the platform needs, each one retried and mapped to a sentence on failure. */
export class TeamsConnector {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly retry: TeamsRetryPolicy,
    private readonly logger: Logger,
  ) {}

  private get botAccount(): { id: string; name: string } | undefined {
    return this.appId ? { id: `28:${this.appId}`, name: 'PreLetter' } : undefined;
  }

  private async create(serviceUrl: string, parameters: ConversationParameters): Promise<string> {
    let created: string | undefined;
    await this.adapter.createConversationAsync(this.appId, TEAMS_CHANNEL_ID, serviceUrl, CONNECTOR_AUDIENCE, parameters, async (context) => {
      created = context.activity.conversation?.id;
    });
    if (!created) throw new PreLetterError('platform', 'Teams accepted the message but did not say where it is. Please try again.', { operation: 'create' });
    return created;
  }

  private inConversation<T>(serviceUrl: string, conversationId: string, work: (context: TurnContext) => Promise<T>): Promise<T> {
    let result: T | undefined;
    const reference: Partial<ConversationReference> = { serviceUrl, channelId: TEAMS_CHANNEL_ID, conversation: { id: conversationId, isGroup: false, conversationType: '', name: '' } };
    return this.adapter
      .continueConversationAsync(this.appId, reference, async (context) => {
        result = await work(context);
      })
      .then(() => result as T);
  }

  /** Why: a new post (a new reply chain) in a channel; returns the chain's conversation id and the post's activity id. */
  async createChannelPost(serviceUrl: string, tenantId: string, channelId: string, activity: Partial<Activity>): Promise<{ conversationId: string; activityId: string }> {
    // A channel post names the channel, not members: Teams starts a new reply chain with the activity.
    const parameters = {
      isGroup: true,
      ...(this.botAccount ? { bot: this.botAccount } : {}),
      channelData: { channel: { id: channelId }, tenant: { id: tenantId } },
      tenantId,
      activity: activity as Activity,
    } as unknown as ConversationParameters;
    const conversationId = await callConnector('createChannelPost', this.retry, this.logger, () => this.create(serviceUrl, parameters));
    const activityId = replyChainRoot(conversationId);
    if (!activityId || !TEAMS_ID.activity.test(activityId)) {
      throw new PreLetterError('platform', 'Teams accepted the message but did not say where it is. Please try again.', { operation: 'createChannelPost' });
    }
    return { conversationId, activityId };
  }

  /** Why: the 1:1 chat between the bot and one person (Teams returns the same one every time). */
  createPersonalChat(serviceUrl: string, tenantId: string, userId: string): Promise<string> {
    const parameters = {
      isGroup: false,
      ...(this.botAccount ? { bot: this.botAccount } : {}),
      members: [{ id: userId, name: '' }],
      channelData: { tenant: { id: tenantId } },
      tenantId,
    } as ConversationParameters;
    return callConnector('createPersonalChat', this.retry, this.logger, () => this.create(serviceUrl, parameters));
  }

  /** Why: posts into a conversation (a 1:1 chat, or a reply chain: a reply in the thread); returns the new activity id. */
  async send(serviceUrl: string, conversationId: string, activity: Partial<Activity>): Promise<string> {
    const res = await callConnector('send', this.retry, this.logger, () =>
      this.inConversation(serviceUrl, conversationId, (context) =>
        connectorOf(context).sendToConversation(conversationId, { ...activity, conversation: { id: conversationId } as Activity['conversation'] }, { timeout: TEAMS_REQUEST_TIMEOUT_MS }),
      ),
    );
    if (!res.id) throw new PreLetterError('platform', 'Teams accepted the message but did not say where it is. Please try again.', { operation: 'send' });
    return res.id;
  }

  /** Why: replaces a posted card in place. */
  async update(serviceUrl: string, conversationId: string, activityId: string, activity: Partial<Activity>): Promise<void> {
    await callConnector('update', this.retry, this.logger, () =>
      this.inConversation(serviceUrl, conversationId, (context) =>
        connectorOf(context).updateActivity(conversationId, activityId, { ...activity, id: activityId, conversation: { id: conversationId } as Activity['conversation'] }, { timeout: TEAMS_REQUEST_TIMEOUT_MS }),
      ),
    );
  }

  /** Why: a person's display name, read from the conversation they share with the bot. */
  async member(serviceUrl: string, conversationId: string, userId: string): Promise<{ name?: string }> {
    const account = await callConnector('member', this.retry, this.logger, () =>
      this.inConversation(serviceUrl, conversationId, (context) => TeamsInfo.getMember(context, userId)),
    );
    return { ...(account.name ? { name: account.name } : {}) };
  }
}

/**
 * The Bot Connector, reached through botbuilder's CloudAdapter (authentication.ts): the
 * proactive calls the platform makes (createConversationAsync for new channel posts and
 * 1:1 chats, continueConversationAsync for sends, updates and member look-ups). Each call
 * is retried by one loop (connector-errors.ts); in emulator mode calls may only go to
 * this machine.
 */
import { TeamsInfo, type Activity, type CloudAdapter, type ConversationParameters, type ConversationReference, type TurnContext } from 'botbuilder';
import { PreLetterError } from '../../src/domain/errors';
import type { Logger } from '../../src/logger';
import { noMetrics, type Metrics } from '../../src/metrics';
import { CONNECTOR_AUDIENCE } from './authentication';
import { callConnector, TEAMS_REQUEST_TIMEOUT_MS, type TeamsRetryPolicy } from './connector-errors';
import { replyChainRoot, TEAMS_ID } from './thread-ref';

/** Why: the contract tests and the app build the adapter from here, as before authentication.ts existed. */
export { createCloudAdapter } from './authentication';

/** The Bot Framework channel id of Microsoft Teams. */
export const TEAMS_CHANNEL_ID = 'msteams';

/** The connector operations PreLetter calls on a turn's client (a structural view of botframework-connector's). */
interface ConnectorConversations {
  sendToConversation(conversationId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<{ id?: string }>;
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<unknown>;
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
    /** Where calls may go; in emulator mode only this machine, since nothing inbound was authenticated. */
    private readonly mayCall: (serviceUrl: string) => boolean = () => true,
    /** Where each connector call's operation, outcome and duration are recorded. */
    private readonly metrics: Metrics = noMetrics,
  ) {}

  private allowed(serviceUrl: string, operation: string): void {
    if (this.mayCall(serviceUrl)) return;
    this.logger.warn({ operation }, 'teams call to a service url outside this machine refused in emulator mode');
    throw new PreLetterError('platform', 'PreLetter runs in Bot Framework Emulator mode and only answers the Emulator on this machine.', { operation });
  }

  private get botAccount(): { id: string; name: string } | undefined {
    return this.appId ? { id: `28:${this.appId}`, name: 'PreLetter' } : undefined;
  }

  private async create(serviceUrl: string, parameters: ConversationParameters): Promise<string> {
    this.allowed(serviceUrl, 'create');
    let created: string | undefined;
    await this.adapter.createConversationAsync(this.appId, TEAMS_CHANNEL_ID, serviceUrl, CONNECTOR_AUDIENCE, parameters, async (context) => {
      created = context.activity.conversation?.id;
    });
    if (!created) throw new PreLetterError('platform', 'Teams accepted the message but did not say where it is. Please try again.', { operation: 'create' });
    return created;
  }

  private async inConversation<T>(serviceUrl: string, conversationId: string, work: (context: TurnContext) => Promise<T>): Promise<T> {
    this.allowed(serviceUrl, 'continue');
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
    // A new root post is never repeated when it may have been made: see isSurelyNotMade.
    const conversationId = await callConnector('createChannelPost', this.retry, this.logger, () => this.create(serviceUrl, parameters), true, this.metrics);
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
    return callConnector('createPersonalChat', this.retry, this.logger, () => this.create(serviceUrl, parameters), false, this.metrics);
  }

  /** Why: posts into a conversation (a 1:1 chat, or a reply chain: a reply in the thread); returns the new activity id. */
  async send(serviceUrl: string, conversationId: string, activity: Partial<Activity>): Promise<string> {
    const res = await callConnector('send', this.retry, this.logger, () =>
      this.inConversation(serviceUrl, conversationId, (context) =>
        connectorOf(context).sendToConversation(conversationId, { ...activity, conversation: { id: conversationId } as Activity['conversation'] }, { timeout: TEAMS_REQUEST_TIMEOUT_MS }),
      ), false, this.metrics,
    );
    if (!res.id) throw new PreLetterError('platform', 'Teams accepted the message but did not say where it is. Please try again.', { operation: 'send' });
    return res.id;
  }

  /** Why: replaces a posted card in place. */
  async update(serviceUrl: string, conversationId: string, activityId: string, activity: Partial<Activity>): Promise<void> {
    await callConnector('update', this.retry, this.logger, () =>
      this.inConversation(serviceUrl, conversationId, (context) =>
        connectorOf(context).updateActivity(conversationId, activityId, { ...activity, id: activityId, conversation: { id: conversationId } as Activity['conversation'] }, { timeout: TEAMS_REQUEST_TIMEOUT_MS }),
      ), false, this.metrics,
    );
  }

  /**
   * Why: a person's display name, Teams user id and tenant, read from a conversation they share
   * with the bot. `once`: a look-up that only improves an answer is tried once, never retried.
   */
  async member(serviceUrl: string, conversationId: string, userId: string, once = false): Promise<{ name?: string; id?: string; tenantId?: string }> {
    const account = await callConnector('member', once ? { ...this.retry, retries: 0 } : this.retry, this.logger, () =>
      this.inConversation(serviceUrl, conversationId, (context) => TeamsInfo.getMember(context, userId)), false, this.metrics,
    );
    return { ...(account.name ? { name: account.name } : {}), ...(account.id ? { id: account.id } : {}), ...(account.tenantId ? { tenantId: account.tenantId } : {}) };
  }
}

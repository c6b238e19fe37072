/**
 * The ChatPlatform port on the Bot Connector. Cards are rendered here (render.ts),
 * refs are encoded here (thread-ref.ts), every call goes through TeamsConnector
 * (retries, sentences). Teams has no ephemeral messages in channels, so "privately"
 * means the person's 1:1 chat with the bot. Nothing in here knows about letters.
 */
import type { Activity } from 'botbuilder';
import type { ChatPlatform, NeutralCard, NeutralUser, PostedRoot } from '../../src/bot/ports';
import type { ServiceUrlRepository } from '../../src/bot/repositories';
import type { Clock } from '../../src/domain/clock';
import { PreLetterError } from '../../src/domain/errors';
import type { ChannelBinding, PlatformIdentity } from '../../src/domain/types';
import type { Logger } from '../../src/logger';
import type { TeamsConnector } from './connector';
import { MAX_REFRESH_USERS, renderAdaptiveCard } from './render';

/** Why: how many people's Teams ids one process keeps; far more than the people any directory lists. */
const TEAMS_ID_CACHE_SIZE = 10_000;
import {
  baseConversationId,
  canonicalServiceUrl,
  decodeMessageRef,
  decodeReplyTarget,
  decodeThreadRef,
  encodeMessageRef,
  encodeThreadRef,
  isAllowedServiceUrl,
  replyChainId,
  replyChainKey,
  TEAMS_ID,
} from './thread-ref';

/** Why: the public Bot Connector endpoint for Teams, used for a tenant PreLetter has not heard from yet. */
export const PUBLIC_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

/**
 * Why: Teams tells a tenant's service URL only on inbound activities, to whichever
 * instance got them; proactive posts need it later, on any instance. So the book is the
 * database (ServiceUrlRepository): remembered when heard, read when posting (one `_id`
 * read beside a Bot Connector call). No copy is kept in the process, so a URL another
 * instance heard later is used at once, with nothing to invalidate.
 */
export class ServiceUrlBook {
  readonly fallback: string;

  constructor(
    private readonly repository: ServiceUrlRepository,
    private readonly clock: Clock,
    fallback: string = PUBLIC_SERVICE_URL,
  ) {
    this.fallback = canonicalServiceUrl(fallback);
  }

  /** Why: called for every authenticated inbound activity; the newest URL of a tenant wins, on every instance. */
  async remember(tenantId: string, serviceUrl: string): Promise<void> {
    if (!TEAMS_ID.tenant.test(tenantId) || !isAllowedServiceUrl(serviceUrl)) return;
    await this.repository.remember(tenantId, canonicalServiceUrl(serviceUrl), this.clock.now());
  }

  /** Why: where to reach a tenant: what it last told any instance, else the public endpoint. */
  async forTenant(tenantId: string): Promise<string> {
    const known = TEAMS_ID.tenant.test(tenantId) ? await this.repository.find(tenantId) : null;
    return known && isAllowedServiceUrl(known) ? known : this.fallback;
  }

  /** Why: a thread ref made at posting time may name an older URL of the tenant; these are the ones to try, best first. */
  async candidates(tenantId: string, inbound: string): Promise<string[]> {
    return [...new Set([canonicalServiceUrl(inbound), await this.forTenant(tenantId), this.fallback])];
  }
}

function teamsOnly(identity: { platform: string; workspaceId: string }, what: string): void {
  if (identity.platform !== 'teams' || !TEAMS_ID.tenant.test(identity.workspaceId)) {
    throw new PreLetterError('internal', 'Sorry, PreLetter tried to reach an account that is not a Microsoft Teams one through Teams. Please tell your PreLetter admin.', {
      what,
      platform: identity.platform,
    });
  }
}

function teamsUser(user: PlatformIdentity): void {
  teamsOnly(user, 'user');
  if (!TEAMS_ID.aadObject.test(user.userId) && !/^29:[A-Za-z0-9_\-.:]{1,256}$/.test(user.userId)) {
    throw new PreLetterError('invalid-input', 'That Teams account id is not one PreLetter can message. Ask your PreLetter admin to check it in the directory (it is the person\'s Azure AD object id).', { what: 'userId' });
  }
}

/** Why: Teams' implementation of the port the core talks to; also sends adapter-made cards (the preview form). */
export class TeamsPlatform implements ChatPlatform {
  readonly platform = 'teams' as const;
  private readonly teamsIds = new Map<string, string>();

  constructor(
    private readonly connector: TeamsConnector,
    readonly serviceUrls: ServiceUrlBook,
    private readonly logger: Logger,
  ) {}

  /** Why: the one way a neutral card becomes a Teams message activity (a per-person card's everyone view). */
  activityFor(card: NeutralCard, userIds?: string[]): Partial<Activity> {
    return { type: 'message', attachments: [renderAdaptiveCard(card, userIds ? { userIds } : {}).attachment] };
  }

  /** Why: a card for a conversation: a per-person card lists its audience's Teams user ids, looked up there. */
  private async activityIn(card: NeutralCard, serviceUrl: string, conversationId: string): Promise<Partial<Activity>> {
    return this.activityFor(card, card.audience ? await this.viewerIds(card, serviceUrl, conversationId) : undefined);
  }

  /**
   * Why: Teams names the people a card refreshes for by their Teams user id; the directory
   * knows them by Azure AD object id. Each is looked up once among the conversation's members
   * (kept in the process: a person's id for this bot never changes); someone who is not a
   * member, or cannot be looked up now, simply gets the view without buttons.
   */
  async viewerIds(card: NeutralCard, serviceUrl: string, conversationId: string): Promise<string[]> {
    const viewers = (card.audience?.viewers ?? []).filter((v) => v.platform === 'teams' && TEAMS_ID.aadObject.test(v.userId));
    const ids = await Promise.all(
      viewers.slice(0, MAX_REFRESH_USERS).map(async (viewer) => {
        const key = `${viewer.workspaceId}/${viewer.userId}`;
        const known = this.teamsIds.get(key);
        if (known) return known;
        try {
          const member = await this.connector.member(serviceUrl, baseConversationId(conversationId), viewer.userId, true);
          if (member.id) this.rememberTeamsId(key, member.id);
          return member.id;
        } catch (err) {
          this.logger.info({ code: (err as PreLetterError).code }, 'card viewer not found in the conversation');
          return undefined;
        }
      }),
    );
    return ids.filter((id): id is string => id !== undefined);
  }

  private rememberTeamsId(key: string, id: string): void {
    if (this.teamsIds.size >= TEAMS_ID_CACHE_SIZE) this.teamsIds.delete(this.teamsIds.keys().next().value!);
    this.teamsIds.set(key, id);
  }

  async postRoot(channel: ChannelBinding, card: NeutralCard): Promise<PostedRoot> {
    teamsOnly(channel, 'channel');
    if (!TEAMS_ID.conversation.test(channel.channelId)) {
      throw new PreLetterError('invalid-input', 'The Teams channel id in the directory is not valid. Ask your PreLetter admin to check the channel binding.', { what: 'channelId' });
    }
    const serviceUrl = await this.serviceUrls.forTenant(channel.workspaceId);
    const tenantId = channel.workspaceId;
    const posted = await this.connector.createChannelPost(serviceUrl, tenantId, channel.channelId, await this.activityIn(card, serviceUrl, channel.channelId));
    return {
      threadRef: encodeThreadRef({ conversationId: baseConversationId(posted.conversationId), serviceUrl, tenantId, rootActivityId: posted.activityId }),
      messageRef: encodeMessageRef({ conversationId: posted.conversationId, serviceUrl, tenantId, activityId: posted.activityId }),
      threadKey: replyChainKey(posted.conversationId, posted.activityId),
    };
  }

  async postInThread(threadRef: string, card: NeutralCard): Promise<string> {
    const thread = decodeThreadRef(threadRef);
    const conversationId = replyChainId(thread);
    const activityId = await this.connector.send(thread.serviceUrl, conversationId, this.activityFor(card));
    return encodeMessageRef({ conversationId, serviceUrl: thread.serviceUrl, tenantId: thread.tenantId, activityId });
  }

  async updateMessage(messageRef: string, card: NeutralCard): Promise<void> {
    const message = decodeMessageRef(messageRef);
    await this.replaceMessage(messageRef, await this.activityIn(card, message.serviceUrl, message.conversationId));
  }

  /** Why: replaces a posted message with any activity (a refreshed card, or the preview form's outcome). */
  async replaceMessage(messageRef: string, activity: Partial<Activity>): Promise<void> {
    const message = decodeMessageRef(messageRef);
    await this.connector.update(message.serviceUrl, message.conversationId, message.activityId, activity);
  }

  /** Why: a notice into a conversation the bot was just added to (a new post when it is a channel). */
  async postNotice(serviceUrl: string, conversationId: string, card: NeutralCard): Promise<void> {
    await this.postActivity(serviceUrl, conversationId, this.activityFor(card));
  }

  /** Why: an adapter-made card (the "Preview a letter" card) into a conversation PreLetter was just addressed in. */
  async postActivity(serviceUrl: string, conversationId: string, activity: Partial<Activity>): Promise<void> {
    await this.connector.send(serviceUrl, conversationId, activity);
  }

  async sendDirect(user: PlatformIdentity, card: NeutralCard): Promise<string> {
    return this.sendToPerson(user, this.activityFor(card));
  }

  async replyPrivately(target: string, user: PlatformIdentity, card: NeutralCard): Promise<void> {
    await this.deliverPrivately(target, user, this.activityFor(card));
  }

  /** Why: a private answer (a card or the preview form) in the person's 1:1 chat; returns the message ref. */
  async deliverPrivately(target: string, user: PlatformIdentity, activity: Partial<Activity>): Promise<string> {
    teamsUser(user);
    const place = decodeReplyTarget(target);
    if (!place.conversationId) return this.sendToPerson(user, activity, place.serviceUrl);
    const activityId = await this.connector.send(place.serviceUrl, place.conversationId, activity);
    return encodeMessageRef({ conversationId: place.conversationId, serviceUrl: place.serviceUrl, tenantId: place.tenantId, activityId });
  }

  /**
   * Why: an external member of a shared channel writes with the channel's tenant, while the
   * directory knows them by their own: the channel's roster says which tenant they are from.
   */
  async memberTenant(serviceUrl: string, conversationId: string, aadObjectId: string): Promise<string | undefined> {
    try {
      const member = await this.connector.member(serviceUrl, baseConversationId(conversationId), aadObjectId, true);
      return member.tenantId && TEAMS_ID.tenant.test(member.tenantId) ? member.tenantId : undefined;
    } catch (err) {
      this.logger.info({ code: (err as PreLetterError).code }, 'member tenant not found in the conversation');
      return undefined;
    }
  }

  async resolveUser(user: PlatformIdentity): Promise<NeutralUser> {
    teamsUser(user);
    const serviceUrl = await this.serviceUrls.forTenant(user.workspaceId);
    const chat = await this.connector.createPersonalChat(serviceUrl, user.workspaceId, user.userId);
    const member = await this.connector.member(serviceUrl, chat, user.userId);
    return member.name ? { identity: user, displayName: member.name } : { identity: user };
  }

  async threadLink(threadRef: string): Promise<string | undefined> {
    try {
      const thread = decodeThreadRef(threadRef);
      const root = encodeURIComponent(thread.rootActivityId);
      return `https://teams.microsoft.com/l/message/${encodeURIComponent(thread.conversationId)}/${root}?tenantId=${encodeURIComponent(thread.tenantId)}&parentMessageId=${root}`;
    } catch (err) {
      // A missing link only makes a card less handy; it must never stop a preview or a status answer.
      this.logger.warn({ code: (err as PreLetterError).code }, 'thread link unavailable');
      return undefined;
    }
  }

  private async sendToPerson(user: PlatformIdentity, activity: Partial<Activity>, serviceUrl?: string): Promise<string> {
    teamsUser(user);
    const url = serviceUrl ?? (await this.serviceUrls.forTenant(user.workspaceId));
    const chat = await this.connector.createPersonalChat(url, user.workspaceId, user.userId);
    const activityId = await this.connector.send(url, chat, activity);
    return encodeMessageRef({ conversationId: chat, serviceUrl: url, tenantId: user.workspaceId, activityId });
  }
}

/**
 * The ChatPlatform port on Slack's Web API. Cards are rendered here (render.ts), refs
 * are encoded here (thread-ref.ts), and every failure leaves as a PreLetterError
 * with a sentence (web-client.ts). Nothing in here knows about letters.
 */
import type { types } from '@slack/bolt';
import type { ChatPlatform, NeutralCard, NeutralUser, PostedRoot } from '../../src/bot/ports';
import { PreLetterError } from '../../src/domain/errors';
import type { ChannelBinding, PlatformIdentity } from '../../src/domain/types';
import type { Logger } from '../../src/logger';
import { renderCard, type RenderedMessage } from './render';
import {
  decodeMessageRef,
  decodeReplyTarget,
  decodeThreadRef,
  encodeMessageRef,
  encodeThreadRef,
} from './thread-ref';
import { callSlack, type SlackWebClient } from './web-client';

/** How many permalinks the adapter remembers as its own, to render them as links (and nothing else). */
const ISSUED_LINKS_KEPT = 5000;

/**
 * Why: posted text is never re-parsed by Slack (no auto-linking of names, no
 * unfurling of anything into a confidential channel).
 */
const POST_OPTIONS = { link_names: false, parse: 'none', unfurl_links: false, unfurl_media: false } as const;

function slackOnly(identity: { platform: string }, what: string): void {
  if (identity.platform !== 'slack') {
    throw new PreLetterError('internal', 'Sorry, PreLetter tried to reach a Microsoft Teams account through Slack. Please tell your PreLetter admin.', {
      what,
      platform: identity.platform,
    });
  }
}

function requireTs(ts: string | undefined, method: string): string {
  if (!ts) throw new PreLetterError('platform', 'Slack accepted the message but did not say where it is. Please try again.', { method });
  return ts;
}

/** Why: Slack's implementation of the port the core talks to; also opens modals and publishes App Home views. */
export class SlackPlatform implements ChatPlatform {
  readonly platform = 'slack' as const;
  private readonly issuedLinks = new Set<string>();

  constructor(
    private readonly client: SlackWebClient,
    private readonly logger: Logger,
  ) {}

  /** Why: the adapter's listeners render cards the same way the port does (same trusted links). */
  render(card: NeutralCard): RenderedMessage {
    return renderCard(card, { trustedLinks: this.issuedLinks });
  }

  async postRoot(channel: ChannelBinding, card: NeutralCard): Promise<PostedRoot> {
    slackOnly(channel, 'channel');
    const message = this.render(card);
    const res = await callSlack('chat.postMessage', () =>
      this.client.chat.postMessage({ channel: channel.channelId, ...message, ...POST_OPTIONS }),
    );
    const ts = requireTs(res.ts, 'chat.postMessage');
    const channelId = res.channel ?? channel.channelId;
    return {
      threadRef: encodeThreadRef({ teamId: channel.workspaceId, channelId, threadTs: ts }),
      messageRef: encodeMessageRef({ channelId, ts }),
    };
  }

  async postInThread(threadRef: string, card: NeutralCard): Promise<string> {
    const thread = decodeThreadRef(threadRef);
    const message = this.render(card);
    const res = await callSlack('chat.postMessage', () =>
      this.client.chat.postMessage({ channel: thread.channelId, thread_ts: thread.threadTs, ...message, ...POST_OPTIONS }),
    );
    return encodeMessageRef({ channelId: res.channel ?? thread.channelId, ts: requireTs(res.ts, 'chat.postMessage') });
  }

  async updateMessage(messageRef: string, card: NeutralCard): Promise<void> {
    const { channelId, ts } = decodeMessageRef(messageRef);
    const message = this.render(card);
    await callSlack('chat.update', () => this.client.chat.update({ channel: channelId, ts, ...message, link_names: false, parse: 'none' }));
  }

  async sendDirect(user: PlatformIdentity, card: NeutralCard): Promise<string> {
    slackOnly(user, 'user');
    const opened = await callSlack('conversations.open', () => this.client.conversations.open({ users: user.userId }));
    const dm = opened.channel?.id;
    if (!dm) throw new PreLetterError('platform', 'Slack did not open a direct message with that person. Please try again.', { method: 'conversations.open' });
    const message = this.render(card);
    const res = await callSlack('chat.postMessage', () => this.client.chat.postMessage({ channel: dm, ...message, ...POST_OPTIONS }));
    return encodeMessageRef({ channelId: res.channel ?? dm, ts: requireTs(res.ts, 'chat.postMessage') });
  }

  async replyPrivately(target: string, user: PlatformIdentity, card: NeutralCard): Promise<void> {
    slackOnly(user, 'user');
    const place = decodeReplyTarget(target);
    const message = this.render(card);
    await callSlack('chat.postEphemeral', () =>
      this.client.chat.postEphemeral({
        channel: place.channelId,
        user: user.userId,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
        ...message,
        link_names: false,
        parse: 'none',
      }),
    );
  }

  async resolveUser(user: PlatformIdentity): Promise<NeutralUser> {
    slackOnly(user, 'user');
    const res = await callSlack('users.info', () => this.client.users.info({ user: user.userId }));
    const profile = res.user?.profile;
    const displayName = profile?.display_name || profile?.real_name || res.user?.real_name || res.user?.name || undefined;
    return displayName ? { identity: user, displayName } : { identity: user };
  }

  async threadLink(threadRef: string): Promise<string | undefined> {
    const thread = decodeThreadRef(threadRef);
    try {
      const res = await callSlack('chat.getPermalink', () =>
        this.client.chat.getPermalink({ channel: thread.channelId, message_ts: thread.threadTs }),
      );
      if (!res.permalink) return undefined;
      this.remember(res.permalink);
      return res.permalink;
    } catch (err) {
      // A missing link only makes a card less handy; it must never stop a preview or a status answer.
      this.logger.warn({ channelId: thread.channelId, code: (err as PreLetterError).code, slackError: (err as PreLetterError).context?.slackError }, 'thread link unavailable');
      return undefined;
    }
  }

  /** Why: the preview form is a modal; trigger ids expire in three seconds, so this is called right after the ack. */
  async openModal(triggerId: string, view: types.ModalView): Promise<void> {
    await callSlack('views.open', () => this.client.views.open({ trigger_id: triggerId, view }));
  }

  /** Why: the App Home tab shows each person their letters. */
  async publishHome(userId: string, view: types.HomeView): Promise<void> {
    await callSlack('views.publish', () => this.client.views.publish({ user_id: userId, view }));
  }

  private remember(link: string): void {
    this.issuedLinks.delete(link);
    this.issuedLinks.add(link);
    if (this.issuedLinks.size > ISSUED_LINKS_KEPT) {
      const oldest = this.issuedLinks.values().next().value;
      if (oldest !== undefined) this.issuedLinks.delete(oldest);
    }
  }
}

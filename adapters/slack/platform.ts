/**
 * The ChatPlatform port on Slack's Web API. Cards are rendered here (render.ts), refs
 * are encoded here (thread-ref.ts), and every failure leaves as a PreLetterError
 * with a sentence (web-client.ts). Nothing in here knows about letters.
 */
import type { types } from '@slack/bolt';
import type { ChatPlatform, NeutralCard, NeutralUser, PostedRoot } from '../../src/bot/ports';
import { PreLetterError } from '../../src/domain/errors';
import type { ChannelBinding, PlatformIdentity } from '../../src/domain/types';
import { errorDetails, type Logger } from '../../src/logger';
import { renderCard, type RenderedMessage } from './render';
import {
  decodeMessageRef,
  decodeReplyTarget,
  decodeThreadRef,
  encodeMessageRef,
  encodeThreadRef,
} from './thread-ref';
import { callSlack, type SlackClients } from './web-client';

/** How many permalinks the adapter remembers as its own, to render them as links (and nothing else). */
const ISSUED_LINKS_KEPT = 5000;
/** How many people's direct-message channels the adapter remembers. */
const DIRECT_CHANNELS_KEPT = 5000;

/** The metadata event type on every root card, carrying the letter's reference, so a lost answer can be checked. */
export const ROOT_METADATA_EVENT = 'preletter_letter_posted';
/** How many recent channel messages findRoot reads (the card is posted seconds to minutes before). */
const HISTORY_PAGE = 200;

interface HistoryMessage {
  ts?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

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

/**
 * Thread permalinks the adapter asked Slack for, by thread. A message's permalink never
 * changes (a status answer links up to 25 threads, each asked for once), and these links
 * are the only URLs its cards turn into links. The least recently used go first.
 */
class IssuedLinks {
  private readonly byThread = new Map<string, string>();
  private readonly links = new Set<string>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.links.size;
  }

  has(link: string): boolean {
    return this.links.has(link);
  }

  get(threadRef: string): string | undefined {
    const link = this.byThread.get(threadRef);
    if (link !== undefined) this.set(threadRef, link); // most recently used last
    return link;
  }

  set(threadRef: string, link: string): void {
    this.byThread.delete(threadRef);
    this.byThread.set(threadRef, link);
    this.links.add(link);
    if (this.byThread.size <= this.max) return;
    const [oldest, oldLink] = this.byThread.entries().next().value!;
    this.byThread.delete(oldest);
    this.links.delete(oldLink);
  }
}

/** Why: Slack's implementation of the port the core talks to; also opens modals and publishes App Home views. */
export class SlackPlatform implements ChatPlatform {
  readonly platform = 'slack' as const;
  private readonly issuedLinks = new IssuedLinks(ISSUED_LINKS_KEPT);
  /** Direct-message channels by user: Slack keeps one per bot and person, so it is opened once, and again only after a post to it failed. */
  private readonly dmChannels = new Map<string, string>();

  private botId: Promise<string | undefined> | undefined;

  constructor(
    private readonly clients: SlackClients,
    private readonly logger: Logger,
  ) {}

  /** Why: the adapter's listeners render cards the same way the port does (same trusted links). */
  render(card: NeutralCard): RenderedMessage {
    return renderCard(card, { trustedLinks: this.issuedLinks });
  }

  /** Why: carries the reference as message metadata, so findRoot can tell this card from any other. */
  async postRoot(channel: ChannelBinding, card: NeutralCard, marker: string): Promise<PostedRoot> {
    slackOnly(channel, 'channel');
    const message = this.render(card);
    const metadata = { event_type: ROOT_METADATA_EVENT, event_payload: { ref: marker } };
    const res = await this.post('chat.postMessage', channel.channelId, () =>
      this.clients.once.chat.postMessage({ channel: channel.channelId, ...message, ...POST_OPTIONS, metadata }),
    );
    return this.rootRef(channel, res.channel ?? channel.channelId, requireTs(res.ts, 'chat.postMessage'));
  }

  /** Why: the bot's own card with this reference since `since`, read from the channel's recent history. */
  async findRoot(channel: ChannelBinding, marker: string, since: Date): Promise<PostedRoot | undefined> {
    slackOnly(channel, 'channel');
    const botId = await this.ownBotId();
    const oldest = String(Math.floor(since.getTime() / 1000) - 60);
    const res = await this.post('conversations.history', channel.channelId, () =>
      this.clients.retrying.conversations.history({ channel: channel.channelId, oldest, limit: HISTORY_PAGE, include_all_metadata: true }),
    );
    const found = ((res.messages ?? []) as HistoryMessage[]).find(
      (m) =>
        m.metadata?.event_type === ROOT_METADATA_EVENT &&
        m.metadata.event_payload?.ref === marker &&
        (botId === undefined || m.bot_id === botId) &&
        typeof m.ts === 'string',
    );
    return found ? this.rootRef(channel, channel.channelId, found.ts!) : undefined;
  }

  private rootRef(channel: ChannelBinding, channelId: string, ts: string): PostedRoot {
    return {
      threadRef: encodeThreadRef({ teamId: channel.workspaceId, channelId, threadTs: ts }),
      messageRef: encodeMessageRef({ channelId, ts }),
    };
  }

  private ownBotId(): Promise<string | undefined> {
    this.botId ??= callSlack('auth.test', () => this.clients.retrying.auth.test(), undefined, '', this.clients.metrics).then(
      (res) => (typeof res.bot_id === 'string' ? res.bot_id : undefined),
      (err: unknown) => {
        this.botId = undefined;
        throw err;
      },
    );
    return this.botId;
  }

  private post<T>(method: string, channelId: string, call: () => Promise<T>): Promise<T> {
    return callSlack(method, call, this.clients.gate, channelId, this.clients.metrics);
  }

  async postInThread(threadRef: string, card: NeutralCard): Promise<string> {
    const thread = decodeThreadRef(threadRef);
    const message = this.render(card);
    const res = await this.post('chat.postMessage', thread.channelId, () =>
      this.clients.once.chat.postMessage({ channel: thread.channelId, thread_ts: thread.threadTs, ...message, ...POST_OPTIONS }),
    );
    return encodeMessageRef({ channelId: res.channel ?? thread.channelId, ts: requireTs(res.ts, 'chat.postMessage') });
  }

  async updateMessage(messageRef: string, card: NeutralCard): Promise<void> {
    const { channelId, ts } = decodeMessageRef(messageRef);
    const message = this.render(card);
    await this.post('chat.update', channelId, () => this.clients.retrying.chat.update({ channel: channelId, ts, ...message, link_names: false, parse: 'none' }));
  }

  async sendDirect(user: PlatformIdentity, card: NeutralCard): Promise<string> {
    slackOnly(user, 'user');
    const dm = this.dmChannels.get(user.userId) ?? (await this.openDirect(user.userId));
    const message = this.render(card);
    try {
      const res = await this.post('chat.postMessage', dm, () => this.clients.once.chat.postMessage({ channel: dm, ...message, ...POST_OPTIONS }));
      return encodeMessageRef({ channelId: res.channel ?? dm, ts: requireTs(res.ts, 'chat.postMessage') });
    } catch (err) {
      this.dmChannels.delete(user.userId); // the next attempt opens it again
      throw err;
    }
  }

  private async openDirect(userId: string): Promise<string> {
    const opened = await this.post('conversations.open', userId, () => this.clients.retrying.conversations.open({ users: userId }));
    const dm = opened.channel?.id;
    if (!dm) throw new PreLetterError('platform', 'Slack did not open a direct message with that person. Please try again.', { method: 'conversations.open' });
    this.dmChannels.set(userId, dm);
    if (this.dmChannels.size > DIRECT_CHANNELS_KEPT) this.dmChannels.delete(this.dmChannels.keys().next().value!);
    return dm;
  }

  async replyPrivately(target: string, user: PlatformIdentity, card: NeutralCard): Promise<void> {
    slackOnly(user, 'user');
    const place = decodeReplyTarget(target);
    const message = this.render(card);
    await this.post('chat.postEphemeral', place.channelId, () =>
      this.clients.once.chat.postEphemeral({
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
    const res = await this.post('users.info', '', () => this.clients.retrying.users.info({ user: user.userId }));
    const profile = res.user?.profile;
    const displayName = profile?.display_name || profile?.real_name || res.user?.real_name || res.user?.name || undefined;
    return displayName ? { identity: user, displayName } : { identity: user };
  }

  async threadLink(threadRef: string): Promise<string | undefined> {
    const known = this.issuedLinks.get(threadRef);
    if (known) return known;
    const thread = decodeThreadRef(threadRef);
    try {
      const res = await this.post('chat.getPermalink', thread.channelId, () =>
        this.clients.retrying.chat.getPermalink({ channel: thread.channelId, message_ts: thread.threadTs }),
      );
      if (!res.permalink) return undefined;
      this.issuedLinks.set(threadRef, res.permalink);
      return res.permalink;
    } catch (err) {
      // A missing link only makes a card less handy; it must never stop a preview or a status answer.
      this.logger.warn({ channelId: thread.channelId, code: (err as PreLetterError).code, slackError: (err as PreLetterError).context?.slackError, ...errorDetails(err) }, 'thread link unavailable');
      return undefined;
    }
  }

  /** Why: the preview form is a modal; trigger ids expire in three seconds, so this is called right after the ack. */
  async openModal(triggerId: string, view: types.ModalView): Promise<void> {
    await this.post('views.open', '', () => this.clients.once.views.open({ trigger_id: triggerId, view }));
  }

  /** Why: the App Home tab shows each person their letters. */
  async publishHome(userId: string, view: types.HomeView): Promise<void> {
    await this.post('views.publish', userId, () => this.clients.retrying.views.publish({ user_id: userId, view }));
  }
}

/**
 * The behaviours every ChatPlatform adapter must have, written once against an
 * abstract view of what the adapter made the platform do ("deliveries"). Each
 * adapter's contract test supplies a subject: the real adapter wired to a local
 * fake of its platform, and a translation of the fake's recorded calls into
 * deliveries. Slack: test/contract/slack.contract.test.ts; Teams reuses this file.
 */
import type { ChatPlatform, NeutralCard } from '../../src/bot/ports';
import { PreLetterError } from '../../src/domain/errors';
import type { ChannelBinding, PlatformIdentity } from '../../src/domain/types';

/** One thing the adapter made the platform show, in platform-neutral terms. */
export interface PlatformDelivery {
  kind: 'root' | 'thread-reply' | 'update' | 'direct' | 'private';
  /** The conversation it landed in (channel, chat). */
  conversation: string;
  /** The message it created or replaced. */
  messageId?: string;
  /** For thread replies (and private replies in a thread): the root message of the thread. */
  threadId?: string;
  /** Direct: who receives it. Private: the only person who can see it. */
  recipient?: string;
  /** Every piece of text as the platform received it (escaped or not). */
  text: string;
  /** User ids the platform will notify through a real mention. */
  mentions: string[];
  /** Channel-wide notifications the platform will fire (@channel, @here, @everyone, groups). */
  broadcasts: string[];
  /** Links (and channel links) the platform will make clickable. */
  links: string[];
}

/** An adapter under test, wired to its platform fake. */
export interface ContractSubject {
  platform: ChatPlatform;
  /** A channel the adapter may post in. */
  channel: ChannelBinding;
  /** A user the platform fake knows, with this display name. */
  user: PlatformIdentity;
  userDisplayName: string;
  /** A private-reply target for `channel` (targets are adapter-owned strings). */
  privateTarget: string;
  /**
   * How a private reply shows up: Slack posts an ephemeral message in the channel itself
   * ('private'); Teams has no ephemeral messages in channels, so it answers in the
   * person's 1:1 chat with the bot ('direct'). Either way only that person sees it.
   */
  privateDelivery: { kind: 'private' | 'direct'; conversation: string };
  /** Everything delivered so far, oldest first. */
  deliveries(): PlatformDelivery[];
  /** Make the platform refuse the next call (as an outage or a missing permission would). */
  failNextCall(): void;
  close(): Promise<void>;
}

/** A card whose every text slot holds what a hostile sender might type. */
export const HOSTILE_TEXT =
  'Hi <!channel> <!here> <!everyone> @channel @here @everyone <@U0EVIL123> <#C0EVIL123> <!subteam^S0EVIL> <https://evil.example|click> https://evil.example & < >';

function hostileCard(): NeutralCard {
  return {
    title: HOSTILE_TEXT,
    body: [[{ text: HOSTILE_TEXT }], [{ text: 'second line ' }, { text: HOSTILE_TEXT }]],
    fields: [{ label: HOSTILE_TEXT, value: HOSTILE_TEXT }],
    buttons: [{ action: 'acknowledge', label: HOSTILE_TEXT, value: 'PL-2026-0001', confirm: { title: HOSTILE_TEXT, text: HOSTILE_TEXT, confirm: 'Yes', deny: 'No' } }],
    footer: HOSTILE_TEXT,
    tone: 'info',
  };
}

function card(title: string): NeutralCard {
  return { title, body: [[{ text: `${title} body` }]], fields: [{ label: 'Status', value: 'Awaiting acknowledgement' }], buttons: [], tone: 'info' };
}

/** Registers the shared contract tests for one adapter. */
export function describeChatPlatformContract(name: string, makeSubject: () => Promise<ContractSubject>): void {
  describe(`ChatPlatform contract: ${name}`, () => {
    let s: ContractSubject;
    beforeEach(async () => {
      s = await makeSubject();
    });
    afterEach(async () => s.close());

    it('posts a root card whose refs postInThread and updateMessage accept', async () => {
      const root = await s.platform.postRoot(s.channel, card('Root'), 'PL-2026-0001');
      expect(typeof root.threadRef).toBe('string');
      expect(typeof root.messageRef).toBe('string');
      const replyRef = await s.platform.postInThread(root.threadRef, card('Reply'));
      expect(typeof replyRef).toBe('string');
      await s.platform.updateMessage(root.messageRef, card('Updated'));

      const [posted, reply, update] = s.deliveries();
      expect(posted).toMatchObject({ kind: 'root', conversation: s.channel.channelId });
      expect(reply).toMatchObject({ kind: 'thread-reply', conversation: posted!.conversation, threadId: posted!.messageId });
      expect(update).toMatchObject({ kind: 'update', conversation: posted!.conversation, messageId: posted!.messageId });
      expect(update!.text).toContain('Updated');
    });

    it('keeps a thread ref working after a round trip through storage, and tells threads apart', async () => {
      const first = await s.platform.postRoot(s.channel, card('First'), 'PL-2026-0001');
      const second = await s.platform.postRoot(s.channel, card('Second'), 'PL-2026-0002');
      expect(first.threadRef).not.toBe(second.threadRef);
      const stored = JSON.parse(JSON.stringify({ ref: first.threadRef })) as { ref: string };
      await s.platform.postInThread(stored.ref, card('Later'));
      const roots = s.deliveries().filter((d) => d.kind === 'root');
      expect(s.deliveries().at(-1)).toMatchObject({ kind: 'thread-reply', threadId: roots[0]!.messageId });
      expect(await s.platform.threadLink(stored.ref)).toMatch(/^https:\/\//);
    });

    it('refuses a ref it did not make, and delivers nothing', async () => {
      await expect(s.platform.postInThread('not-a-ref', card('Lost'))).rejects.toBeInstanceOf(PreLetterError);
      await expect(s.platform.updateMessage('not-a-ref', card('Lost'))).rejects.toBeInstanceOf(PreLetterError);
      expect(s.deliveries()).toEqual([]);
    });

    it('sends a direct message that reaches the user, whose ref updateMessage accepts', async () => {
      const ref = await s.platform.sendDirect(s.user, card('Direct'));
      expect(typeof ref).toBe('string');
      expect(s.deliveries()).toEqual([expect.objectContaining({ kind: 'direct', recipient: s.user.userId })]);
      await s.platform.updateMessage(ref, card('Direct, updated'));
      const [sent, update] = s.deliveries();
      expect(update).toMatchObject({ kind: 'update', conversation: sent!.conversation, messageId: sent!.messageId });
      expect(update!.text).toContain('Direct, updated');
    });

    it('replies privately to that user only', async () => {
      await s.platform.replyPrivately(s.privateTarget, s.user, card('Only you'));
      const [only] = s.deliveries();
      expect(s.deliveries()).toHaveLength(1);
      expect(only).toMatchObject({ kind: s.privateDelivery.kind, recipient: s.user.userId, conversation: s.privateDelivery.conversation });
      expect(only!.text).toContain('Only you');
    });

    it('resolves a user to the same identity with a display name', async () => {
      const resolved = await s.platform.resolveUser(s.user);
      expect(resolved).toEqual({ identity: s.user, displayName: s.userDisplayName });
    });

    it('never lets user text mention, broadcast or link, wherever it appears on a card', async () => {
      const root = await s.platform.postRoot(s.channel, hostileCard(), 'PL-2026-0003');
      await s.platform.postInThread(root.threadRef, hostileCard());
      await s.platform.updateMessage(root.messageRef, hostileCard());
      await s.platform.sendDirect(s.user, hostileCard());
      await s.platform.replyPrivately(s.privateTarget, s.user, hostileCard());
      const deliveries = s.deliveries();
      expect(deliveries).toHaveLength(5);
      for (const d of deliveries) {
        expect({ kind: d.kind, mentions: d.mentions, broadcasts: d.broadcasts, links: d.links }).toEqual({ kind: d.kind, mentions: [], broadcasts: [], links: [] });
        expect(d.text).toContain('evil.example');
      }
    });

    it('turns a mention the core asked for into a real mention of that user only', async () => {
      const mentionCard: NeutralCard = { ...card('Mention'), body: [[{ text: 'For the attention of ' }, { mention: s.user, name: s.userDisplayName }, { text: ' <@U0EVIL123>' }]] };
      await s.platform.postRoot(s.channel, mentionCard, 'PL-2026-0004');
      const [posted] = s.deliveries();
      expect([...new Set(posted!.mentions)]).toEqual([s.user.userId]);
      expect(posted!.broadcasts).toEqual([]);
    });

    it('reports a refused call as a PreLetterError with a sentence for the person', async () => {
      s.failNextCall();
      const failure = s.platform.postRoot(s.channel, card('Refused'), 'PL-2026-0005');
      await expect(failure).rejects.toBeInstanceOf(PreLetterError);
      await expect(failure).rejects.toMatchObject({ code: 'platform', userMessage: expect.stringMatching(/^[A-Z].*\.$/) });
    });
  });
}

/**
 * The port between the core and each chat platform, and the neutral types that
 * cross it. Adapters implement ChatPlatform; use cases only ever see these types,
 * so the same rules run on Slack and Teams.
 */
import type { CommandName } from '../domain/command';
import type { ChannelBinding, Platform, PlatformIdentity } from '../domain/types';

/** Why: a command named by its parts; each adapter adds its own prefix and styling (`/preletter ack REF`, `@PreLetter ack REF`). */
export interface CommandHint {
  /** The subcommand; absent for the bare command. */
  name?: CommandName;
  /** Words after the subcommand, already in the reader's language (`PL-2026-0007`, `REF`, `[reason]`). */
  args?: string[];
}

/** A piece of card text: plain text (always escaped by the adapter), a real mention, or a command the adapter writes its own way. */
export type Segment = { text: string } | { mention: PlatformIdentity; name: string } | { command: CommandHint };

/** Why: the buttons on a letter's cards, each run by one use case (shared-decisions.ts). */
export type LetterActionId = 'acknowledge' | 'mark-sent' | 'record-reply' | 'withdraw';

/** Why: the buttons on a call for input's card: the company's answer (answer-call.ts, CALL_BUTTON_ANSWERS). */
export type CallActionId = 'call-contribute' | 'call-submitted' | 'call-declined';

/** Why: the flag card's one button, kept apart from the letter's, which all run through one lifecycle. */
export type FlagActionId = 'acknowledge-flag';

/** Buttons the core can put on a card; adapters map them to platform actions. */
export type ActionId = LetterActionId | CallActionId;

/** A button on a card, carrying the reference (of a letter, a flag or a call) it acts on. */
export interface CardButton {
  action: ActionId | FlagActionId;
  label: string;
  /** The reference the action applies to: a letter's, a flag's for its button, or a call's for the call buttons. */
  value: string;
  style?: 'primary' | 'danger';
  /** Ask the person to confirm before acting (used for withdraw). */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

/** A label/value pair shown on a card; both are plain text. */
export interface CardField {
  label: string;
  value: string;
}

/** A link to a letter's thread with its label in the reader's language. */
export interface ThreadLink {
  url: string;
  label: string;
}

/**
 * Why: who may act on a card's buttons. A platform that can show each person their own
 * view (Teams, with refresh) shows the buttons only to these people, each only those
 * their role allows; everyone else sees the card without buttons. Others ignore it
 * (Slack checks the role when a button is pressed).
 */
export interface CardAudience {
  /** The letter the buttons act on; a person's view is worked out from it when they open the card. */
  ref: string;
  viewers: PlatformIdentity[];
}

/** Platform-neutral message content; adapters render it as Block Kit or an Adaptive Card. */
export interface NeutralCard {
  title: string;
  /** Body paragraphs; each is a run of segments. */
  body: Segment[][];
  fields: CardField[];
  buttons: CardButton[];
  /** Small print under the card (reference, timestamps). */
  footer?: string;
  tone: 'info' | 'success' | 'warning' | 'error';
  /** A link to the letter's thread, when the card is shown somewhere else. */
  threadLink?: ThreadLink;
  /** The label of thread links inside the text (a status list's lines), in the reader's language. */
  linkLabel?: string;
  /** Set on a letter's channel card: its buttons are per person (see CardAudience). */
  audience?: CardAudience;
}

/** A platform user as an adapter saw them, before the directory says who they are. */
export interface NeutralUser {
  identity: PlatformIdentity;
  displayName?: string;
}

/**
 * What kind of failure a platform call met, carried as `reason` in the context of the
 * PreLetterError('platform') an adapter throws (with `retryAfterMs` when the platform
 * asked to wait): the core words "PreLetter may not post there" differently from
 * "the platform is busy or down", and "the form took too long to open" (a Slack
 * trigger id that expired before views.open) from both.
 */
export type PlatformFailure = 'no-access' | 'busy' | 'unreachable' | 'refused' | 'expired-trigger';

/** What the adapter returns after posting a root card: refs it alone can decode. */
export interface PostedRoot {
  threadRef: string;
  messageRef: string;
  /** A stable key of the thread that any reply in it can name (see LetterThread.threadKey). */
  threadKey?: string;
}

/** Everything the core may ask of one chat platform. */
export interface ChatPlatform {
  readonly platform: Platform;
  /**
   * Post a letter's root card in a bound channel; the card's replies are its thread.
   * `marker` (the letter's reference) is attached where the platform can carry it, so
   * findRoot can recognise the post later. Never retried inside the adapter after a
   * timeout: a second post would be a second card.
   */
  postRoot(channel: ChannelBinding, card: NeutralCard, marker: string): Promise<PostedRoot>;
  /**
   * After an attempt whose outcome is unknown (a timeout, a crash), the root card this
   * bot posted since `since` with this marker, if the platform lets a bot look; undefined
   * when it was not posted, or when the platform cannot tell.
   */
  findRoot?(channel: ChannelBinding, marker: string, since: Date): Promise<PostedRoot | undefined>;
  /** Post in a letter's thread; returns the new message's ref. */
  postInThread(threadRef: string, card: NeutralCard): Promise<string>;
  /** Replace a posted card in place (the root card shows the current status). */
  updateMessage(messageRef: string, card: NeutralCard): Promise<void>;
  /** Direct-message one person; returns the message's ref. */
  sendDirect(user: PlatformIdentity, card: NeutralCard): Promise<string>;
  /** Reply to one person only, in the place identified by an adapter-owned target. */
  replyPrivately(target: string, user: PlatformIdentity, card: NeutralCard): Promise<void>;
  /** Look up a platform user's display name (and confirm they exist). */
  resolveUser(user: PlatformIdentity): Promise<NeutralUser>;
  /** A URL that opens the thread, for direct messages and status lists; undefined if none. */
  threadLink(threadRef: string): Promise<string | undefined>;
}

/** The platforms wired into this process, by name; a letter's threads pick theirs. */
export type PlatformRegistry = Partial<Record<Platform, ChatPlatform>>;

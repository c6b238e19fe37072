/**
 * NeutralCard → Adaptive Card (schema 1.5) for Teams. Every piece of text the core
 * hands over is user or directory text and is escaped (escape.ts); the only markup
 * this module emits is its own: a bold title, real `<at>` mentions backed by
 * `msteams.entities` for people the core asked to mention, and an OpenUrl action
 * for a thread link. Buttons are Universal Actions (`Action.Execute`) whose verb is
 * the neutral ActionId, each with an `Action.Submit` fallback for Teams clients that
 * predate Universal Actions; withdraw asks for a second click, because Action.Execute
 * has no confirm dialog of its own. A card with an audience (a letter's channel card)
 * is per person: everyone sees it without buttons, and the people listed in its
 * `refresh.userIds` get their own view from PreLetter when they open it.
 */
import type { Attachment, Mention } from 'botbuilder';
import type { CardButton, CommandHint, NeutralCard, Segment } from '../../src/bot/ports';
import { escapeCardText, isMentionableId, isSafeLinkUrl } from './escape';

/** Why: the content type Teams requires on an attachment carrying an Adaptive Card. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Why: Universal Actions (Action.Execute, refresh) are defined by schema 1.5; Teams ignores them on cards that declare less. */
export const ADAPTIVE_CARD_VERSION = '1.5';

/** Why: the verb of the automatic refresh that asks PreLetter for one person's own view of a letter's card. */
export const REFRESH_VERB = 'refresh';

/** Why: Teams refreshes a card automatically for at most 60 listed people. */
export const MAX_REFRESH_USERS = 60;

/**
 * Why: Action.Submit has no verb: its data carries it under this key, so a click from an
 * older Teams client (a message activity with a value) reaches the same handler.
 */
export const SUBMIT_VERB_KEY = 'preletterVerb';

/** Why: how a Teams person addresses the bot in a channel; command hints are written with it. */
export const TEAMS_BOT_MENTION = '@PreLetter';

/** Why: a command as a Teams person types it: the bot's mention, the subcommand, its words. */
export function commandText(command: CommandHint): string {
  return [TEAMS_BOT_MENTION, command.name, ...(command.args ?? [])].filter(Boolean).join(' ');
}

/** Why: the neutral tone maps onto Adaptive Card container styles so status reads at a glance. */
export const TONE_STYLE: Record<NeutralCard['tone'], 'default' | 'good' | 'warning' | 'attention'> = {
  info: 'default',
  success: 'good',
  warning: 'warning',
  error: 'attention',
};

/** Why: a loosely-typed Adaptive Card element; the schema is JSON and Teams validates it on send. */
export type CardElement = Record<string, unknown>;

/** What a rendered card is: the attachment to send, and the mentions it carries (also inside the card). */
export interface RenderedAdaptiveCard {
  attachment: Attachment;
  entities: Mention[];
}

/** Collects mention entities once per person and tag, so each `<at>` in the text has exactly one entity. */
class MentionCollector {
  readonly entities: Mention[] = [];

  add(id: string, name: string, tag: string): void {
    if (this.entities.some((e) => e.text === tag && e.mentioned.id === id)) return;
    this.entities.push({ type: 'mention', text: tag, mentioned: { id, name } });
  }
}

/**
 * Why: one paragraph; a real `<at>` tag only for a mentionable Teams id. The text between
 * real mentions is escaped as one run, so a link split over two segments (`[x]` then
 * `(https://…)`, or `https:` then `//host`) is still recognised and broken.
 */
function segmentsText(segments: Segment[], mentions: MentionCollector, escape: (text: string) => string): string {
  let text = '';
  let run = '';
  for (const s of segments) {
    if ('text' in s) {
      run += s.text;
      continue;
    }
    if ('command' in s) {
      // Teams card text has no code style: the command is set in bold, so it reads as something to type.
      text += `${escape(run)}**${escape(commandText(s.command))}**`;
      run = '';
      continue;
    }
    const name = s.name.trim() === '' ? 'someone' : s.name;
    if (s.mention.platform !== 'teams' || !isMentionableId(s.mention.userId)) {
      run += name;
      continue;
    }
    const tag = `<at>${escape(name)}</at>`;
    mentions.add(s.mention.userId, name, tag);
    text += escape(run) + tag;
    run = '';
  }
  return text + escape(run);
}

function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** Why: a Universal Action with its fallback for older Teams clients, which send the same verb and data as a message. */
export function executeWithFallback(title: string, verb: string, data: Record<string, unknown>, style?: 'positive' | 'destructive'): CardElement {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data: { ...data, [SUBMIT_VERB_KEY]: verb } },
  };
}

function executeAction(b: CardButton, title: string, style?: 'positive' | 'destructive'): CardElement {
  return executeWithFallback(title, b.action, { ref: b.value }, style);
}

function action(b: CardButton): CardElement {
  const style = b.style === 'danger' || b.action === 'withdraw' ? 'destructive' : b.style === 'primary' ? 'positive' : undefined;
  if (!b.confirm && b.action !== 'withdraw') return executeAction(b, b.label, style);
  // Action.Execute has no confirm dialog: the first click opens an inline card, the second acts.
  return {
    type: 'Action.ShowCard',
    title: b.label,
    card: {
      type: 'AdaptiveCard',
      body: [
        ...(b.confirm?.title ? [textBlock(escapeCardText(b.confirm.title), { weight: 'Bolder' })] : []),
        ...(b.confirm?.text ? [textBlock(escapeCardText(b.confirm.text))] : []),
      ],
      actions: [executeAction(b, b.confirm?.confirm ?? b.label, 'destructive')],
    },
  };
}

/** How a card with an audience is rendered: for everyone (no buttons) or as one viewer's own view. */
export interface RenderOptions {
  /** The Teams user ids (MRIs) of the card's audience; only they get a per-person view. */
  userIds?: string[];
  /** Rendering one viewer's own view (the refresh answer): the buttons the core left them are shown. */
  forViewer?: boolean;
}

function refreshOf(card: NeutralCard, options: RenderOptions): CardElement | undefined {
  if (!card.audience || !options.userIds || options.userIds.length === 0) return undefined;
  return {
    action: { type: 'Action.Execute', verb: REFRESH_VERB, data: { ref: card.audience.ref } },
    userIds: [...new Set(options.userIds)].slice(0, MAX_REFRESH_USERS),
  };
}

/** Why: the one translation from the core's neutral card to the attachment Teams sends, updates and refreshes. */
export function renderAdaptiveCard(card: NeutralCard, options: RenderOptions = {}): RenderedAdaptiveCard {
  const mentions = new MentionCollector();
  const items: CardElement[] = [textBlock(escapeCardText(card.title), { weight: 'Bolder', size: 'Medium' })];
  for (const paragraph of card.body) {
    const text = segmentsText(paragraph, mentions, escapeCardText);
    if (text.trim() !== '') items.push(textBlock(text));
  }
  if (card.fields.length > 0) {
    items.push({ type: 'FactSet', facts: card.fields.map((f) => ({ title: escapeCardText(f.label), value: escapeCardText(f.value) })) });
  }
  if (card.footer) items.push(textBlock(escapeCardText(card.footer), { size: 'Small', isSubtle: true }));

  // A per-person card shows its buttons only in a viewer's own view.
  const buttons = card.audience && !options.forViewer ? [] : card.buttons;
  const actions: CardElement[] = buttons.map(action);
  const refresh = refreshOf(card, options);
  if (card.threadLink && isSafeLinkUrl(card.threadLink.url)) actions.push({ type: 'Action.OpenUrl', title: card.threadLink.label, url: card.threadLink.url });

  const content: CardElement = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    ...(refresh ? { refresh } : {}),
    body: [{ type: 'Container', style: TONE_STYLE[card.tone], items }],
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full', ...(mentions.entities.length > 0 ? { entities: mentions.entities } : {}) },
  };
  return { attachment: { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }, entities: mentions.entities };
}

/** Why: one paragraph as plain text the Teams way: commands as a Teams person types them, mentions as names. */
export function plainWords(segments: Segment[]): string {
  return segments.map((s) => ('text' in s ? s.text : 'command' in s ? commandText(s.command) : s.name)).join('');
}

/** Why: an invoke's plain-text answer (a message, a dialog closing), from a card's paragraphs. */
export function plainSentence(card: NeutralCard): string {
  return card.body.map(plainWords).join(' ').trim() || card.title;
}

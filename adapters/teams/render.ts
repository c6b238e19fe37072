/**
 * NeutralCard → Adaptive Card (schema 1.4) for Teams. Every piece of text the core
 * hands over is user or directory text and is escaped (escape.ts); the only markup
 * this module emits is its own: a bold title, real `<at>` mentions backed by
 * `msteams.entities` for people the core asked to mention, and an OpenUrl action
 * for a thread link. Buttons are Universal Actions (`Action.Execute`) whose verb is
 * the neutral ActionId; withdraw asks for a second click, because Action.Execute has
 * no confirm dialog of its own.
 */
import type { Attachment, Mention } from 'botbuilder';
import type { CardButton, CommandHint, NeutralCard, Segment } from '../../src/bot/ports';
import { escapeCardText, isMentionableId, isSafeLinkUrl } from './escape';

/** Why: the content type Teams requires on an attachment carrying an Adaptive Card. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Why: 1.4 is the highest schema Teams renders everywhere (desktop, web, mobile) with Action.Execute. */
export const ADAPTIVE_CARD_VERSION = '1.4';

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

function executeAction(b: CardButton, title: string, style?: 'positive' | 'destructive'): CardElement {
  return { type: 'Action.Execute', title, verb: b.action, data: { ref: b.value }, ...(style ? { style } : {}) };
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

/** Why: the one translation from the core's neutral card to the attachment Teams sends, updates and refreshes. */
export function renderAdaptiveCard(card: NeutralCard): RenderedAdaptiveCard {
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

  const actions: CardElement[] = card.buttons.map(action);
  if (card.threadLink && isSafeLinkUrl(card.threadLink.url)) actions.push({ type: 'Action.OpenUrl', title: card.threadLink.label, url: card.threadLink.url });

  const content: CardElement = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body: [{ type: 'Container', style: TONE_STYLE[card.tone], items }],
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full', ...(mentions.entities.length > 0 ? { entities: mentions.entities } : {}) },
  };
  return { attachment: { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }, entities: mentions.entities };
}

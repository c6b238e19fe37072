/**
 * NeutralCard → Block Kit. Every piece of text the core hands over is user or
 * directory text and is escaped (escape.ts); the only markup this module emits is
 * its own: bold labels, real mentions the core asked for, and links to threads the
 * adapter itself produced. mrkdwn objects are `verbatim`, so Slack does not
 * auto-link URLs or channel names inside relayed text either.
 */
import type { types } from '@slack/bolt';
import type { CardButton, CommandHint, NeutralCard, Segment } from '../../src/bot/ports';
import { clipMarkup, escapeUserText, isSafeLinkUrl, linkMarkup, mentionMarkup } from './escape';
import { SLACK_ID } from './thread-ref';

type KnownBlock = types.KnownBlock;
type Button = types.Button;
type MrkdwnElement = types.MrkdwnElement;
type PlainTextElement = types.PlainTextElement;

/** Block Kit limits (characters, items) the renderer keeps to, so Slack never rejects a card. */
export const BLOCK_LIMITS = {
  header: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  buttonText: 75,
  buttonValue: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  fallbackText: 1000,
  blocks: 50,
} as const;

/** action_id of the link button that opens a letter's thread; Slack still sends a click, which is only acked. */
export const OPEN_THREAD_ACTION_ID = 'open-thread';

/** Why: the slash command Slack sends for every PreLetter command; the manifest declares it and hints are written with it. */
export const SLACK_COMMAND = '/preletter';
const TONE_PREFIX: Record<NeutralCard['tone'], string> = { info: '', success: '✅ ', warning: '⚠️ ', error: '⛔ ' };

/** What the renderer may turn into links: only URLs the adapter produced itself (thread permalinks). */
export interface RenderOptions {
  trustedLinks?: Pick<ReadonlySet<string>, 'has' | 'size'>;
  /** The words a trusted link shows (the card's linkLabel); the link itself when absent. */
  linkLabel?: string;
}

/** A card as Slack takes it: blocks for display, and escaped text for notifications and old clients. */
export interface RenderedMessage {
  blocks: KnownBlock[];
  text: string;
}

/** Why: every mrkdwn object is verbatim, so Slack never auto-links or auto-mentions inside it; `markup` is already escaped. */
export function mrkdwnText(markup: string, max: number): MrkdwnElement {
  return { type: 'mrkdwn', text: clipMarkup(markup, max), verbatim: true };
}

/** Why: plain_text from raw (user or directory) text, escaped and clipped to a Block Kit limit. */
export function plainText(raw: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: clipMarkup(escapeUserText(raw), max), emoji: true };
}

const mrkdwn = mrkdwnText;
const plain = plainText;

/** Where a link starting at `at` could end: before whitespace or a markup character, and within the longest safe link. */
const LINK_END = /[\s<>|"]/g;
const MAX_LINK = 3000;

/** The longest trusted link that starts at `at` in `text`, if any. */
function trustedLinkAt(text: string, at: number, links: Pick<ReadonlySet<string>, 'has'>): string | undefined {
  LINK_END.lastIndex = at;
  const stop = LINK_END.exec(text)?.index ?? text.length;
  for (let end = Math.min(stop, at + MAX_LINK); end > at + 'https://'.length; end -= 1) {
    const candidate = text.slice(at, end);
    if (links.has(candidate) && isSafeLinkUrl(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Why: user text escaped, with the adapter's own thread links (and only those) made
 * links. The text is scanned once for `https://`, and each start is looked up in the
 * set, so the cost follows the text, not how many links the adapter has issued.
 */
function textMarkup(text: string, options: RenderOptions): string {
  const links = options.trustedLinks;
  if (!links || links.size === 0) return escapeUserText(text);
  let markup = '';
  let from = 0;
  let at = text.indexOf('https://');
  while (at !== -1) {
    const url = trustedLinkAt(text, at, links);
    if (url === undefined) {
      at = text.indexOf('https://', at + 1);
      continue;
    }
    markup += escapeUserText(text.slice(from, at)) + linkMarkup(url, options.linkLabel ?? url);
    from = at + url.length;
    at = text.indexOf('https://', from);
  }
  return markup + escapeUserText(text.slice(from));
}

/**
 * Why: one paragraph of segments; mentions become `<@U…>` only for well-formed Slack ids.
 * Text between real mentions is escaped as one run, so a broadcast word split over two
 * segments (`@` then `here`) is still recognised and neutralised.
 */
export function segmentsMarkup(segments: Segment[], options: RenderOptions = {}): string {
  let markup = '';
  let run = '';
  for (const s of segments) {
    if ('command' in s) {
      markup += textMarkup(run, options) + `\`${escapeUserText(commandText(s.command))}\``;
      run = '';
    } else if ('mention' in s && s.mention.platform === 'slack' && SLACK_ID.user.test(s.mention.userId)) {
      markup += textMarkup(run, options) + mentionMarkup(s.mention.userId, s.name);
      run = '';
    } else {
      run += 'mention' in s ? s.name : s.text;
    }
  }
  return markup + textMarkup(run, options);
}

/** Why: a command as a Slack person types it: the slash command, the subcommand, its words. */
export function commandText(command: CommandHint): string {
  return [SLACK_COMMAND, command.name, ...(command.args ?? [])].filter(Boolean).join(' ');
}

function button(b: CardButton): Button {
  const element: Button = {
    type: 'button',
    action_id: b.action,
    value: b.value.slice(0, BLOCK_LIMITS.buttonValue),
    text: plain(b.label, BLOCK_LIMITS.buttonText),
  };
  if (b.style) element.style = b.style;
  if (b.confirm) {
    element.confirm = {
      title: plain(b.confirm.title, BLOCK_LIMITS.confirmTitle),
      text: plain(b.confirm.text, BLOCK_LIMITS.confirmText),
      confirm: plain(b.confirm.confirm, BLOCK_LIMITS.confirmButton),
      deny: plain(b.confirm.deny, BLOCK_LIMITS.confirmButton),
      ...(b.style === 'danger' ? { style: 'danger' as const } : {}),
    };
  }
  return element;
}

function actionsBlock(card: NeutralCard): KnownBlock | undefined {
  const elements: Button[] = card.buttons.map(button);
  if (card.threadLink && isSafeLinkUrl(card.threadLink.url)) {
    elements.push({ type: 'button', action_id: OPEN_THREAD_ACTION_ID, text: plain(card.threadLink.label, BLOCK_LIMITS.buttonText), url: card.threadLink.url });
  }
  return elements.length > 0 ? { type: 'actions', elements } : undefined;
}

function fieldBlocks(card: NeutralCard, options: RenderOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < card.fields.length; i += BLOCK_LIMITS.fieldsPerSection) {
    const chunk = card.fields.slice(i, i + BLOCK_LIMITS.fieldsPerSection);
    blocks.push({
      type: 'section',
      fields: chunk.map((f) => mrkdwn(`*${escapeUserText(f.label)}*\n${textMarkup(f.value, options)}`, BLOCK_LIMITS.fieldText)),
    });
  }
  return blocks;
}

/** Why: the one translation from the core's neutral card to what chat.postMessage/update/postEphemeral send. */
export function renderCard(card: NeutralCard, given: RenderOptions = {}): RenderedMessage {
  const options: RenderOptions = card.linkLabel ? { ...given, linkLabel: card.linkLabel } : given;
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(`${TONE_PREFIX[card.tone]}${card.title}`, BLOCK_LIMITS.header) }];
  for (const paragraph of card.body) {
    const markup = segmentsMarkup(paragraph, options);
    if (markup.trim() !== '') blocks.push({ type: 'section', text: mrkdwn(markup, BLOCK_LIMITS.sectionText) });
  }
  blocks.push(...fieldBlocks(card, options));
  if (card.footer) blocks.push({ type: 'context', elements: [mrkdwn(escapeUserText(card.footer), BLOCK_LIMITS.sectionText)] });
  const actions = actionsBlock(card);
  // Keep the buttons even on a very long card: they are how people act on it.
  const kept = blocks.slice(0, BLOCK_LIMITS.blocks - (actions ? 1 : 0));
  if (actions) kept.push(actions);
  return { blocks: kept, text: fallbackText(card, options) };
}

/** Why: the notification line (and screen-reader text): title and first paragraph, escaped, mentions kept. */
export function fallbackText(card: NeutralCard, options: RenderOptions = {}): string {
  const first = card.body.find((p) => p.length > 0);
  const title = escapeUserText(card.title);
  const text = first ? `${title}\n${segmentsMarkup(first, options)}` : title;
  return clipMarkup(text, BLOCK_LIMITS.fallbackText);
}

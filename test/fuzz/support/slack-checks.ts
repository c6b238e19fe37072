/**
 * What Slack would turn into a notification, a mention or a link, encoded as checks on
 * a rendered Block Kit message. What the checks rely on, from Slack's documentation:
 *
 * - Formatting reference ("Formatting text for app surfaces", and the older "Message
 *   formatting" page): `&`, `<` and `>` are Slack's control characters and are the only
 *   three to escape, as `&amp;`, `&lt;`, `&gt;`. Every mention, broadcast and link is a
 *   control sequence in angle brackets: `<@U…>` a user, `<#C…>` a channel,
 *   `<!here>`/`<!channel>`/`<!everyone>` broadcasts, `<!subteam^S…>` a user group,
 *   `<!date^…>`, `<url|label>` a link. So text whose only `<` are the renderer's own
 *   can mention and link nobody else, and an `&` that starts no `&amp;`/`&lt;`/`&gt;`
 *   must not appear (it would be read as the start of an entity).
 * - Text object reference: with `verbatim: true` on a mrkdwn object, "Slack will continue
 *   to process all markdown formatting and manual parsing strings, but it won't modify any
 *   plain-text content. For example, channel names will not be hyperlinked"; URLs are
 *   auto-converted into links and mentions parsed only when verbatim is false. So a bare
 *   `https://…` or `www.…` in verbatim mrkdwn stays text, and every mrkdwn object that
 *   carries user text must be verbatim.
 * - chat.postMessage: with blocks, the top-level `text` is only the fallback for
 *   notifications (plain text) and clients that cannot show blocks. It is posted with
 *   `parse: none` and `link_names: false` (adapters/slack/platform.ts), so names are not
 *   parsed; the formatting page says the server still auto-links URLs in mrkdwn text, so
 *   the fallback is held to the control-sequence rules only (a bare URL there is not flagged).
 * - A bare `@here` word is not parsed in verbatim text, but the adapter promises more
 *   (escape.ts: clients that re-parse, notification text): no bare broadcast word at all.
 */
import type { types } from '@slack/bolt';
import { BLOCK_LIMITS, type RenderedMessage } from '../../../adapters/slack/render';

/** What a card may deliberately carry: real mentions (user ids) and links the adapter issued. */
export interface SlackAllowed {
  mentions: ReadonlySet<string>;
  links: ReadonlySet<string>;
  linkLabel: string;
}

const NOTHING: SlackAllowed = { mentions: new Set(), links: new Set(), linkLabel: '' };
const BROADCAST_WORD = /@(channel|here|everyone)\b/i;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why: half a character (a cut surrogate pair) makes the JSON Slack receives ill-formed. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

/** Why: every control sequence and stray character in one piece of Slack text, as sentences. */
export function slackTextProblems(text: string, allowed: SlackAllowed = NOTHING): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/<([^>]*)(>?)/g)) {
    const [whole, inner, closed] = match;
    const mention = /^@([A-Z0-9]+)$/.exec(inner);
    const link = /^([^|]+)\|(.*)$/.exec(inner);
    if (closed && mention && allowed.mentions.has(mention[1]!)) continue;
    if (closed && link && allowed.links.has(decodeEntities(link[1]!)) && link[2] === allowed.linkLabel) continue;
    problems.push(`control sequence ${JSON.stringify(whole)} the card did not ask for`);
  }
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push('an unescaped &');
  const broadcast = BROADCAST_WORD.exec(text);
  if (broadcast) problems.push(`a bare broadcast word ${JSON.stringify(broadcast[0])}`);
  return problems;
}

type TextObject = { type: 'mrkdwn' | 'plain_text'; text: string; verbatim?: boolean };

function isTextObject(value: unknown): value is TextObject {
  const v = value as Partial<TextObject> | null;
  return typeof v === 'object' && v !== null && (v.type === 'mrkdwn' || v.type === 'plain_text') && typeof v.text === 'string';
}

/** Why: every text object anywhere in the blocks, with where it sits (for the limit checks and messages). */
export function textObjects(value: unknown, where = 'blocks'): Array<{ where: string; object: TextObject }> {
  if (isTextObject(value)) return [{ where, object: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => textObjects(item, `${where}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => textObjects(item, `${where}.${key}`));
  }
  return [];
}

/** Why: markup rules for a whole message: mrkdwn verbatim and clean, plain_text free of any markup. */
export function slackMessageProblems(message: { blocks: readonly unknown[]; text: string }, allowed: SlackAllowed): string[] {
  const problems: string[] = [];
  for (const { where, object } of textObjects(message.blocks)) {
    if (object.type === 'mrkdwn' && object.verbatim !== true) problems.push(`${where}: mrkdwn without verbatim: true`);
    const rules = object.type === 'mrkdwn' ? allowed : NOTHING;
    for (const p of slackTextProblems(object.text, rules)) problems.push(`${where}: ${p}`);
  }
  for (const p of slackTextProblems(message.text, allowed)) problems.push(`text: ${p}`);
  return problems;
}

function over(problems: string[], where: string, text: string | undefined, max: number): void {
  if (text !== undefined && text.length > max) problems.push(`${where}: ${text.length} characters, over the limit of ${max}`);
}

/** Why: the Block Kit limits BLOCK_LIMITS promises to keep, so Slack never rejects the card. */
export function slackLimitProblems(message: RenderedMessage): string[] {
  const problems: string[] = [];
  const blocks = message.blocks as Array<Record<string, any>>;
  if (blocks.length > BLOCK_LIMITS.blocks) problems.push(`${blocks.length} blocks, over ${BLOCK_LIMITS.blocks}`);
  blocks.forEach((block, i) => {
    const where = `blocks[${i}] (${block.type})`;
    if (block.type === 'header') over(problems, where, block.text.text, BLOCK_LIMITS.header);
    if (block.type === 'section' && block.text) over(problems, where, block.text.text, BLOCK_LIMITS.sectionText);
    if (block.type === 'section' && block.fields) {
      if (block.fields.length > BLOCK_LIMITS.fieldsPerSection) problems.push(`${where}: ${block.fields.length} fields`);
      block.fields.forEach((f: TextObject, j: number) => over(problems, `${where}.fields[${j}]`, f.text, BLOCK_LIMITS.fieldText));
    }
    if (block.type === 'context') block.elements.forEach((e: TextObject, j: number) => over(problems, `${where}.elements[${j}]`, e.text, BLOCK_LIMITS.sectionText));
    if (block.type === 'actions') {
      block.elements.forEach((b: types.Button, j: number) => {
        const at = `${where}.elements[${j}]`;
        over(problems, `${at}.text`, b.text.text, BLOCK_LIMITS.buttonText);
        over(problems, `${at}.value`, b.value, BLOCK_LIMITS.buttonValue);
        if (b.confirm) {
          over(problems, `${at}.confirm.title`, b.confirm.title?.text, BLOCK_LIMITS.confirmTitle);
          over(problems, `${at}.confirm.text`, b.confirm.text?.text, BLOCK_LIMITS.confirmText);
          over(problems, `${at}.confirm.confirm`, b.confirm.confirm?.text, BLOCK_LIMITS.confirmButton);
          over(problems, `${at}.confirm.deny`, b.confirm.deny?.text, BLOCK_LIMITS.confirmButton);
        }
      });
    }
  });
  over(problems, 'text', message.text, BLOCK_LIMITS.fallbackText);
  if (hasLoneSurrogate(message.text)) problems.push('text: a lone surrogate');
  for (const { where, object } of textObjects(message.blocks)) {
    if (object.text.length === 0) problems.push(`${where}: empty text (Slack requires at least 1 character)`);
    if (hasLoneSurrogate(object.text)) problems.push(`${where}: a lone surrogate`);
  }
  return problems;
}

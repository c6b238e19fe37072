/**
 * Escaping of user text for Slack. Slack reads `&`, `<` and `>` as markup: `<!channel>`
 * notifies a whole channel, `<@U…>` a person, `<#C…>` and `<url|label>` make links.
 * Every piece of text that is not a mention the core asked for goes through here,
 * so relayed text shows exactly what was typed and can never notify or link.
 */
import { SLACK_ID } from './thread-ref';

/** U+2060 WORD JOINER: invisible, and it breaks Slack's recognition of a bare `@channel` word. */
const WORD_JOINER = '\u2060';
/** No `\b` at the end: `@here0` is harmless, but clipping can cut it to `@here…`, which is not. */
const BROADCAST_WORD = /@(channel|here|everyone)/gi;

/** Why: the three characters Slack documents as control characters, as the entities it decodes for display. */
export function escapeControlCharacters(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Why: Slack can turn a bare `@here` word into a broadcast (top-level message text,
 * clients that re-parse); a word joiner after the `@` keeps the look and kills the mention.
 */
export function neutraliseBroadcastWords(text: string): string {
  return text.replace(BROADCAST_WORD, `@${WORD_JOINER}$1`);
}

/**
 * Why: Slack sends typed text (commands, messages, mentions) with `&`, `<`, `>` already
 * as entities; the core keeps text as typed, so decode those three once, in one pass.
 */
export function unescapeSlackText(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

/** Why: the one function every adapter path uses for user text in mrkdwn or plain_text. */
export function escapeUserText(text: string): string {
  return neutraliseBroadcastWords(escapeControlCharacters(text));
}

/** Why: a real mention only for a well-formed user id; anything else is shown as the person's name, escaped. */
export function mentionMarkup(userId: string, fallbackName: string): string {
  return SLACK_ID.user.test(userId) ? `<@${userId}>` : escapeUserText(fallbackName);
}

/**
 * Why: Slack rejects over-long text objects; cutting must not leave half an entity
 * (`&am`), half a mention (`<@U12`) or half a character (one surrogate of an emoji,
 * which is not valid text) behind.
 */
export function clipMarkup(markup: string, max: number): string {
  if (markup.length <= max) return markup;
  let cut = markup.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/[\ud800-\udbff]$/, '').replace(/&[a-z]{0,3}$/, '').replace(/<[^>]*$/, '');
  return `${cut}…`;
}

/** Why: a link the adapter itself produced (a thread permalink), as a labelled mrkdwn link. */
export function linkMarkup(url: string, label: string): string {
  return `<${escapeControlCharacters(url)}|${escapeUserText(label).replace(/\|/g, '¦')}>`;
}

/** Why: only plain https URLs without markup characters may become links or link buttons. */
export function isSafeLinkUrl(url: string): boolean {
  return /^https:\/\/[^\s<>|"]+$/.test(url) && url.length <= 3000;
}

/**
 * Escaping of user text for Teams. Message text is read as markdown with `<at>`
 * mention tags and HTML entities; Adaptive Card TextBlocks (and facts) read a
 * markdown subset with links and auto-linked URLs, and Teams resolves `<at>` tags
 * in them against the card's mention entities. Every piece of text that is not a
 * mention the core asked for goes through here, so relayed text shows what was
 * typed and can never mention, link or inject markup.
 */

/** U+2060 WORD JOINER: invisible, and it breaks recognition of tags, links and URLs without changing the look. */
export const WORD_JOINER = '\u2060';

const WJ = WORD_JOINER;

/** Why: shared by both surfaces: breaks `[label](url)`, `scheme://` and `www.` so nothing becomes a link. */
function neutraliseLinks(text: string): string {
  return text
    .replace(/\]\s*\(/g, (m) => `]${WJ}${m.slice(1)}`)
    .replace(/\[/g, `[${WJ}`)
    // Every `://`, whatever the scheme: matching the scheme too took quadratic time on long words.
    .replace(/:\/\//g, `:${WJ}//`)
    // Anywhere, not only after \b: GFM also links `www.` after `_` (a word character).
    .replace(/www\./gi, (m) => `${m.slice(0, 3)}${WJ}.`)
    .replace(/\b(mailto|tel|javascript|data):/gi, `$1${WJ}:`);
}

/**
 * Why: Adaptive Cards render no HTML and decode no entities (they would show as `&lt;`),
 * so tags, entities and links are broken with a word joiner instead: `<at>` can never
 * match a mention entity, `&lt;` never decodes, and no markdown link or URL is clickable.
 */
export function escapeCardText(text: string): string {
  return neutraliseLinks(text).replace(/</g, `<${WJ}`).replace(/&/g, `&${WJ}`).replace(/>/g, `${WJ}>`);
}

/** Why: only a well-formed AAD object id (GUID) or a `29:` Bot Framework id may be the target of a real mention. */
export function isMentionableId(userId: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId) || /^29:[A-Za-z0-9_\-.:]{1,256}$/.test(userId);
}

/** Why: the thread link button must be a plain https URL; anything else is dropped rather than opened. */
export function isSafeLinkUrl(url: string): boolean {
  return /^https:\/\/[^\s<>"]+$/.test(url) && url.length <= 2048;
}

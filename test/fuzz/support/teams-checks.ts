/**
 * What Teams would turn into a mention or a link, encoded as checks on a rendered
 * Adaptive Card (and on plain message text). What the checks rely on:
 *
 * - Microsoft's "Format cards in Teams": Markdown is supported in the Adaptive Card
 *   TextBlock text and in Fact.Title and Fact.Value; HTML is not supported in Adaptive
 *   Cards; the supported styles are bold, italic, lists and hyperlinks `[Title](url)`.
 *   Card-based mentions are `<at>name</at>` in that text, backed by an entity in the
 *   card's `msteams.entities`. So every TextBlock and fact is checked, an `<at>` tag may
 *   only be one of the card's own entities, and no `](` may form an inline link.
 * - Microsoft does not document which text Teams links by itself; the checks assume a
 *   CommonMark renderer (autolinks `<scheme:…>`, character references such as `&lt;` and
 *   `&#60;` decoded) with the GFM autolink extension (`www.` and `http(s)://` text
 *   linked), as markdown renderers commonly are, and as escape.ts assumes. The checks are
 *   stricter than GFM (which links `www.` only at a line start, after whitespace or after
 *   `*`, `_`, `~`, `(`): no `www.` and no `scheme://` anywhere, no `<` and no `&` that the
 *   escaper did not break with a word joiner (U+2060).
 * - Bot message text (not a card) is markdown with `<at>` tags and HTML entities, so
 *   there user text must be entity-escaped: `<` only in the message's own mention tags,
 *   `&` only as `&amp;`, `&lt;`, `&gt;`.
 * - Not checked: bare domains (`evil.example/path`) and e-mail addresses. Neither the
 *   Teams documentation nor CommonMark links them; GFM links e-mail addresses only, to
 *   mailto:, which opens nothing the sender did not type.
 */
/** A Bot Framework mention entity, as much of it as these checks read (the SDK stays in adapters/teams). */
interface Mention {
  text: string;
}

/** Any `scheme://` (GFM links http and https; stricter here). Only `://` is matched: a scheme pattern is quadratic on long words. */
const SCHEME_URL = /:\/\//;
const WWW = /www\./i;
const INLINE_LINK = /\]\s*\(/;
const DANGEROUS_SCHEME = /\b(mailto|tel|javascript|data):/i;

function linkProblems(text: string): string[] {
  const problems: string[] = [];
  const url = SCHEME_URL.exec(text);
  if (url) problems.push(`a URL Teams would link: ${JSON.stringify(url[0])}`);
  if (WWW.test(text)) problems.push('a www. address Teams would link');
  if (INLINE_LINK.test(text)) problems.push('a markdown link');
  const scheme = DANGEROUS_SCHEME.exec(text);
  if (scheme) problems.push(`a ${scheme[1]}: link`);
  return problems;
}

/**
 * Why: the card's own `<at>` tags are allowed. Each becomes a mention pill, which still
 * separates the text around it (`[x]` + pill + `(url)` is no link), and is not whitespace.
 */
function withoutOwnMentions(text: string, entities: readonly Mention[]): string {
  return entities.reduce((rest, e) => rest.split(e.text).join('\u0001'), text);
}

/** Why: problems in one markdown text of an Adaptive Card (TextBlock text, fact title or value). */
export function cardTextProblems(text: string, entities: readonly Mention[]): string[] {
  const rest = withoutOwnMentions(text, entities);
  const problems = linkProblems(rest);
  if (/<(?!\u2060)/.test(rest)) problems.push('a < that could open a tag or an autolink');
  if (/&(?!\u2060)/.test(rest)) problems.push('an & that could start a character reference');
  return problems;
}


/** Why: every markdown text in a card: TextBlocks and facts, in the body and inside ShowCard actions. */
export function markdownTexts(value: unknown, where = 'card'): Array<{ where: string; text: string }> {
  if (Array.isArray(value)) return value.flatMap((item, i) => markdownTexts(item, `${where}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Record<string, unknown>;
  const own: Array<{ where: string; text: string }> = [];
  if (node.type === 'TextBlock' && typeof node.text === 'string') own.push({ where: `${where}.text`, text: node.text });
  if (node.type === 'FactSet' && Array.isArray(node.facts)) {
    node.facts.forEach((f: { title: string; value: string }, i: number) => {
      own.push({ where: `${where}.facts[${i}].title`, text: f.title }, { where: `${where}.facts[${i}].value`, text: f.value });
    });
  }
  const children = Object.entries(node)
    .filter(([key]) => key !== 'facts' && key !== 'msteams')
    .flatMap(([key, item]) => markdownTexts(item, `${where}.${key}`));
  return [...own, ...children];
}

/** Why: every action anywhere in a card (top level and inside ShowCard cards). */
export function actions(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap(actions);
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Record<string, unknown>;
  const own = typeof node.type === 'string' && node.type.startsWith('Action.') ? [node] : [];
  return [...own, ...Object.values(node).flatMap(actions)];
}

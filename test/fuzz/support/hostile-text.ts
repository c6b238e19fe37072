/**
 * Generators of what people (and directory files) can put into PreLetter's text:
 * random unicode mixed with a dictionary of fragments that chat platforms read as
 * mentions, broadcasts, links, tags, entities or formatting, cut at random points so
 * a dangerous sequence can also straddle two segments of a card.
 */
import fc from 'fast-check';

/** Fragments that would notify, link, tag or reformat if a renderer let them through. */
export const DANGEROUS_FRAGMENTS = [
  // Slack broadcasts, mentions, channel links and links.
  '@here', '@channel', '@everyone', '@Here', '@CHANNEL', 'x@here.org', '<!here>', '<!channel>', '<!everyone>',
  '<!here|here>', '<!subteam^S123>', '<!subteam^S123|@team>', '<!date^1392734382^{date}|x>', '<@U123>', '<@W0ANA|ana>',
  '<#C123>', '<#C123|general>', '<https://evil.example|click>', '<https://evil.example>', '<mailto:eve@evil.example|mail>',
  // URLs, bare and in markdown, and pieces of them to be joined across segments.
  'https://evil.example', 'http://evil.example/x?a=1&b=2', 'HTTPS://EVIL.EXAMPLE', 'ftp://evil.example', 'www.evil.example',
  'WWW.evil.example', '_www.evil.example', '*www.evil.example*', '(www.evil.example)', 'evil.example/path', 'evil.com',
  '[x](https://evil.example)', '[x] (https://evil.example)', '[x](evil.example)', '[x]', '(https://evil.example)', '](', '[',
  '[x][1]\n\n[1]: https://evil.example', 'https:', '//evil.example', 'www', '.evil.example', 'w', 'ww.evil.example',
  'mailto:eve@evil.example', 'javascript:alert(1)', 'data:text/html,x', 'tel:+41220000000',
  // Teams mentions, HTML and entities.
  '<at>Name</at>', '<at>', '</at>', '<at id="0">Eve</at>', '&lt;', '&gt;', '&amp;', '&#60;', '&#x3C;', '&lt;at&gt;Eve&lt;/at&gt;',
  '<b>bold</b>', '<script>alert(1)</script>', '<a href="https://evil.example">x</a>', '<img src=x>', '<', '>', '&',
  // Invisible and direction-changing characters.
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u202d', '\u2066', '\u2069', '\u00ad',
  // Formatting and structure.
  '`', '```', '*', '**', '_', '~', '|', '>', '> quote', '# heading', '- item', '1. item', '\n', '\n\n', '\r\n', '\t', ' ',
  // PreLetter's own words.
  '/preletter', '/preletter status', 'PL-2026-0001', 'pl-2026-0001', 'PL-26-7', '@PreLetter',
  // Wide and combined characters, which clipping must not cut in half.
  '😀', '👩‍👩‍👧', '🇨🇭', 'é', 'e\u0301', '中文', 'עברית', 'العربية',
] as const;

const fragment = fc.constantFrom(...DANGEROUS_FRAGMENTS);
const anyUnicode = fc.string({ unit: 'binary', maxLength: 12 });
const controlCharacters = fc.string({ unit: 'binary-ascii', maxLength: 6 });
const words = fc.string({ unit: 'grapheme-ascii', maxLength: 12 });
/** A fragment repeated many times: long enough to make the renderers clip. */
const longRun = fc.tuple(fc.constantFrom('x', '😀', '&', '<', '@here ', 'é', 'https://evil.example '), fc.integer({ min: 50, max: 1600 })).map(([f, n]) => f.repeat(n));

const shortText = fc
  .array(fc.oneof({ weight: 6, arbitrary: fragment }, { weight: 2, arbitrary: anyUnicode }, { weight: 1, arbitrary: controlCharacters }, { weight: 2, arbitrary: words }), { maxLength: 10 })
  .map((parts) => parts.join(''));

/** Text as a person might type it: mostly dangerous fragments, with random unicode in between, now and then very long. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 14, arbitrary: shortText },
  { weight: 1, arbitrary: fc.tuple(shortText, longRun, shortText).map((parts) => parts.join('')) },
);

/** Non-empty hostile text, for fields the core always fills (titles, labels). */
export const hostileLabel: fc.Arbitrary<string> = hostileText.filter((t) => t.length > 0);

/** Why: cuts a text at random points, so one dangerous sequence can end up split over several segments. */
export function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => Math.min(text.length, Math.max(0, c))))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    // Never cut a surrogate pair: a segment is a JavaScript string a person could have typed.
    const at = /[\ud800-\udbff]/.test(text.charAt(point - 1)) ? point - 1 : point;
    if (at <= from) continue;
    pieces.push(text.slice(from, at));
    from = at;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** Hostile text cut into consecutive pieces. */
export const hostilePieces: fc.Arbitrary<string[]> = fc
  .tuple(hostileText, fc.array(fc.nat({ max: 400 }), { maxLength: 4 }))
  .map(([text, cuts]) => splitAt(text, cuts));

/**
 * How a report's numbers read in each language: a share as a whole percentage and days with
 * at most one decimal, with the language's own separators ("67%", "1.5" in English; "1,5" in
 * French and Spanish), so the card, the HTML page and every language agree on one rounding.
 */
import type { Formats, Language } from './format';

/** The same locales format.ts formats moments in: English as in Geneva, Swiss French, Spanish of Spain. */
const TAGS: Record<Language, string> = { en: 'en-GB', fr: 'fr-CH', es: 'es-ES' };

const formats = new Map<string, Intl.NumberFormat>();

function format(language: Language, kind: 'percent' | 'days'): Intl.NumberFormat {
  const key = `${kind}|${language}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.NumberFormat(TAGS[language], kind === 'percent' ? { style: 'percent', maximumFractionDigits: 0 } : { maximumFractionDigits: 1 });
    formats.set(key, found);
  }
  return found;
}

/** Why: a share (0 to 1) as the reader writes a percentage. */
export function percent(f: Pick<Formats, 'language'>, share: number): string {
  return format(f.language, 'percent').format(share);
}

/** Why: a number of days as the reader writes it, one decimal at most; a dash where there is nothing to measure. */
export function days(f: Pick<Formats, 'language'>, value: number | null): string {
  return value === null ? '–' : format(f.language, 'days').format(value);
}

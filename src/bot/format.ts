/**
 * The name of a time zone at an instant, so every moment PreLetter shows says which
 * clock it is on. The words around moments live in the catalogue (messages/).
 */

const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IE', 'en-SG', 'en-AU', 'en-IN'];
const ZONE_NAME: Intl.DateTimeFormatOptions = { timeZoneName: 'short' };

/**
 * Building an Intl formatter costs about a millisecond and a status list names dozens
 * of moments, so formatters are kept by locale and zone (there are few of each).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneNameIn(at: Date, locale: string, zone: string): string {
  const key = `${locale}|${zone}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...ZONE_NAME, timeZone: zone });
    formatters.set(key, found);
  }
  return found.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** A zone's short name at an instant (CEST, PDT, SGT…) from the first English locale that has one; else GMT+n. */
export function zoneAbbreviation(at: Date, zone: string): string {
  let last = '';
  for (const locale of ABBREVIATION_LOCALES) {
    last = zoneNameIn(at, locale, zone);
    if (!/^(GMT|UTC)[+-]/.test(last)) return last;
  }
  return last;
}

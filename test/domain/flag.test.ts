import { flagStatus, formatFlagRef, routeFlag } from '../../src/domain/flag';
import type { Mandate } from '../../src/domain/types';

const mandate = (key: string, topics: string[]): Mandate => ({ key, title: key, timeZone: 'Europe/Zurich', team: [], topics });
const MANDATES = [mandate('sr-expression', ['content-moderation', 'surveillance']), mandate('sr-privacy', ['Surveillance', 'data-protection']), mandate('sr-slavery', ['forced-labour'])];

describe('routing a flag', () => {
  it('goes to every mandate whose topics match, whatever their case and spacing', () => {
    expect(routeFlag(MANDATES, [' surveillance '])).toEqual({ mandateKeys: ['sr-expression', 'sr-privacy'], toAdmins: false, matchedTopics: ['surveillance'] });
  });

  it('goes to the mandate the company named when its topics match, and only there', () => {
    expect(routeFlag(MANDATES, ['surveillance'], 'sr-privacy')).toEqual({ mandateKeys: ['sr-privacy'], toAdmins: false, matchedTopics: ['surveillance'] });
  });

  it('goes by topic when the named mandate does not cover the flag, so a company cannot send it where it does not belong', () => {
    expect(routeFlag(MANDATES, ['forced-labour'], 'sr-expression').mandateKeys).toEqual(['sr-slavery']);
    expect(routeFlag(MANDATES, ['forced-labour'], 'no-such-mandate').mandateKeys).toEqual(['sr-slavery']);
  });

  it('goes to the admins when no mandate covers any of its topics', () => {
    expect(routeFlag(MANDATES, ['elections'])).toEqual({ mandateKeys: [], toAdmins: true, matchedTopics: [] });
  });

  it('numbers flags in their own series and derives their status from their facts', () => {
    expect(formatFlagRef(2026, 7)).toBe('FL-2026-0007');
    expect(flagStatus({})).toBe('awaiting-ack');
    expect(flagStatus({ acknowledged: { at: new Date(0), by: 'mara', mandateKey: 'sr-expression' } })).toBe('acknowledged');
  });
});

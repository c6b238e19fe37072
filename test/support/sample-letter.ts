/** One stored-letter shape for store and CLI tests: a fictional letter previewed on 1 March 2026. */
import type { Letter } from '../../src/domain/types';

/** Noon-ish UTC on day `n` of March 2026, the month the sample letters live in. */
export const day = (n: number): Date => new Date(Date.UTC(2026, 2, n, 9, 0, 0));

/** Why: tests name only what they are about (a fact, the routing) and share the rest. */
export function sampleLetter(ref: string, overrides: Partial<Letter> = {}): Letter {
  return {
    ref,
    type: 'AL',
    urgent: false,
    mandateKey: 'sr-privacy',
    companyKey: 'acme',
    topics: ['privacy'],
    summary: 'Confidential summary of the allegation.',
    expectedFormalDate: '2026-04-01',
    routing: { owners: ['bob'], backups: ['carol'], escalation: ['dave'], unrouted: false, matchedTopics: ['privacy'] },
    previewed: { at: day(1), by: 'alice' },
    threads: [],
    audit: [{ at: day(1), by: 'alice', action: 'previewed' }],
    ...overrides,
  };
}

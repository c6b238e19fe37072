/**
 * The letters, flags and calls for input the report tests count, in the real store: three
 * letters previewed in the first quarter of 2026 (one replied in time, one overdue, one only
 * acknowledged, for a company whose name is markup) and one from December 2025; three flags
 * raised in the quarter (one acknowledged in time, one late, one to the admins only and never
 * acknowledged) and one from November 2025 still awaiting; two calls published in the quarter
 * (five companies asked: two answered in time, one late, one never, one not yet due) and two
 * from the autumn of 2025 (one still missing an answer, one closed); reported on 2 April 2026.
 */
import { callDeadline, type CallAnswer, type CallForInput } from '../../src/domain/call';
import type { LocalDate } from '../../src/domain/calendar';
import type { Flag } from '../../src/domain/flag';
import type { Company, Letter } from '../../src/domain/types';
import type { Store } from '../../src/store';
import { TEST_DIRECTORY } from './test-directory';

/** The letters' and flags' summary: a report must never show it. */
export const SECRET = 'Confidential summary: never in a report.';
/** The moment the reports are made. */
export const NOW = new Date('2026-04-02T09:00:00Z');
/** A company whose name is markup, so every page escapes it. */
export const HOSTILE: Company = { key: 'initech', name: 'Initech <b>"&" Co</b>', aliases: [], channels: [], defaultContacts: [], escalationContacts: [], urgentLine: [], routes: [] };

/** A letter with the facts a test names (dates in UTC), its audit trail following them. */
export function reportLetter(ref: string, companyKey: string, facts: Partial<Record<'previewed' | 'acknowledged' | 'formalSent' | 'replied', string>>): Letter {
  const set = (name: keyof typeof facts, by: string) => (facts[name] ? { [name]: { at: new Date(facts[name]!), by } } : {});
  const actions = { previewed: 'previewed', acknowledged: 'acknowledged', formalSent: 'formal-sent', replied: 'replied' } as const;
  return {
    ref,
    type: 'AL',
    urgent: false,
    mandateKey: 'sr-expression',
    companyKey,
    topics: ['content-moderation'],
    summary: SECRET,
    routing: { owners: ['ana'], backups: ['bea'], escalation: [], unrouted: false, matchedTopics: ['content-moderation'] },
    previewed: { at: new Date(facts.previewed!), by: 'mara' },
    ...set('acknowledged', 'ana'),
    ...set('formalSent', 'tom'),
    ...set('replied', 'mara'),
    threads: [],
    audit: (Object.keys(actions) as Array<keyof typeof actions>)
      .filter((name) => facts[name])
      .map((name) => ({ at: new Date(facts[name]!), by: name === 'acknowledged' ? 'ana' : name === 'formalSent' ? 'tom' : 'mara', action: actions[name] })),
  };
}

/** A flag raised by a company's person (dates in UTC), to the mandates named (none: to the admins), acknowledged when a date is given. */
export function reportFlag(ref: string, companyKey: string, mandateKeys: string[], raised: string, acknowledged?: string): Flag {
  return {
    ref,
    companyKey,
    topics: ['content-moderation'],
    summary: SECRET,
    urgent: false,
    routing: { mandateKeys, toAdmins: mandateKeys.length === 0, matchedTopics: mandateKeys.length > 0 ? ['content-moderation'] : [] },
    raised: { at: new Date(raised), by: 'ana' },
    ...(acknowledged ? { acknowledged: { at: new Date(acknowledged), by: 'mara', mandateKey: mandateKeys[0] ?? '' } } : {}),
    threads: [],
  };
}

/**
 * Flags, all raised on a Monday at 10:00 in Geneva, so the admins are told the next Monday at
 * 09:00: one acknowledged the next day (in time), one two weeks later (late), one to the admins
 * only and never acknowledged, and one from November 2025 never acknowledged (awaiting now).
 */
export const REPORT_FLAGS: Flag[] = [
  reportFlag('FL-2025-0007', 'northwind', ['sr-expression'], '2025-11-03T09:00:00Z'),
  reportFlag('FL-2026-0001', 'northwind', ['sr-expression'], '2026-01-12T09:00:00Z', '2026-01-13T09:00:00Z'),
  reportFlag('FL-2026-0002', 'kestrel', ['sr-expression'], '2026-02-02T09:00:00Z', '2026-02-16T09:00:00Z'),
  reportFlag('FL-2026-0003', 'initech', [], '2026-03-02T09:00:00Z'),
];

/** What a company said to a call: each answer in order (dates in UTC); none when it never answered. */
export type CallAnswers = Record<string, Array<[CallAnswer, string]>>;

/** A call of sr-expression whose title is SECRET, due by the end of `deadline` in Geneva, to the companies named, with their answers in order. */
export function reportCall(ref: string, published: string, deadline: LocalDate, answers: CallAnswers, options: { mandateKey?: string; closed?: string } = {}): CallForInput {
  const history = Object.entries(answers)
    .flatMap(([companyKey, said]) => said.map(([answer, iso]) => ({ companyKey, answer, at: new Date(iso), by: 'ana' })))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const latest = Object.entries(answers).flatMap(([companyKey, said]) => (said.length > 0 ? [[companyKey, said[said.length - 1]!] as const] : []));
  return {
    ref,
    mandateKey: options.mandateKey ?? 'sr-expression',
    title: SECRET,
    link: 'https://example.org/calls/secret',
    topics: ['content-moderation'],
    deadline: callDeadline(deadline, 'Europe/Zurich'),
    published: { at: new Date(published), by: 'mara' },
    recipients: Object.keys(answers).map((companyKey) => ({ companyKey, owners: ['ana'], matchedTopics: ['content-moderation'] })),
    answers: Object.fromEntries(latest.map(([companyKey, [answer, iso]]) => [companyKey, { answer, at: new Date(iso), by: 'ana' }])),
    history,
    ...(options.closed ? { closed: { at: new Date(options.closed), by: 'mara' } } : {}),
  };
}

/**
 * Calls of sr-expression: in the quarter, one to Northwind (will contribute the next day, then
 * submitted: in time), Kestrel (declined five days late) and Initech (never: missing now), and one
 * to Northwind (submitted in two days) and Kestrel (not due until 30 April); from the autumn, one
 * Kestrel never answered (missing now) and one closed before Northwind answered (left out).
 */
export const REPORT_CALLS: CallForInput[] = [
  reportCall('CI-2025-0004', '2025-10-01T08:00:00Z', '2025-11-15', { northwind: [['submitted', '2025-10-20T08:00:00Z']], kestrel: [] }),
  reportCall('CI-2025-0005', '2025-11-03T09:00:00Z', '2025-12-01', { northwind: [] }, { closed: '2025-11-20T09:00:00Z' }),
  reportCall('CI-2026-0001', '2026-01-15T09:00:00Z', '2026-02-15', {
    northwind: [
      ['contribute', '2026-01-16T09:00:00Z'],
      ['submitted', '2026-02-10T09:00:00Z'],
    ],
    kestrel: [['declined', '2026-02-20T09:00:00Z']],
    initech: [],
  }),
  reportCall('CI-2026-0002', '2026-03-10T09:00:00Z', '2026-04-30', { northwind: [['submitted', '2026-03-12T09:00:00Z']], kestrel: [] }),
];

/** Three letters in the first quarter of 2026 (one replied in time, one overdue, one only acknowledged) and one from 2025, REPORT_FLAGS and REPORT_CALLS. */
export async function seedReportStore(store: Store): Promise<void> {
  await store.directory.apply({ ...TEST_DIRECTORY, companies: [...TEST_DIRECTORY.companies, HOSTILE] });
  for (const letter of [
    reportLetter('PL-2025-0009', 'northwind', { previewed: '2025-12-01T09:00:00Z', formalSent: '2025-12-02T09:00:00Z', replied: '2025-12-20T09:00:00Z' }),
    reportLetter('PL-2026-0001', 'northwind', { previewed: '2026-01-05T09:00:00Z', acknowledged: '2026-01-06T09:00:00Z', formalSent: '2026-01-10T10:00:00Z', replied: '2026-02-09T10:00:00Z' }),
    reportLetter('PL-2026-0002', 'kestrel', { previewed: '2026-01-20T09:00:00Z', formalSent: '2026-01-21T09:00:00Z' }),
    reportLetter('PL-2026-0003', 'initech', { previewed: '2026-03-01T09:00:00Z', acknowledged: '2026-03-03T09:00:00Z' }),
  ]) {
    await store.letters.create(letter);
  }
  for (const flag of REPORT_FLAGS) await store.flags.create(flag);
  for (const call of REPORT_CALLS) await store.calls.create(call);
}

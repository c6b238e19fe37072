import {
  callDeadline,
  callStatus,
  firstAnswerOf,
  formatCallRef,
  isCallLink,
  isCallRef,
  latestCallReminders,
  nextCallReminderAt,
  planCallReminders,
  routeCall,
  type CallForInput,
  type CallScheduleContext,
} from '../../src/domain/call';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import type { Company } from '../../src/domain/types';
import { local, person } from './fixtures';

const SLACK = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C-north' };
const TEAMS = { platform: 'teams' as const, workspaceId: 'tenant', channelId: '19:x@thread.tacv2' };

const company = (key: string, routes: Company['routes'], extra: Partial<Company> = {}): Company => ({
  key, name: key, aliases: [], channels: [], defaultContacts: ['boss'], escalationContacts: [], urgentLine: [], routes, ...extra,
});

const COMPANIES = [
  company('northwind', [
    { topics: ['Content-Moderation', 'surveillance'], owners: ['ana', 'wei'], backups: ['bea'] },
    { topics: ['content-moderation'], owners: ['carl'], backups: [] },
  ], { channels: [TEAMS, SLACK], timeZone: 'America/Los_Angeles' }),
  company('kestrel', [{ topics: ['surveillance'], owners: ['kai', 'lin'], backups: [] }], { timeZone: 'Europe/Dublin' }),
  company('initech', [{ topics: ['forced-labour'], owners: ['ivy'], backups: [] }]),
];

describe('routing a call for input', () => {
  it('goes to every company with a route on one of its topics, once, with the owners of its most specific route', () => {
    expect(routeCall(COMPANIES, [' content-moderation ', 'surveillance'])).toEqual([
      { companyKey: 'northwind', owners: ['ana', 'wei'], matchedTopics: [' content-moderation ', 'surveillance'], channel: TEAMS },
      { companyKey: 'kestrel', owners: ['kai', 'lin'], matchedTopics: ['surveillance'] },
    ]);
    expect(routeCall(COMPANIES, ['content-moderation'])[0]!.owners).toEqual(['carl']);
  });

  it('never sends a call to a company none of whose routes covers its topics, even one with default contacts', () => {
    expect(routeCall(COMPANIES, ['elections'])).toEqual([]);
    expect(routeCall(COMPANIES, ['forced-labour']).map((r) => r.companyKey)).toEqual(['initech']);
  });

  it('puts the card in the first bound channel that can be posted in', () => {
    expect(routeCall(COMPANIES, ['surveillance'], (c) => c.platform === 'slack')[0]!.channel).toEqual(SLACK);
    expect(routeCall(COMPANIES, ['surveillance'], () => false)[0]).not.toHaveProperty('channel');
  });
});

describe('a call’s reference, link, deadline and status', () => {
  it('numbers calls in their own series, told apart from letters and flags by shape', () => {
    expect(formatCallRef(2026, 7)).toBe('CI-2026-0007');
    expect([isCallRef('CI-2026-0007'), isCallRef('CI-2026-12345'), isCallRef('PL-2026-0007'), isCallRef('FL-2026-0007'), isCallRef('ci-2026-0007')]).toEqual([true, true, false, false, false]);
  });

  it('accepts only plain https links with a host', () => {
    expect(isCallLink('https://www.ohchr.org/en/calls-for-input/2026/x?lang=fr#top')).toBe(true);
    for (const bad of ['http://www.ohchr.org/x', 'javascript:alert(1)', 'https://user:pw@ohchr.org/', 'https://ohchr.org/a b', 'www.ohchr.org', '', `https://ohchr.org/${'a'.repeat(2000)}`]) {
      expect([bad.slice(0, 30), isCallLink(bad)]).toEqual([bad.slice(0, 30), false]);
    }
  });

  it('ends the deadline day at midnight in the mandate’s zone, summer and winter', () => {
    expect(callDeadline('2026-03-20', 'Europe/Zurich').toISOString()).toBe('2026-03-20T22:59:59.999Z');
    expect(callDeadline('2026-04-30', 'Europe/Zurich').toISOString()).toBe('2026-04-30T21:59:59.999Z');
    expect(callDeadline('2026-04-30', 'America/New_York').toISOString()).toBe('2026-05-01T03:59:59.999Z');
  });

  it('is open until its deadline, past it after, and closed once withdrawn', () => {
    const deadline = new Date('2026-04-30T21:59:59.999Z');
    expect(callStatus({ deadline }, new Date('2026-04-30T21:59:59.999Z'))).toBe('open');
    expect(callStatus({ deadline }, new Date('2026-04-30T22:00:00Z'))).toBe('past-deadline');
    expect(callStatus({ deadline, closed: { at: new Date(0), by: 'mara' } }, new Date('2026-03-01T00:00:00Z'))).toBe('closed');
  });

  it('tells when a company first answered, whatever it answered later', () => {
    const history = [
      { companyKey: 'kestrel', answer: 'contribute' as const, at: new Date('2026-03-05T10:00:00Z'), by: 'kai' },
      { companyKey: 'kestrel', answer: 'submitted' as const, at: new Date('2026-04-01T10:00:00Z'), by: 'lin' },
    ];
    expect(firstAnswerOf({ history }, 'kestrel')?.at).toEqual(new Date('2026-03-05T10:00:00Z'));
    expect(firstAnswerOf({ history }, 'northwind')).toBeUndefined();
  });
});

describe('a call’s reminders', () => {
  // Deadline: Monday 13 April 2026, end of day in Geneva (21:59:59 UTC).
  const base: CallForInput = {
    ref: 'CI-2026-0003',
    mandateKey: 'sr-expression',
    title: 'Elections',
    link: 'https://www.ohchr.org/x',
    topics: ['surveillance'],
    deadline: callDeadline('2026-04-13', 'Europe/Zurich'),
    published: { at: new Date('2026-03-03T08:00:00Z'), by: 'mara' },
    recipients: [
      { companyKey: 'northwind', owners: ['ana'], matchedTopics: ['surveillance'], channel: SLACK },
      { companyKey: 'kestrel', owners: ['kai', 'wei'], matchedTopics: ['surveillance'] },
    ],
    answers: {},
    history: [],
  };
  const ctx: CallScheduleContext = {
    policy: DEFAULT_POLICY,
    companies: new Map(COMPANIES.map((c) => [c.key, c])),
    people: new Map([['kai', person('kai', 'Europe/Dublin')], ['wei', person('wei', 'Asia/Singapore')]]),
  };
  const zones: Record<string, string> = { northwind: 'America/Los_Angeles', 'kestrel/kai': 'Europe/Dublin', 'kestrel/wei': 'Asia/Singapore' };
  const read = (call: CallForInput, until = call.deadline) =>
    planCallReminders(call, ctx, until).map((r) => {
      const who = r.via === 'channel' ? r.companyKey : `${r.companyKey}/${r.recipientKey}`;
      return `${r.kind} ${r.step} ${who} @ ${local(r.dueAt, zones[who]!)}`;
    });

  it('counts down in the company’s channel at 09:00 its time, brings weekend marks forward and keeps one when two meet', () => {
    expect(read(base).filter((line) => line.includes(' northwind '))).toEqual([
      'countdown 30d northwind @ Fri 2026-03-13 09:00',
      'countdown 14d northwind @ Mon 2026-03-30 09:00',
      'countdown 7d northwind @ Mon 2026-04-06 09:00',
      'countdown 1d northwind @ Fri 2026-04-10 09:00',
      'due-day due northwind @ Mon 2026-04-13 09:00',
    ]);
  });

  it('reminds each owner of a company without a channel in their own zone, Singapore on Monday though its deadline day is Tuesday', () => {
    const wei = read(base).filter((line) => line.includes('kestrel/wei'));
    // Its 1-day mark and its due day meet on Monday morning: only the due day is kept.
    expect(wei.slice(-2)).toEqual(['countdown 3d kestrel/wei @ Fri 2026-04-10 09:00', 'due-day due kestrel/wei @ Mon 2026-04-13 09:00']);
    expect(read(base).filter((line) => line.includes('kestrel/kai'))).toHaveLength(5);
    const due = planCallReminders(base, ctx, base.deadline).filter((r) => r.kind === 'due-day');
    expect(due.every((r) => r.dueAt < base.deadline)).toBe(true);
  });

  it('names each reminder by call, kind, step and company (and owner, for a direct message)', () => {
    const keys = planCallReminders(base, ctx, base.deadline).map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['CI-2026-0003:countdown:30d:northwind', 'CI-2026-0003:due-day:due:kestrel/wei']));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('stops for a company once it has submitted or declined, but not when it only said it will contribute', () => {
    const answered = (answer: 'contribute' | 'submitted' | 'declined') => ({ ...base, answers: { northwind: { answer, at: new Date('2026-03-04T10:00:00Z'), by: 'ana' } } });
    expect(read(answered('contribute')).filter((l) => l.includes(' northwind '))).toHaveLength(5);
    expect(read(answered('submitted')).filter((l) => l.includes(' northwind '))).toEqual([]);
    expect(read(answered('declined')).filter((l) => l.includes(' northwind '))).toEqual([]);
    expect(read(answered('declined')).filter((l) => l.includes('kestrel'))).toHaveLength(10);
  });

  it('plans nothing once the call is closed', () => {
    expect(planCallReminders({ ...base, closed: { at: new Date('2026-03-05T10:00:00Z'), by: 'tom' } }, ctx, base.deadline)).toEqual([]);
  });

  it('skips marks already past at publication, and plans only what is due by the given instant', () => {
    const late = { ...base, published: { at: new Date('2026-04-01T12:00:00Z'), by: 'mara' } };
    expect(read(late).filter((l) => l.includes(' northwind ')).map((l) => l.split(' @')[0])).toEqual(['countdown 7d northwind', 'countdown 1d northwind', 'due-day due northwind']);
    expect(read(base, new Date('2026-03-20T00:00:00Z'))).toEqual([
      'countdown 30d kestrel/wei @ Fri 2026-03-13 09:00',
      'countdown 30d kestrel/kai @ Fri 2026-03-13 09:00',
      'countdown 30d northwind @ Fri 2026-03-13 09:00',
    ]);
  });

  it('reads the default zone for a company gone from the directory', () => {
    const gone: CallScheduleContext = { ...ctx, companies: new Map() };
    const first = planCallReminders(base, gone, base.deadline).find((r) => r.companyKey === 'northwind')!;
    expect(local(first.dueAt, 'Europe/Zurich')).toBe('Fri 2026-03-13 09:00');
  });

  it('gives the next reminder strictly after an instant, and none after the last', () => {
    expect(nextCallReminderAt(base, ctx, base.published.at)).toEqual(planCallReminders(base, ctx, base.deadline)[0]!.dueAt);
    expect(nextCallReminderAt(base, ctx, base.deadline)).toBeNull();
  });

  it('keeps only the latest due step per recipient when a sweep finds several at once', () => {
    const due = planCallReminders(base, ctx, new Date('2026-04-07T12:00:00Z'));
    expect(latestCallReminders(due).map((r) => r.key).sort()).toEqual([
      'CI-2026-0003:countdown:7d:kestrel/kai',
      'CI-2026-0003:countdown:7d:kestrel/wei',
      'CI-2026-0003:countdown:7d:northwind',
    ]);
  });
});

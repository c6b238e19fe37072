/** A flag's deliveries as pure rules: publication, the team's reminders, the admins told, all from its facts. */
import type { Flag } from '../../src/domain/flag';
import { nextFlagDueAt, planFlagDeliveries, type FlagScheduleContext } from '../../src/domain/flag-schedule';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import type { Mandate } from '../../src/domain/types';

const CHANNEL = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C0MANDATE' };
const withChannel: Mandate = { key: 'sr-fe', title: 'SR FE', timeZone: 'Europe/Zurich', team: ['mara', 'tom'], topics: ['surveillance'], channel: CHANNEL };
const noChannel: Mandate = { key: 'ie-ai', title: 'IE AI', timeZone: 'America/New_York', team: ['lee'], topics: ['surveillance'] };

// Tuesday 3 March 2026, 09:00 in Geneva.
const RAISED = new Date('2026-03-03T08:00:00Z');

function flag(overrides: Partial<Flag> = {}): Flag {
  return {
    ref: 'FL-2026-0001',
    companyKey: 'northwind',
    topics: ['surveillance'],
    summary: 'x',
    urgent: false,
    routing: { mandateKeys: ['sr-fe', 'ie-ai'], toAdmins: false, matchedTopics: ['surveillance'] },
    raised: { at: RAISED, by: 'ana' },
    threads: [],
    ...overrides,
  };
}

const ctx = (overrides: Partial<FlagScheduleContext> = {}): FlagScheduleContext => ({
  policy: DEFAULT_POLICY,
  mandates: new Map([withChannel, noChannel].map((m) => [m.key, m])),
  adminKeys: ['root'],
  ...overrides,
});

const FAR = new Date('2026-06-01T00:00:00Z');
const keysOf = (f: Flag, c = ctx(), until = FAR) => planFlagDeliveries(f, c, until).map((d) => `${d.key}@${d.dueAt.toISOString()}`);

describe('a flag’s deliveries', () => {
  it('post the card in a mandate’s own channel, send it to each member of a team without one, and remind each on the flag clocks', () => {
    expect(keysOf(flag())).toEqual([
      'FL-2026-0001:flag-post:1:sr-fe@2026-03-03T08:00:00.000Z',
      'FL-2026-0001:flag-dm:1@ie-ai:lee@2026-03-03T08:00:00.000Z',
      // One business day: Wednesday 09:00 in each mandate's zone.
      'FL-2026-0001:flag-reminder:1:sr-fe@2026-03-04T08:00:00.000Z',
      'FL-2026-0001:flag-reminder:1@ie-ai:lee@2026-03-04T14:00:00.000Z',
      'FL-2026-0001:flag-reminder:2:sr-fe@2026-03-05T08:00:00.000Z',
      'FL-2026-0001:flag-reminder:2@ie-ai:lee@2026-03-05T14:00:00.000Z',
      // Five business days: the next Tuesday, in the default zone, to every admin.
      'FL-2026-0001:flag-escalation:1:root@2026-03-10T08:00:00.000Z',
    ]);
  });

  it('stop reminding once someone acknowledged the flag, and do not post a card that is already in the channel', () => {
    const posted = flag({
      acknowledged: { at: RAISED, by: 'mara', mandateKey: 'sr-fe' },
      threads: [{ platform: 'slack', channel: CHANNEL, threadRef: 't', rootMessageRef: 'm' }],
    });
    expect(keysOf(posted)).toEqual(['FL-2026-0001:flag-dm:1@ie-ai:lee@2026-03-03T08:00:00.000Z']);
  });

  it('count an urgent flag’s steps in elapsed hours, weekends included', () => {
    const friday = new Date('2026-03-06T21:00:00Z');
    const dues = planFlagDeliveries(flag({ urgent: true, raised: { at: friday, by: 'ana' } }), ctx(), FAR)
      .filter((d) => d.kind !== 'flag-post' && d.kind !== 'flag-dm')
      .map((d) => `${d.kind}:${d.step}:${d.dueAt.toISOString()}`);
    expect(dues).toEqual([
      'flag-reminder:1:2026-03-06T23:00:00.000Z',
      'flag-reminder:1@ie-ai:2026-03-06T23:00:00.000Z',
      'flag-reminder:2:2026-03-07T01:00:00.000Z',
      'flag-reminder:2@ie-ai:2026-03-07T01:00:00.000Z',
      'flag-escalation:1:2026-03-07T05:00:00.000Z',
    ]);
  });

  it('follow the flag clocks, set apart from the letters’ acknowledgement clocks', () => {
    const policy = { ...DEFAULT_POLICY, normal: { ...DEFAULT_POLICY.normal, remindAfterBusinessDays: 9 }, flag: { ...DEFAULT_POLICY.flag, normal: { remindAfterBusinessDays: 3, remindAgainAfterBusinessDays: 4, escalateAdminsAfterBusinessDays: 6 } } };
    const steps = planFlagDeliveries(flag({ routing: { mandateKeys: ['sr-fe'], toAdmins: false, matchedTopics: [] } }), ctx({ policy }), FAR).map((d) => `${d.kind}:${d.dueAt.toISOString()}`);
    expect(steps).toEqual([
      'flag-post:2026-03-03T08:00:00.000Z',
      'flag-reminder:2026-03-06T08:00:00.000Z',
      'flag-reminder:2026-03-09T08:00:00.000Z',
      'flag-escalation:2026-03-11T08:00:00.000Z',
    ]);
  });

  it('send a flag no mandate covers to every admin, and remind the admins, with nobody above them to tell', () => {
    const unrouted = flag({ routing: { mandateKeys: [], toAdmins: true, matchedTopics: [] } });
    expect(keysOf(unrouted, ctx({ adminKeys: ['root', 'sam'] })).map((k) => k.split('@')[0])).toEqual([
      'FL-2026-0001:flag-admins:1:root',
      'FL-2026-0001:flag-admins:1:sam',
      'FL-2026-0001:flag-reminder:1:root',
      'FL-2026-0001:flag-reminder:1:sam',
      'FL-2026-0001:flag-reminder:2:root',
      'FL-2026-0001:flag-reminder:2:sam',
    ]);
  });

  it('skip a mandate gone from the directory, and say when the flag next needs a look', () => {
    const only = ctx({ mandates: new Map([[noChannel.key, noChannel]]) });
    expect(keysOf(flag(), only).some((k) => k.includes('sr-fe'))).toBe(false);
    expect(nextFlagDueAt(flag(), only, RAISED)?.toISOString()).toBe('2026-03-04T14:00:00.000Z');
    expect(nextFlagDueAt(flag({ acknowledged: { at: RAISED, by: 'lee', mandateKey: 'ie-ai' } }), only, RAISED)).toBeNull();
  });
});

import { DEFAULT_POLICY } from '../../src/domain/policy';
import { dueDeliveries, nextDueAt, planDeliveries, type ScheduleContext } from '../../src/domain/schedule';
import type { Letter } from '../../src/domain/types';
import { company, fact, letter, local, mandate, person } from './fixtures';

const LA = 'America/Los_Angeles';
const SINGAPORE = 'Asia/Singapore';
const ZURICH = 'Europe/Zurich';
const LONDON = 'Europe/London';
const zones: Record<string, string> = { ana: LA, wei: SINGAPORE, bea: ZURICH, eva: LONDON };

const ctx: ScheduleContext = {
  policy: DEFAULT_POLICY,
  mandate,
  company,
  people: new Map([
    ['ana', person('ana', LA)],
    ['wei', person('wei', SINGAPORE)],
    ['bea', person('bea')],
    ['eva', person('eva', LONDON)],
  ]),
};

/** Deliveries as "kind step recipient @ local time", the way a recipient would read them. */
function readable(letterToPlan: Letter, until: string, context = ctx): string[] {
  return planDeliveries(letterToPlan, context, new Date(until)).map(
    (d) => `${d.kind} ${d.step} ${d.recipientKey} @ ${local(d.dueAt, zones[d.recipientKey] ?? ZURICH)}`,
  );
}

/** Friday 6 March 2026, 10:30 in Zurich: 01:30 in Los Angeles, 17:30 in Singapore. */
const fridayPreview = '2026-03-06T09:30:00Z';
/** Sent Thursday 12 February 2026, so the deadline is Monday 13 April 23:59:59.999 in Zurich. */
const formal = {
  acknowledged: fact('2026-02-11T10:00:00Z', 'ana'),
  formalSent: fact('2026-02-12T09:00:00Z', 'mara'),
};
const deadline = new Date('2026-04-13T21:59:59.999Z');

describe('acknowledgement nudges', () => {
  it('reminds and escalates a Friday preview at 09:00 local on each recipient’s working days', () => {
    expect(readable(letter(fridayPreview), '2026-03-20T00:00:00Z')).toEqual([
      'ack-reminder 1 ana @ Mon 2026-03-09 09:00',
      'ack-reminder 1 wei @ Tue 2026-03-10 09:00',
      'ack-escalation-backups 1 bea @ Tue 2026-03-10 09:00',
      'ack-escalation-executive 1 eva @ Fri 2026-03-13 09:00',
    ]);
  });

  it('keeps the Los Angeles reminder at 09:00 local across the US DST change', () => {
    const [first] = planDeliveries(letter(fridayPreview), ctx, new Date('2026-03-20T00:00:00Z'));
    expect(first).toEqual({
      key: 'PL-2026-0007:ack-reminder:1:ana',
      letterRef: 'PL-2026-0007',
      kind: 'ack-reminder',
      step: '1',
      recipientKey: 'ana',
      dueAt: new Date('2026-03-09T16:00:00Z'),
    });
  });

  it('counts an urgent appeal in hours from the preview, ignoring nights and weekends', () => {
    const saturdayNight = '2026-03-07T22:00:00Z';
    const plan = planDeliveries(letter(saturdayNight, { type: 'UA' }), ctx, new Date('2026-03-09T00:00:00Z'));
    expect(plan.map((d) => `${d.kind} ${d.recipientKey} ${d.dueAt.toISOString()}`)).toEqual([
      'ack-reminder ana 2026-03-08T00:00:00.000Z',
      'ack-reminder wei 2026-03-08T00:00:00.000Z',
      'ack-escalation-backups bea 2026-03-08T02:00:00.000Z',
      'ack-escalation-executive eva 2026-03-08T06:00:00.000Z',
    ]);
  });

  it('treats a letter flagged urgent like an urgent appeal', () => {
    const plan = planDeliveries(letter(fridayPreview, { urgent: true }), ctx, new Date('2026-03-06T11:30:00Z'));
    expect(plan.map((d) => d.key)).toEqual(['PL-2026-0007:ack-reminder:1:ana', 'PL-2026-0007:ack-reminder:1:wei']);
  });

  it('plans only what is due by the given instant', () => {
    expect(readable(letter(fridayPreview), '2026-03-10T01:00:00Z')).toEqual([
      'ack-reminder 1 ana @ Mon 2026-03-09 09:00',
      'ack-reminder 1 wei @ Tue 2026-03-10 09:00',
    ]);
  });

  it('stops acknowledgement nudges once the letter is acknowledged', () => {
    const acked = letter(fridayPreview, { acknowledged: fact('2026-03-06T12:00:00Z', 'ana') });
    expect(planDeliveries(acked, ctx, new Date('2026-06-01T00:00:00Z'))).toEqual([]);
  });

  it("uses a person's own zone, else their company's, else the default zone", () => {
    const owner = (timeZone: string | undefined, companyZone: string | undefined, defaultTimeZone: string) => {
      const context: ScheduleContext = {
        policy: { ...DEFAULT_POLICY, defaultTimeZone },
        mandate,
        company: { ...company, ...(companyZone ? { timeZone: companyZone } : {}) },
        people: new Map([['ana', person('ana', timeZone)]]),
      };
      const reminder = planDeliveries(letter(fridayPreview), context, new Date('2026-03-20T00:00:00Z')).find((d) => d.kind === 'ack-reminder' && d.recipientKey === 'ana')!;
      return reminder.dueAt.toISOString();
    };
    // Friday 10:30 in Zurich: the reminder is due at 09:00 on the next working day in the zone that applies.
    expect(owner(SINGAPORE, LA, ZURICH)).toBe('2026-03-10T01:00:00.000Z'); // Tuesday 09:00 Singapore (Friday there was already 17:30)
    expect(owner(undefined, LA, ZURICH)).toBe('2026-03-09T16:00:00.000Z'); // Monday 09:00 Los Angeles (PDT from 8 March)
    expect(owner(undefined, undefined, LONDON)).toBe('2026-03-09T09:00:00.000Z'); // Monday 09:00 London
  });

  it('plans only for the recipients an unrouted letter has', () => {
    const unrouted = letter(fridayPreview, {
      routing: { owners: [], backups: [], escalation: ['eva'], unrouted: true, matchedTopics: [] },
    });
    expect(readable(unrouted, '2026-06-01T00:00:00Z')).toEqual(['ack-escalation-executive 1 eva @ Fri 2026-03-13 09:00']);
  });
});

describe('reply countdown', () => {
  const sentLetter = letter('2026-02-11T09:00:00Z', formal);

  it('counts down at 09:00 local, brings weekend steps forward to Friday and never passes the deadline', () => {
    expect(readable(sentLetter, '2026-04-13T21:59:59.999Z')).toEqual([
      'countdown 30d wei @ Fri 2026-03-13 09:00',
      'countdown 30d ana @ Fri 2026-03-13 09:00',
      'countdown 14d ana @ Mon 2026-03-30 09:00',
      'countdown 14d wei @ Tue 2026-03-31 09:00',
      'countdown 7d ana @ Mon 2026-04-06 09:00',
      'countdown 7d wei @ Tue 2026-04-07 09:00',
      'countdown 3d wei @ Fri 2026-04-10 09:00',
      'countdown 1d ana @ Fri 2026-04-10 09:00',
      'due-day due wei @ Mon 2026-04-13 09:00',
      'due-day due ana @ Mon 2026-04-13 09:00',
    ]);
  });

  it('sends only the later step when a weekend move makes two steps land on the same morning', () => {
    const keys = planDeliveries(sentLetter, ctx, deadline).map((d) => d.key);
    expect(keys).toContain('PL-2026-0007:countdown:1d:ana');
    expect(keys).not.toContain('PL-2026-0007:countdown:3d:ana');
    expect(keys).toContain('PL-2026-0007:due-day:due:wei');
    expect(keys).not.toContain('PL-2026-0007:countdown:1d:wei');
  });

  it('sends Singapore its due-day nudge on Monday although its deadline day is Tuesday, before the deadline instant', () => {
    const dueDay = planDeliveries(sentLetter, ctx, deadline).find((d) => d.key === 'PL-2026-0007:due-day:due:wei');
    expect(dueDay?.dueAt).toEqual(new Date('2026-04-13T01:00:00Z'));
    expect(dueDay!.dueAt.getTime()).toBeLessThan(deadline.getTime());
  });

  it('keeps 09:00 Zurich time for countdown steps on both sides of the European DST change', () => {
    const zurichOwner = letter('2026-02-11T09:00:00Z', {
      ...formal,
      routing: { owners: ['bea'], backups: [], escalation: [], unrouted: false, matchedTopics: [] },
    });
    const plan = planDeliveries(zurichOwner, ctx, new Date('2026-04-01T00:00:00Z'));
    expect(plan.map((d) => `${d.step} ${d.dueAt.toISOString()}`)).toEqual([
      '30d 2026-03-13T08:00:00.000Z',
      '14d 2026-03-30T07:00:00.000Z',
    ]);
  });

  it('skips countdown steps that had already passed when the formal letter was sent', () => {
    const shortWindow = { ...ctx, policy: { ...DEFAULT_POLICY, responseWindowDays: 12 } };
    const zurichOwner = letter('2026-02-11T09:00:00Z', { ...formal, routing: { ...sentLetter.routing, owners: ['bea'], backups: [] } });
    expect(readable(zurichOwner, '2026-02-25T00:00:00Z', shortWindow)).toEqual([
      'countdown 7d bea @ Tue 2026-02-17 09:00',
      'countdown 3d bea @ Fri 2026-02-20 09:00',
      'countdown 1d bea @ Mon 2026-02-23 09:00',
      'due-day due bea @ Tue 2026-02-24 09:00',
    ]);
  });

  it('keeps acknowledgement nudges going after the formal letter until someone acknowledges', () => {
    const unacked = letter('2026-02-11T09:00:00Z', { formalSent: formal.formalSent });
    const kinds = new Set(planDeliveries(unacked, ctx, deadline).map((d) => d.kind));
    expect(kinds).toEqual(new Set(['ack-reminder', 'ack-escalation-backups', 'ack-escalation-executive', 'countdown', 'due-day']));
  });

  it('chases owners and backups the first working day after the deadline, then weekly', () => {
    const overdue = readable(sentLetter, '2026-04-29T00:00:00Z').filter((line) => line.startsWith('overdue'));
    expect(overdue).toEqual([
      'overdue w0 bea @ Tue 2026-04-14 09:00',
      'overdue w0 ana @ Tue 2026-04-14 09:00',
      'overdue w0 wei @ Wed 2026-04-15 09:00',
      'overdue w1 bea @ Tue 2026-04-21 09:00',
      'overdue w1 ana @ Tue 2026-04-21 09:00',
      'overdue w1 wei @ Wed 2026-04-22 09:00',
      'overdue w2 bea @ Tue 2026-04-28 09:00',
      'overdue w2 ana @ Tue 2026-04-28 09:00',
    ]);
  });

  it('moves a first overdue nudge that would fall on a weekend to Monday', () => {
    const fridayDeadline = letter('2026-02-01T09:00:00Z', {
      acknowledged: formal.acknowledged,
      formalSent: fact('2026-02-10T09:00:00Z', 'mara'),
      routing: { owners: ['bea'], backups: [], escalation: [], unrouted: false, matchedTopics: [] },
    });
    const overdue = readable(fridayDeadline, '2026-04-21T00:00:00Z').filter((line) => line.startsWith('overdue'));
    expect(overdue).toEqual(['overdue w0 bea @ Mon 2026-04-13 09:00', 'overdue w1 bea @ Mon 2026-04-20 09:00']);
  });

  it('runs the same countdown for urgent appeals', () => {
    const urgent = letter('2026-02-11T09:00:00Z', { ...formal, type: 'UA' });
    expect(planDeliveries(urgent, ctx, deadline)).toEqual(planDeliveries(sentLetter, ctx, deadline));
  });
});

describe('finished letters', () => {
  it.each([
    ['replied', { ...formal, replied: fact('2026-03-01T09:00:00Z', 'mara') }],
    ['withdrawn', { withdrawn: fact('2026-02-11T12:00:00Z', 'mara') }],
  ])('plans nothing at all once %s', (_, facts) => {
    const finished = letter('2026-02-11T09:00:00Z', facts);
    expect(planDeliveries(finished, ctx, new Date('2027-01-01T00:00:00Z'))).toEqual([]);
    expect(nextDueAt(finished, ctx, new Date('2026-02-11T09:00:00Z'))).toBeNull();
  });
});

describe('dueDeliveries and nextDueAt', () => {
  it('returns what is due at the sweep instant, inclusive', () => {
    const now = new Date('2026-03-09T16:00:00Z');
    expect(dueDeliveries(letter(fridayPreview), ctx, now).map((d) => d.key)).toEqual(['PL-2026-0007:ack-reminder:1:ana']);
  });

  it('gives the next nudge strictly after the given instant', () => {
    const preview = letter(fridayPreview);
    expect(nextDueAt(preview, ctx, new Date(fridayPreview))).toEqual(new Date('2026-03-09T16:00:00Z'));
    expect(nextDueAt(preview, ctx, new Date('2026-03-09T16:00:00Z'))).toEqual(new Date('2026-03-10T01:00:00Z'));
  });

  it('has nothing next for an acknowledged letter before its formal letter', () => {
    const acked = letter(fridayPreview, { acknowledged: fact('2026-03-06T12:00:00Z', 'ana') });
    expect(nextDueAt(acked, ctx, new Date('2026-03-06T12:00:00Z'))).toBeNull();
  });

  it('finds the first countdown step after the formal letter', () => {
    const sentLetter = letter('2026-02-11T09:00:00Z', formal);
    expect(nextDueAt(sentLetter, ctx, formal.formalSent.at)).toEqual(new Date('2026-03-13T01:00:00Z'));
  });

  it('keeps finding weekly overdue nudges long after the deadline', () => {
    const sentLetter = letter('2026-02-11T09:00:00Z', formal);
    expect(nextDueAt(sentLetter, ctx, new Date('2026-12-01T00:00:00Z'))).not.toBeNull();
  });
});

describe('publishing a bridged letter', () => {
  const slack = { platform: 'slack' as const, workspaceId: 'T0TEST', channelId: 'C0NORTH' };
  const teams = { platform: 'teams' as const, workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47', channelId: '19:mandate-team@thread.tacv2' };
  const thread = (channel: typeof slack | typeof teams) => ({ platform: channel.platform, channel, threadRef: `ref-${channel.channelId}`, rootMessageRef: `msg-${channel.channelId}` });
  const kinds = (l: Letter) => planDeliveries(l, ctx, new Date(fridayPreview)).map((d) => `${d.kind} ${d.recipientKey}`);

  it('posts the mirror in the mandate’s channel only once the company’s card is posted, and only once', () => {
    const previewed = letter(fridayPreview, { channel: slack, mirror: teams });
    expect(kinds(previewed)).toEqual(['post-root channel']);
    const posted = { ...previewed, threads: [thread(slack)] };
    expect(kinds(posted)).toContain('post-mirror mirror');
    expect(kinds({ ...posted, threads: [thread(slack), thread(teams)] })).not.toContain('post-mirror mirror');
  });

  it('plans no mirror for a letter whose mandate has no channel on the other platform', () => {
    const posted = letter(fridayPreview, { channel: slack, threads: [thread(slack)] });
    expect(kinds(posted).filter((k) => k.startsWith('post-'))).toEqual([]);
  });
});

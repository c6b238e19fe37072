/**
 * A call for input's clocks through the real sweep on the real database: each company's
 * countdown to the deadline in its card's thread, each step once, none after the company
 * submitted or declined; a card a platform refused at publication is posted by a later sweep.
 */
import { answerCall } from '../../src/bot/answer-call';
import { PreLetterError } from '../../src/domain/errors';
import { sweep } from '../../src/scheduler/sweep';
import { openBotHarness, testDeliverySettings, type BotHarness } from '../support/bot-harness';
import { publish } from '../support/calls';
import { sweepHourly, testSweepOptions } from '../support/scheduler-harness';
import { USERS } from '../support/test-directory';

describe('a call for input’s clocks', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness(); // Tuesday 3 March 2026, 09:00 in Geneva
  });
  afterEach(async () => h.close());

  /** The reminders posted in one company's card thread, as `<title>@<instant>`. */
  const remindersIn = async (companyKey: string) => {
    const call = (await h.store.calls.get('CI-2026-0001'))!;
    const threadRef = call.recipients.find((r) => r.companyKey === companyKey)!.thread!.threadRef;
    return h.slack.of('postInThread').filter((c) => c.threadRef === threadRef).map((c) => `${c.card.title}@${c.at?.toISOString()}`);
  };

  it('counts down to the deadline in each company’s thread at 09:00 its time, each step once, the due day last', async () => {
    await publish(h, { deadline: '2026-03-20' }); // a Friday; the 30-day mark is already past
    await sweepHourly(h.deps, h.clock, '2026-03-21T00:00:00Z');
    expect(await remindersIn('kestrel')).toEqual([
      'CI-2026-0001: 14 days left to send your input@2026-03-06T09:00:00.000Z',
      'CI-2026-0001: 7 days left to send your input@2026-03-13T09:00:00.000Z',
      'CI-2026-0001: 3 days left to send your input@2026-03-17T09:00:00.000Z',
      'CI-2026-0001: 1 day left to send your input@2026-03-19T09:00:00.000Z',
      'CI-2026-0001: input is due today@2026-03-20T09:00:00.000Z',
    ]);
    expect(await remindersIn('northwind')).toHaveLength(5);
    expect(await h.store.schedule.entry('CI-2026-0001')).toMatchObject({ at: expect.any(Date) }); // kept for the history period
  });

  it('stops a company’s reminders once it submitted, and keeps the other company’s', async () => {
    await publish(h, { deadline: '2026-03-20' });
    await sweepHourly(h.deps, h.clock, '2026-03-21T00:00:00Z', {
      '2026-03-14T10:00:00.000Z': () => answerCall(h.deps, { actor: USERS.kai, ref: 'CI-2026-0001', answer: 'submitted' }),
    });
    expect(await remindersIn('kestrel')).toEqual([
      'CI-2026-0001: 14 days left to send your input@2026-03-06T09:00:00.000Z',
      'CI-2026-0001: 7 days left to send your input@2026-03-13T09:00:00.000Z',
    ]);
    expect(await remindersIn('northwind')).toHaveLength(5);
  });

  it('posts a card a platform refused at publication on a later sweep, once', async () => {
    h.slack.failOn.add('postRoot');
    const { reply } = await publish(h, { deadline: '2026-03-20' });
    expect(reply.tone).toBe('warning');
    h.slack.failOn.delete('postRoot');
    await sweepHourly(h.deps, h.clock, '2026-03-03T12:00:00Z');
    expect(h.slack.of('postRoot').map((c) => `${c.channel.channelId}@${c.at?.toISOString()}`)).toEqual([
      'C0KESTREL@2026-03-03T09:00:00.000Z',
      'C0NORTH@2026-03-03T09:00:00.000Z',
    ]);
  });

  it('finds the card an attempt posted before its answer was lost, and never posts a second one beside it', async () => {
    // Kestrel's channel takes the card but the answer never comes back (a timeout); the platform can look for it later.
    const posted: Array<{ channelId: string; marker?: string; root: { threadRef: string; messageRef: string } }> = [];
    const postRoot = h.slack.postRoot.bind(h.slack);
    h.slack.postRoot = async (channel, card, marker) => {
      const root = await postRoot(channel, card, marker);
      posted.push({ channelId: channel.channelId, marker, root });
      if (channel.channelId === 'C0KESTREL' && posted.filter((p) => p.channelId === 'C0KESTREL').length === 1) {
        throw new PreLetterError('platform', 'The platform did not answer in time.', { reason: 'unreachable' });
      }
      return root;
    };
    const looked: string[] = [];
    h.slack.findRoot = async (channel, marker) => {
      looked.push(channel.channelId);
      return posted.find((p) => p.channelId === channel.channelId && p.marker === marker)?.root;
    };
    await publish(h, { deadline: '2026-03-20' });
    expect(looked).toEqual([]); // the publisher's first run posts without looking
    await sweepHourly(h.deps, h.clock, '2026-03-03T12:00:00Z');
    expect(looked).toEqual(['C0KESTREL']);
    expect(posted.map((p) => p.channelId)).toEqual(['C0KESTREL', 'C0NORTH']);
    const call = (await h.store.calls.get('CI-2026-0001'))!;
    expect(call.recipients.find((r) => r.companyKey === 'kestrel')?.thread?.threadRef).toBe(posted[0]!.root.threadRef);
  });

  it('sends each reminder once when two sweeps with different instance ids run at the same moment', async () => {
    await publish(h, { deadline: '2026-03-20' });
    h.clock.set('2026-03-13T09:00:00Z');
    const other = { ...h.deps, delivery: testDeliverySettings('instance-b') };
    await Promise.all([sweep(h.deps, testSweepOptions({ full: true })), sweep(other, testSweepOptions({ full: true }))]);
    await sweep(other, testSweepOptions({ full: true }));
    expect(await remindersIn('kestrel')).toHaveLength(1);
  });
});

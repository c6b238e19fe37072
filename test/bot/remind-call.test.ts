/** Reminders of a call for input, planned by the domain and delivered through the core, on the real database. */
import { answerCall } from '../../src/bot/answer-call';
import { loadCallContext } from '../../src/bot/call-delivery';
import { callScheduleContextOf, sendCallReminder } from '../../src/bot/remind-call';
import { planCallReminders, type CallForInput } from '../../src/domain/call';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { directoryWith, publish } from '../support/calls';
import { cardText } from '../support/recording-platform';
import { USERS } from '../support/test-directory';

describe('reminding companies of a call for input', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness();
  });
  afterEach(async () => h.close());

  /** The reminders due now for the call as stored, and its context. */
  const due = async (ref: string) => {
    const ctx = await loadCallContext(h.deps, (await h.store.calls.get(ref)) as CallForInput);
    return { ctx, reminders: planCallReminders(ctx.call, callScheduleContextOf(h.deps, ctx), h.clock.now()) };
  };

  it('posts the 30-day reminder in the company’s card thread at 09:00 its time, and moves the card’s countdown on', async () => {
    const { call } = await publish(h);
    h.clock.set('2026-03-31T16:00:00Z'); // Tuesday 09:00 in Los Angeles
    const { ctx, reminders } = await due(call.ref);
    const northwind = reminders.filter((r) => r.companyKey === 'northwind');
    expect(northwind.map((r) => r.key)).toEqual(['CI-2026-0001:countdown:30d:northwind']);
    h.slack.calls.length = 0;
    expect(await sendCallReminder(h.deps, ctx, northwind[0]!)).toBe(true);
    const thread = call.recipients.find((r) => r.companyKey === 'northwind')!.thread!;
    const [post] = h.slack.of('postInThread');
    expect(post!.threadRef).toBe(thread.threadRef);
    expect(post!.card.title).toBe('CI-2026-0001: 30 days left to send your input');
    expect(cardText(post!.card)).toContain('The call for input is waiting for the answer of Northwind Social');
    expect(cardText(h.slack.of('updateMessage').find((u) => u.messageRef === thread.rootMessageRef)!.card)).toContain('(30 days left)');
  });

  it('sends each owner of a company without a channel the reminder directly', async () => {
    await h.store.directory.apply(directoryWith({ kestrelUnbound: true }));
    const { call } = await publish(h);
    h.clock.set('2026-03-31T09:00:00Z'); // Tuesday 10:00 in Dublin
    const { ctx, reminders } = await due(call.ref);
    const kestrel = reminders.filter((r) => r.companyKey === 'kestrel');
    expect(kestrel.map((r) => r.key)).toEqual(['CI-2026-0001:countdown:30d:kestrel/kai']);
    h.slack.calls.length = 0;
    await sendCallReminder(h.deps, ctx, kestrel[0]!);
    expect(h.slack.of('sendDirect').map((c) => [c.user.userId, c.card.title])).toEqual([['U0KAI', 'CI-2026-0001: 30 days left to send your input']]);
  });

  it('drops a reminder the call no longer calls for, once the company has submitted', async () => {
    const { call } = await publish(h);
    h.clock.set('2026-03-31T16:00:00Z');
    const before = await due(call.ref);
    const planned = before.reminders.find((r) => r.companyKey === 'northwind')!;
    await answerCall(h.deps, { actor: USERS.ana, ref: call.ref, answer: 'submitted' });
    const after = await due(call.ref);
    expect(after.reminders.filter((r) => r.companyKey === 'northwind')).toEqual([]);
    h.slack.calls.length = 0;
    expect(await sendCallReminder(h.deps, after.ctx, planned)).toBe(false);
    expect(h.slack.calls).toEqual([]);
  });
});

/**
 * Confidentiality of flags, the letters' rule mirrored: a flag's text reaches its company's
 * people (the one who raised it is answered privately), the teams of the mandates it went
 * to, and the admins only when no mandate covers it. Here a flag is raised, reminded,
 * escalated and acknowledged through the core and the real sweep, on the real database,
 * and every message the platform was asked to send is checked for where it went.
 */
import { acknowledgeFlag } from '../../src/bot/acknowledge-flag';
import { raiseFlag } from '../../src/bot/raise-flag';
import type { Directory } from '../../src/domain/types';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { cardText, type RecordedCall } from '../support/recording-platform';
import { sweepHourly } from '../support/scheduler-harness';
import { NORTHWIND_CHANNEL, TEST_DIRECTORY, USERS } from '../support/test-directory';

const SUMMARY = 'Police asked for protesters’ data on 2 March.';
const MANDATE_CHANNEL = { platform: 'slack' as const, workspaceId: 'T0TEST', channelId: 'C0MANDATE' };
const OTHER_MANDATE_CHANNEL = { platform: 'slack' as const, workspaceId: 'T0TEST', channelId: 'C0OTHERMANDATE' };

/** The test directory with a second mandate, on other topics, with its own team member and channel. */
function withOtherMandate(ownChannel: boolean): Directory {
  const noor = { ...TEST_DIRECTORY.people.find((p) => p.key === 'tom')!, key: 'noor', name: 'Noor Vale', email: 'noor@example.org', identities: [{ platform: 'slack' as const, workspaceId: 'T0TEST', userId: 'U0NOOR' }] };
  return {
    ...TEST_DIRECTORY,
    people: [...TEST_DIRECTORY.people, noor],
    mandates: [
      ...TEST_DIRECTORY.mandates.map((m) => (ownChannel ? { ...m, channel: MANDATE_CHANNEL } : m)),
      { key: 'ie-privacy', title: 'Independent Expert on privacy', timeZone: 'Europe/Zurich', team: ['noor'], topics: ['privacy'], channel: OTHER_MANDATE_CHANNEL },
    ],
  };
}

/** Where a recorded call went: a channel id, a user id, or the thread or message it names. */
function destination(call: RecordedCall, threads: Map<string, string>): string {
  switch (call.method) {
    case 'postRoot':
      return call.channel.channelId;
    case 'sendDirect':
    case 'replyPrivately':
      return call.user.userId;
    case 'postInThread':
      return threads.get(call.threadRef) ?? `thread ${call.threadRef}`;
    case 'updateMessage':
      return threads.get(call.messageRef) ?? `message ${call.messageRef}`;
  }
}

describe('where a flag’s text travels', () => {
  let h: BotHarness;
  afterEach(async () => h.close());

  async function story(ownChannel: boolean): Promise<Array<{ to: string; text: string }>> {
    h = await openBotHarness();
    await h.store.directory.apply(withOtherMandate(ownChannel));
    // Which person each direct message went to, so an update of that message is judged as theirs.
    const directs = new Map<string, string>();
    const send = h.slack.sendDirect.bind(h.slack);
    h.slack.sendDirect = async (user, card) => {
      const ref = await send(user, card);
      directs.set(ref, user.userId);
      return ref;
    };
    const { flag } = await raiseFlag(h.deps, { actor: USERS.ana, channel: NORTHWIND_CHANNEL, topics: ['surveillance'], summary: SUMMARY, urgent: false });
    await sweepHourly(h.deps, h.clock, '2026-03-10T09:00:00Z'); // both reminders and the admins told
    await expect(acknowledgeFlag(h.deps, { actor: USERS.kai, ref: flag.ref })).rejects.toMatchObject({ code: 'not-found' });
    await acknowledgeFlag(h.deps, { actor: USERS.tom, ref: flag.ref });
    const threads = new Map<string, string>(directs);
    for (const c of h.slack.calls) if (c.method === 'postRoot') threads.set(c.threadRef, c.channel.channelId);
    for (const t of (await h.store.flags.get(flag.ref))!.threads) threads.set(t.rootMessageRef, t.channel.channelId);
    return h.slack.calls.map((c) => ({ to: destination(c, threads), text: cardText(c.card) }));
  }

  it('reaches only the routed mandate’s channel when it has one; another mandate, another company and the admins never see its text', async () => {
    const sent = await story(true);
    const withText = [...new Set(sent.filter((s) => s.text.includes(SUMMARY)).map((s) => s.to))];
    expect(withText).toEqual(['C0MANDATE']);
    expect(sent.filter((s) => ['C0OTHERMANDATE', 'U0NOOR', 'C0KESTREL', 'U0KAI', 'C0NORTH'].includes(s.to))).toEqual([]);
    // The admins are told it waits, by reference and company, never what it says.
    expect(sent.filter((s) => s.to === 'U0ROOT').map((s) => s.text.includes('FL-2026-0001') && !s.text.includes(SUMMARY))).toEqual([true]);
  });

  it('reaches only the routed mandate’s team members directly when it has no channel, and the raiser is told only who acknowledged it', async () => {
    const sent = await story(false);
    const withText = [...new Set(sent.filter((s) => s.text.includes(SUMMARY)).map((s) => s.to))].sort();
    expect(withText).toEqual(['U0MARA', 'U0TOM']);
    expect(sent.filter((s) => ['C0OTHERMANDATE', 'U0NOOR', 'C0KESTREL', 'U0KAI', 'C0NORTH'].includes(s.to))).toEqual([]);
    const toRaiser = sent.filter((s) => s.to === 'U0ANA');
    expect(toRaiser.map((s) => s.text)).toEqual([expect.stringContaining('Tom Arlen acknowledged FL-2026-0001')]);
    expect(toRaiser[0]!.text).not.toContain(SUMMARY);
  });
});

/**
 * A whole letter's life on the simulated clock: mandate team in Geneva, owners in
 * Los Angeles and Singapore, across the US and EU daylight-saving changes. Every
 * reminder and escalation, in order, at its local delivery time.
 */
import { DateTime } from 'luxon';
import { acknowledge } from '../../src/bot/acknowledge';
import { markSent } from '../../src/bot/mark-sent';
import { previewLetter } from '../../src/bot/preview-letter';
import { recordReply } from '../../src/bot/record-reply';
import type { LetterType } from '../../src/domain/types';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { sweepHourly } from '../support/scheduler-harness';
import { NORTHWIND_CHANNEL, TEST_DIRECTORY, USERS } from '../support/test-directory';

const ZONES = new Map(TEST_DIRECTORY.people.map((p) => [p.identities[0]!.userId, [p.key, p.timeZone!] as const]));

/** Each direct message as its reader sees it: local time, who, and the card's title. */
function directMessages(h: BotHarness): string[] {
  return h.slack.of('sendDirect').map((c) => {
    const [key, zone] = ZONES.get(c.user.userId)!;
    return `${DateTime.fromJSDate(c.at!, { zone }).toFormat('ccc dd LLL HH:mm')} ${key}: ${c.card.title}`;
  });
}

interface Life {
  dms: string[];
  thread: Array<{ title: string; mentioned: string[] }>;
}

async function lifeOf(type: LetterType, ackAt: string): Promise<Life> {
  // Friday 6 March 2026, 16:00 in Geneva; US clocks change on 8 March, European ones on 29 March.
  const h = await openBotHarness('2026-03-06T15:00:00Z');
  try {
    const { letter } = await previewLetter(h.deps, {
      actor: USERS.mara, channel: NORTHWIND_CHANNEL, type, topics: ['content-moderation'], summary: 'S.', urgent: false,
    });
    const ref = letter.ref;
    h.slack.calls.length = 0;
    await sweepHourly(h.deps, h.clock, '2026-05-30T00:00:00Z', {
      [ackAt]: () => acknowledge(h.deps, { actor: USERS.ana, ref }),
      '2026-03-16T09:00:00.000Z': () => markSent(h.deps, { actor: USERS.mara, ref }),
      '2026-05-20T12:00:00.000Z': () => recordReply(h.deps, { actor: USERS.mara, ref }),
    });
    const nudges = h.slack.of('postInThread').filter((c) => c.card.footer?.startsWith('Times are in'));
    const thread = nudges.map((c) => ({
      title: c.card.title,
      mentioned: c.card.body.flat().flatMap((seg) => ('mention' in seg ? [ZONES.get(seg.mention.userId)![0]] : [])),
    }));
    return { dms: directMessages(h), thread };
  } finally {
    await h.close();
  }
}

/** After the formal letter on Mon 16 March: deadline Fri 15 May, end of day in Geneva (Sat 05:59 in Singapore). */
const COUNTDOWN = [
  'Wed 15 Apr 09:00 ana: PL-2026-0001: 30 days left to reply',
  'Thu 16 Apr 09:00 wei: PL-2026-0001: 30 days left to reply',
  'Fri 01 May 09:00 wei: PL-2026-0001: 15 days left to reply', // 14 days before falls on Saturday: brought forward
  'Fri 01 May 09:00 ana: PL-2026-0001: 14 days left to reply',
  'Fri 08 May 09:00 wei: PL-2026-0001: 8 days left to reply',
  'Fri 08 May 09:00 ana: PL-2026-0001: 7 days left to reply',
  'Tue 12 May 09:00 ana: PL-2026-0001: 3 days left to reply',
  'Wed 13 May 09:00 wei: PL-2026-0001: 3 days left to reply',
  'Thu 14 May 09:00 ana: PL-2026-0001: 1 day left to reply',
  'Fri 15 May 09:00 wei: PL-2026-0001: 1 day left to reply', // Saturday's due day and the 1-day mark, as one message
  'Fri 15 May 09:00 ana: PL-2026-0001: the reply is due today',
  'Mon 18 May 09:00 wei: PL-2026-0001: the reply is overdue',
  'Mon 18 May 09:00 ana: PL-2026-0001: the reply is overdue',
  'Mon 18 May 09:00 bea: PL-2026-0001: the reply is overdue',
];

describe('seventy days of one letter', () => {
  it('allegation letter: reminders on working mornings in each owner\'s zone, escalation to the backup, countdown, overdue, then silence after the reply', async () => {
    const { dms, thread } = await lifeOf('AL', '2026-03-11T18:00:00.000Z');
    expect(dms).toEqual([
      'Mon 09 Mar 09:00 ana: Reminder: please acknowledge PL-2026-0001',
      'Tue 10 Mar 09:00 wei: Reminder: please acknowledge PL-2026-0001',
      'Tue 10 Mar 09:00 bea: Escalation: PL-2026-0001 is not acknowledged yet',
      ...COUNTDOWN,
    ]);
    expect(thread).toEqual([
      { title: 'Reminder: please acknowledge PL-2026-0001', mentioned: ['ana', 'wei'] },
      { title: 'Escalation: PL-2026-0001 is not acknowledged yet', mentioned: ['bea'] },
      { title: 'PL-2026-0001: 30 days left to reply', mentioned: ['ana', 'wei'] },
      { title: 'PL-2026-0001: 14 days left to reply', mentioned: ['wei', 'ana'] },
      { title: 'PL-2026-0001: 7 days left to reply', mentioned: ['wei', 'ana'] },
      { title: 'PL-2026-0001: 3 days left to reply', mentioned: ['ana', 'wei'] },
      { title: 'PL-2026-0001: 1 day left to reply', mentioned: ['ana'] },
      { title: 'PL-2026-0001: the reply is due today', mentioned: ['wei', 'ana'] },
      { title: 'PL-2026-0001: the reply is overdue', mentioned: ['wei', 'ana', 'bea'] },
    ]);
  }, 120_000);

  it('other letter: the same working-day clocks as an allegation letter', async () => {
    const { dms } = await lifeOf('OL', '2026-03-11T18:00:00.000Z');
    expect(dms).toEqual([
      'Mon 09 Mar 09:00 ana: Reminder: please acknowledge PL-2026-0001',
      'Tue 10 Mar 09:00 wei: Reminder: please acknowledge PL-2026-0001',
      'Tue 10 Mar 09:00 bea: Escalation: PL-2026-0001 is not acknowledged yet',
      ...COUNTDOWN,
    ]);
  }, 120_000);

  it('urgent appeal: reminders after 2, 4 and 8 hours whatever the hour, the urgent line included, then the same countdown', async () => {
    const { dms } = await lifeOf('UA', '2026-03-07T10:00:00.000Z');
    // Dana (New York) is on the urgent line, so she is an owner too: her 09:00 comes just before Ana's.
    const withDana = COUNTDOWN.flatMap((line) => (line.includes(' ana: ') ? [line.replace(' ana: ', ' dana: '), line] : [line]));
    expect(dms).toEqual([
      // Previewed Friday 15:00 UTC; quiet hours do not apply (Singapore gets it at 01:00).
      'Fri 06 Mar 09:00 ana: Reminder: please acknowledge PL-2026-0001',
      'Fri 06 Mar 12:00 dana: Reminder: please acknowledge PL-2026-0001',
      'Sat 07 Mar 01:00 wei: Reminder: please acknowledge PL-2026-0001',
      'Fri 06 Mar 11:00 bea: Escalation: PL-2026-0001 is not acknowledged yet',
      'Fri 06 Mar 18:00 eli: Escalation: PL-2026-0001 is not acknowledged yet',
      ...withDana,
    ]);
  }, 120_000);
});

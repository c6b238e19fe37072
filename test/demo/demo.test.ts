/**
 * `npm run demo`, in-process: the story it prints is the one the README promises,
 * in order, each message stamped in its reader's own time zone, with Teams in it too,
 * on a throw-away database that is gone afterwards, and without a secret in sight.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runDemo, type DemoSummary } from './run';
import { DEMO_CREDENTIALS } from './world';

const STAMP = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d:\d\d [A-Z]{3,4}\s/;

/** A transcript line: local time and zone, platform, where, then the message. */
function line(stamp: string, platform: 'Slack' | 'Teams', where: string, text: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(stamp)}\\s+${platform}\\s+${escape(where)}\\s+.*${escape(text)}`);
}

/** The story, in the order it must be told; each step with its reader's local time. */
const STORY: Array<[string, RegExp]> = [
  ['the preview in the channel', line('Tue 03 Mar 10:03 CET', 'Slack', '#northwind-social', 'PL-2026-0001 · Allegation letter preview for Northwind Social')],
  ['the owner\'s reminder, at 09:00 in Dublin', line('Wed 04 Mar 09:00 GMT', 'Slack', 'DM to Declan Moorcroft', 'Reminder: please acknowledge PL-2026-0001')],
  ['the escalation to the backup, at 09:00 in Los Angeles', line('Thu 05 Mar 09:00 PST', 'Slack', 'DM to Jordan Bramblecote', 'Escalation: PL-2026-0001 is not acknowledged yet')],
  ['the late acknowledgement, in the thread', line('Fri 06 Mar 11:20 CET', 'Slack', '#northwind-social › thread', 'Declan Moorcroft acknowledged this preview')],
  ['the formal letter', line('Mon 16 Mar 11:00 CET', 'Slack', '#northwind-social › thread', 'Formal letter sent for PL-2026-0001')],
  ['30 days left', line('Wed 15 Apr 09:00 IST', 'Slack', 'DM to Declan Moorcroft', 'PL-2026-0001: 30 days left to reply')],
  ['14 days left', line('Fri 01 May 09:00 IST', 'Slack', 'DM to Declan Moorcroft', 'PL-2026-0001: 14 days left to reply')],
  ['7 days left', line('Fri 08 May 09:00 IST', 'Slack', 'DM to Declan Moorcroft', 'PL-2026-0001: 7 days left to reply')],
  ['3 days left', line('Tue 12 May 09:00 IST', 'Slack', 'DM to Declan Moorcroft', 'PL-2026-0001: 3 days left to reply')],
  ['1 day left', line('Thu 14 May 09:00 IST', 'Slack', 'DM to Declan Moorcroft', 'PL-2026-0001: 1 day left to reply')],
  ['the due day', line('Fri 15 May 09:00 IST', 'Slack', 'DM to Declan Moorcroft', 'PL-2026-0001: the reply is due today')],
  ['the overdue nudge', line('Mon 18 May 09:00 IST', 'Slack', 'DM to Declan Moorcroft', 'PL-2026-0001: the reply is overdue')],
  ['the reply', line('Tue 19 May 10:00 CEST', 'Slack', '#northwind-social › thread', 'Reply recorded for PL-2026-0001')],
];

describe('npm run demo', () => {
  const lines: string[] = [];
  let summary: DemoSummary;
  let leftovers: string[];

  beforeAll(async () => {
    const demoDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('preletter-demo-'));
    const before = new Set(demoDirs());
    summary = await runDemo((l) => lines.push(l));
    leftovers = demoDirs().filter((name) => !before.has(name));
  }, 120_000);

  it('tells a letter\'s whole life in order — reminder, escalation, late acknowledgement, formal letter, every countdown step, one overdue nudge, reply — each message stamped in its reader\'s own time zone', () => {
    const found = STORY.map(([step, pattern]) => [step, lines.findIndex((l) => pattern.test(l))] as const);
    expect(found.filter(([, at]) => at < 0).map(([step]) => step)).toEqual([]);
    const positions = found.map(([, at]) => at);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    // Every message line carries a local time with its zone; the first is the preview, the last the reply's confirmation.
    const messages = lines.filter((l) => STAMP.test(l));
    expect(messages.length).toBeGreaterThan(30);
    const first = lines.indexOf(messages[0]!);
    const last = lines.indexOf(messages.at(-1)!);
    expect(lines.slice(first, last + 1).filter((l) => l !== '' && !l.startsWith('──') && !STAMP.test(l))).toEqual([]);

    // One overdue step (owner and backup, each in their own morning), and silence after the reply.
    expect(lines.filter((l) => /DM to .*the reply is overdue/.test(l))).toEqual([
      expect.stringMatching(/^Mon 18 May 09:00 IST\s+Slack\s+DM to Declan Moorcroft/),
      expect.stringMatching(/^Mon 18 May 09:00 PDT\s+Slack\s+DM to Jordan Bramblecote/),
    ]);
    const reply = positions.at(-1)!;
    expect(lines.slice(reply).filter((l) => /days? left|due today|overdue|Reminder|Escalation/.test(l))).toEqual([]);
  });

  it('shows one letter crossing: mirrored in the mandate team’s Teams channel, the company’s Slack reply there, and the team’s Teams answer in the Slack thread', () => {
    expect(lines).toContainEqual(expect.stringMatching(line('Tue 03 Mar 10:03 CET', 'Teams', '#sr-freedom-expression-team', 'PL-2026-0001 · Allegation letter preview for Northwind Social')));
    expect(lines).toContainEqual(expect.stringMatching(line('Tue 03 Mar 16:00 CET', 'Teams', '#sr-freedom-expression-team › thread', 'Declan Moorcroft, on Slack — Seen, thank you.')));
    expect(lines).toContainEqual(expect.stringMatching(line('Tue 03 Mar 16:40 CET', 'Slack', '#northwind-social › thread', 'Ines Quillfeather, on Microsoft Teams — Thank you. The formal letter is planned for 16 March.')));
    expect(lines).toContainEqual(expect.stringMatching(line('Fri 06 Mar 11:20 CET', 'Teams', '#sr-freedom-expression-team (card updated)', 'PL-2026-0001 · Allegation letter preview for Northwind Social')));
  });

  it('includes real Teams exchanges: a preview acknowledged from a Teams card, and the owner asking for the status in his Teams chat', () => {
    expect(lines).toContainEqual(expect.stringMatching(line('Thu 05 Mar 01:40 CET', 'Teams', '#kestrel-cloud › thread', 'Aiko Fairbairn acknowledged this preview')));
    expect(lines).toContainEqual(expect.stringMatching(line('Mon 09 Mar 09:40 GMT', 'Teams', 'DM to Declan Moorcroft', 'Your letters')));
    expect(lines).toContainEqual(expect.stringMatching(/DM to Declan Moorcroft\s+Your letters .*PL-2026-0001.*: Acknowledged/));
    expect(summary.teamsMessages).toBeGreaterThanOrEqual(5);
  });

  it('ends with a one-line summary, runs in under a minute, removes its database and prints no secret', () => {
    expect(summary).toMatchObject({ letters: 2, simulatedDays: 85 });
    expect(summary.wallSeconds).toBeLessThan(60);
    expect(lines.at(-1)).toMatch(/^Summary: 2 letters, \d+ messages \(\+\d+ card updates, \d+ on Teams\), 85 simulated days .*, [\d.]+ s wall-clock\.$/);
    expect(lines.filter((l) => l.startsWith('(PreLetter logged'))).toEqual([]);
    expect(leftovers).toEqual([]);
    const all = lines.join('\n');
    for (const secret of Object.values(DEMO_CREDENTIALS)) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/xox[abp]-|signing/i);
  });
});

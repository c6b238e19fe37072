/**
 * `npm run demo`: a whole letter's life in under a minute, on a fresh embedded
 * database and a simulated clock, through the real Slack and Teams adapters
 * against local fakes of their APIs. No account anywhere, nothing on ./data.
 *
 * Pavel (Geneva) previews a letter to Northwind Social in its Slack channel; the
 * owner Declan (Dublin) is reminded, his backup Jordan (Los Angeles) is told, and
 * Declan acknowledges late. On Teams, Clara (Geneva) previews a letter to Kestrel
 * Cloud and its owner Aiko (Singapore) acknowledges it, and Declan asks for the
 * status in his Teams chat. The formal letter goes out, the countdown runs, the
 * reply is late once, then recorded. The scheduler sweeps every simulated hour.
 */
import { sweep } from '../../src/scheduler/sweep';
import { previewValues } from '../adapters/slack/support/slack-requests';
import { testSweepOptions } from '../support/scheduler-harness';
import { formatEntry, localStamp, Transcript } from './transcript';
import { openDemoWorld, type DemoWorld } from './world';

/** What the run did, for the closing line and the test. */
export interface DemoSummary {
  letters: number;
  /** Messages people saw (posts, replies, DMs, private replies, modals); card updates are counted apart. */
  messages: number;
  cardUpdates: number;
  teamsMessages: number;
  simulatedDays: number;
  wallSeconds: number;
}

const HOUR_MS = 3_600_000;
const START = '2026-03-03T09:00:00Z'; // Tuesday 3 March 2026, 10:00 in Geneva
const END = '2026-05-27T09:00:00Z'; // a week after the reply: the weekly overdue nudge never comes
const NORTHWIND_SLACK = { workspaceId: 'T0DEMO0001', channelId: 'C0NORTHWND' };
const KESTREL_TEAMS = { workspaceId: '00000000-0000-4000-8000-00000000a000', channelId: '19:demo-kestrel@thread.tacv2' };
/** The freedom of expression mandate team's own Teams channel (the demo directory's bridged pair with Northwind on Slack). */
const SR_FE_TEAMS = { workspaceId: '00000000-0000-4000-8000-00000000a000', channelId: '19:demo-sr-fe-team@thread.tacv2' };

const CAST: Array<[key: string, role: string]> = [
  ['pavel-larkspur', 'human rights officer, Special Rapporteur on freedom of expression (Slack)'],
  ['declan-moorcroft', 'Northwind Social, issue owner for surveillance (Slack, Teams)'],
  ['jordan-bramblecote', 'Northwind Social, head of human rights, backup owner (Slack)'],
  ['clara-brightwater', 'human rights officer, Special Rapporteur on contemporary slavery (Teams)'],
  ['aiko-fairbairn', 'Kestrel Cloud, issue owner for labour supply chains (Teams)'],
];

/** Drives simulated time: the scheduler sweeps on every hour, people act in between. */
class Story {
  private readonly transcript: Transcript;

  constructor(
    private readonly world: DemoWorld,
    private readonly out: (line: string) => void,
  ) {
    this.transcript = new Transcript(world, world.directory, world.directory.mandates.find((m) => m.key === 'sr-freedom-expression')!.timeZone);
  }

  get entries() {
    return this.transcript.entries;
  }

  /** Prints what the fakes recorded since the last look, stamped now. */
  async flush(): Promise<void> {
    await this.world.settle();
    for (const entry of this.transcript.collect()) this.out(formatEntry(entry));
  }

  heading(text: string): void {
    this.out('');
    this.out(`── ${text} ──`);
  }

  /** Moves the clock to `iso`, sweeping at each whole hour on the way, as the scheduler's cron would. */
  async until(iso: string): Promise<void> {
    const { clock, deps } = this.world;
    const target = new Date(iso).getTime();
    let hour = Math.floor(clock.now().getTime() / HOUR_MS + 1) * HOUR_MS;
    for (; hour <= target; hour += HOUR_MS) {
      clock.set(new Date(hour));
      await sweep(deps, testSweepOptions());
      await this.flush();
    }
    clock.set(new Date(target));
  }

  /** A few minutes pass between two gestures of one person. */
  later(minutes: number): void {
    this.world.clock.set(new Date(this.world.clock.now().getTime() + minutes * 60_000));
  }

  /** Records a person's gesture as a line of its own, then lets PreLetter answer it. */
  async act<R extends { status: number }>(platform: 'Slack' | 'Teams', key: string, place: string, text: string, gesture: () => Promise<R>): Promise<R> {
    this.out(formatEntry(this.transcript.input(platform, key, place, text)));
    const reply = await gesture();
    if (reply.status >= 300) throw new Error(`${platform} answered ${reply.status} to ${key}: ${text}`);
    await this.flush();
    return reply;
  }

  /** A Teams card action is answered with the card that replaces the clicked one, seen by the clicker. */
  teamsAnswer(key: string, place: string, reply: { json(): any }): void {
    const card = reply.json()?.value;
    if (card?.type === 'AdaptiveCard') this.out(formatEntry(this.transcript.teamsCardAnswer(key, place, card)));
  }
}

function slackDmOf(world: DemoWorld, key: string): string {
  const userId = world.people.get(key)!.identities.find((i) => i.platform === 'slack')!.userId;
  return world.slackFake.dmOf(userId);
}

async function play(world: DemoWorld, story: Story): Promise<void> {
  const { slack, teams, slackFake, connector } = world;
  const pavel = 'pavel-larkspur';

  story.heading('Week 1 — a preview on Slack, a reminder, an escalation, a late acknowledgement; a preview on Teams');
  await story.act('Slack', pavel, '#northwind-social', '/preletter preview', () => slack.command(pavel, 'preview', NORTHWIND_SLACK));
  const modal = await slackFake.waitFor(() => slackFake.of('views.open').at(-1), 'the preview modal');
  story.later(3);
  const form = previewValues({
    type: 'AL',
    topics: ['surveillance'],
    summary: 'Reported disclosure of protesters’ account data to police without a court order.',
    date: '2026-03-16',
  });
  await story.act('Slack', pavel, 'the preview modal', 'submits: allegation letter · surveillance · formal letter expected 16 Mar', () =>
    slack.submit(pavel, (modal.args.view as { private_metadata: string }).private_metadata, form),
  );
  const root = slackFake.of('chat.postMessage').find((c) => c.args.channel === NORTHWIND_SLACK.channelId && !c.args.thread_ts)!;
  const rootTs = String(root.result.ts);

  // The mandate team works in Teams: the letter is mirrored in its own channel, and the two threads talk.
  await story.until('2026-03-03T15:00:00Z');
  const mirror = connector.of('create').find((c) => c.body?.channelData?.channel?.id === SR_FE_TEAMS.channelId)!;
  const declan = 'declan-moorcroft';
  await story.act('Slack', declan, '#northwind-social › thread', 'replies: checking with our legal team first', () =>
    slack.reply(declan, 'Seen, thank you. We are checking with our legal team before we acknowledge.', { channel: NORTHWIND_SLACK.channelId, threadTs: rootTs, teamId: NORTHWIND_SLACK.workspaceId }),
  );
  await story.until('2026-03-03T15:40:00Z');
  const ines = 'ines-quillfeather';
  await story.act('Teams', ines, '#sr-freedom-expression-team › thread', 'replies: the formal letter is planned for 16 March', () =>
    teams.reply(ines, 'Thank you. The formal letter is planned for 16 March.', { ...SR_FE_TEAMS, rootId: mirror.activityId! }),
  );

  await story.until('2026-03-04T14:00:00Z');
  const clara = 'clara-brightwater';
  await story.act('Teams', clara, '#kestrel-cloud', '@PreLetter preview', () => teams.mention(clara, 'preview', KESTREL_TEAMS));
  const teamsForm = await connector.waitFor(() => connector.of('send').find((c) => c.conversationId === teams.chatOf(clara)), 'the Teams preview form');
  story.later(4);
  const token = (teamsForm.body.attachments[0].content.actions[0].data as { form: string }).form;
  const submitted = await story.act('Teams', clara, 'the preview form', 'submits: allegation letter · labour-supply-chain', () =>
    teams.cardAction(
      clara,
      'preview-submit',
      { form: token, type: 'AL', topics: 'labour-supply-chain', summary: 'Reported forced overtime at a data-centre construction contractor.', expectedDate: '2026-03-20', urgent: 'false' },
      teamsForm.activityId!,
    ),
  );
  story.teamsAnswer(clara, 'DM to Clara Brightwater', submitted);

  await story.until('2026-03-05T00:40:00Z');
  const aiko = 'aiko-fairbairn';
  const aikoDm = connector.of('send').find((c) => c.conversationId === teams.chatOf(aiko))!;
  const acknowledged = await story.act('Teams', aiko, 'her DM', 'clicks Acknowledge on PL-2026-0002', () =>
    teams.cardAction(aiko, 'acknowledge', { ref: 'PL-2026-0002' }, aikoDm.activityId!),
  );
  story.teamsAnswer(aiko, 'DM to Aiko Fairbairn', acknowledged);

  await story.until('2026-03-06T10:20:00Z');
  const declanDm = slackDmOf(world, declan);
  const reminder = slackFake.of('chat.postMessage').find((c) => c.args.channel === declanDm && String(c.args.text).startsWith('Reminder'))!;
  await story.act('Slack', declan, 'his DM', 'clicks Acknowledge on the reminder', () =>
    slack.click(declan, 'acknowledge', 'PL-2026-0001', { channel: declanDm, messageTs: String(reminder.result.ts), teamId: 'T0DEMO0002' }),
  );

  story.heading('Weeks 2–3 — the owner asks for the status on Teams; the formal letter starts the 60-day clock');
  await story.until('2026-03-09T09:40:00Z');
  await story.act('Teams', declan, 'his chat with PreLetter', 'status', () => teams.personal(declan, 'status'));
  await story.until('2026-03-16T10:00:00Z');
  await story.act('Slack', pavel, '#northwind-social', '/preletter sent PL-2026-0001 AL OTH 1/2026', () =>
    slack.command(pavel, 'sent PL-2026-0001 AL OTH 1/2026', NORTHWIND_SLACK),
  );

  story.heading('Weeks 4–12 — the countdown in the owner’s mornings, one overdue nudge, the reply, then a quiet week');
  await story.until('2026-05-19T08:00:00Z');
  await story.act('Slack', pavel, '#northwind-social', 'clicks Record reply on PL-2026-0001', () =>
    slack.click(pavel, 'record-reply', 'PL-2026-0001', { channel: NORTHWIND_SLACK.channelId, messageTs: rootTs, teamId: NORTHWIND_SLACK.workspaceId }),
  );
  await story.until(END);
}

/** Runs the whole demo, writing the transcript line by line; resolves with what it did. */
export async function runDemo(out: (line: string) => void): Promise<DemoSummary> {
  const began = Date.now();
  out('PreLetter demo: one letter’s life on simulated time, through the real Slack and Teams adapters');
  out('(local fakes of both platforms, a throw-away embedded database, no account anywhere).');
  out('Starting the embedded database…');
  const world = await openDemoWorld(START);
  try {
    out('');
    out('Cast (fictional demo directory):');
    for (const [key, role] of CAST) {
      const p = world.people.get(key)!;
      out(`  ${p.name.padEnd(20)} ${role.padEnd(82)} ${p.timeZone}`);
    }
    out('Each line: the reader’s local time · platform · where it appears · title — first line.');
    out('Channel posts are shown in Geneva time (the mandate’s zone, used by the thread’s cards); “»” marks what a person did.');
    const story = new Story(world, out);
    await play(world, story);
    const letters = (await world.store.letters.list({ scopes: ['all'], limit: 50 })).length;
    const shown = story.entries.filter((e) => e.kind !== 'input');
    const summary: DemoSummary = {
      letters,
      messages: shown.filter((e) => e.kind === 'message').length,
      cardUpdates: shown.filter((e) => e.kind === 'update').length,
      teamsMessages: shown.filter((e) => e.platform === 'Teams').length,
      simulatedDays: Math.round((new Date(END).getTime() - new Date(START).getTime()) / (24 * HOUR_MS)),
      wallSeconds: Math.round((Date.now() - began) / 100) / 10,
    };
    // Emulator mode is how the demo runs Teams without an account; anything else logged is worth seeing.
    const notes = [...new Set(world.notes.lines)].filter((note) => !note.includes('emulator mode'));
    for (const note of notes) out(`(PreLetter logged ${note})`);
    out('');
    out(
      `Summary: ${summary.letters} letters, ${summary.messages} messages (+${summary.cardUpdates} card updates, ${summary.teamsMessages} on Teams), ` +
        `${summary.simulatedDays} simulated days (to ${localStamp(new Date(END), 'Europe/Zurich')}), ${summary.wallSeconds} s wall-clock.`,
    );
    return summary;
  } finally {
    await world.close();
  }
}

if (require.main === module) {
  runDemo((line) => process.stdout.write(`${line}\n`)).then(
    () => undefined,
    (err: unknown) => {
      process.stderr.write(`The demo failed: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}

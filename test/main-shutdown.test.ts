/**
 * Stopping the built bot (`node dist/src/main.js`, as `npm start` and the image run it)
 * while its reminder sweep is making a delivery: SIGTERM stops the bot taking requests
 * and letters, and it exits within SHUTDOWN_GRACE_SECONDS: with code 0 once the letter
 * in hand is finished (the letters behind it stay unclaimed and due, for the next
 * sweeper), or with code 1 and a line naming what was still running when the grace
 * period ran out (the claim in hand is left to its lease, and the post never happens).
 *
 * The letters are urgent appeals previewed three hours ago on the simulated clock of a
 * Slack world, so their owners' first reminder (after two hours) has been due for an hour
 * when the bot starts, and the escalation to the backups (after four) is not due yet.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { previewLetter } from '../src/bot/preview-letter';
import { freePort } from '../src/store/embedded/launcher';
import { BOT_TOKEN, openSlackWorld, SIGNING_SECRET, type SlackWorld } from './adapters/slack/support/slack-world';
import type { HeldCall } from './adapters/slack/support/slack-api-fake';
import { builtEntry } from './support/built';
import { isAlive } from './support/process';
import { testServerUri } from './support/db';
import { NORTHWIND_CHANNEL, USERS } from './support/test-directory';
import { scrape, valueOf } from './observability/support/exposition';
import { METRIC_NAMES } from '../src/observability/prometheus';

const GRACE_SECONDS = 3;
/** What exiting may take past the grace period: closing the database and the process's own exit. */
const EXIT_SLACK_MS = 2500;
const HOUR_MS = 3_600_000;

/** The bot starts from an empty folder, so a developer's own `.env` never reaches it. */
const CWD = mkdtempSync(path.join(tmpdir(), 'preletter-shutdown-cwd-'));
afterAll(() => rmSync(CWD, { recursive: true, force: true }));

interface Bot {
  port: number;
  logs(): Array<Record<string, any>>;
  exited: Promise<{ code: number | null; at: number }>;
  kill(signal: NodeJS.Signals): void;
}

/** The test database's URI with its name, for the bot's MONGODB_URI. */
function databaseUri(dbName: string): string {
  const uri = new URL(testServerUri());
  uri.pathname = `/${dbName}`;
  return uri.toString();
}

/** Starts the built bot with only these variables (plus PATH, HOME, PORT, JSON logs); does not wait for it. */
async function spawnBot(env: Record<string, string>): Promise<Bot & { running(): Promise<void> }> {
  const port = await freePort();
  const built = builtEntry('src/main.ts');
  const child = spawn(built.command, built.args, {
    cwd: CWD,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: performance.now() })));
  const logs = () =>
    out.split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, any>];
      } catch {
        return [];
      }
    });
  const running = async () => {
    const deadline = Date.now() + 30_000;
    while (!logs().some((l) => l.msg === 'PreLetter is running')) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the bot did not start:\n${out.slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { port, logs, exited, kill: (signal) => child.kill(signal), running };
}

/** The bot on the world's database and Slack fake, sweeping every second; resolves once it is running. */
async function startBot(w: SlackWorld, env: Record<string, string>): Promise<Bot> {
  const bot = await spawnBot({
    MONGODB_URI: databaseUri(w.harness.dbName),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: w.fake.apiUrl,
    TEAMS: 'off',
    NUDGE_CRON: '* * * * * *',
    SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    ...env,
  });
  await bot.running();
  return bot;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))),
  ]);
}

describe('stopping the built bot within its grace period', () => {
  let w: SlackWorld;
  let refs: string[];
  let bot: Bot | undefined;

  beforeEach(async () => {
    w = await openSlackWorld();
    w.harness.clock.set(new Date(Date.now() - 3 * HOUR_MS));
    refs = [];
    for (const summary of ['First urgent appeal.', 'Second urgent appeal.']) {
      const input = { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'UA' as const, topics: ['content-moderation'], summary, urgent: true };
      refs.push((await previewLetter(w.deps, input)).letter.ref);
      w.harness.clock.advanceHours(0.1); // the first letter is due first
    }
    // As after an earlier sweep: the wake time is the first letter's next moment (a new database's says "look now").
    await w.harness.store.schedule.settleWake((await w.harness.store.schedule.wake()).version);
    // The world only made the letters; from here on the bot process is the only one talking to Slack.
    await w.slack.stop();
    w.fake.clear();
  });
  afterEach(async () => {
    bot?.kill('SIGKILL');
    await bot?.exited;
    bot = undefined;
    await w.close();
  });

  /** Holds the sweep's first reminder post before Slack sees it, and waits until the bot is making it. */
  async function sweepInProgress(env: Record<string, string> = {}): Promise<{ held: HeldCall; held_for: string }> {
    const held = w.fake.holdNext('chat.postMessage', { stage: 'before-recording', releaseWhenCallerGone: true });
    bot = await startBot(w, env);
    const args = await within(held.arrived, 20_000, 'the first reminder');
    return { held, held_for: String(args.channel) };
  }

  /** The first reminder's delivery keys of a letter: one per owner (an urgent appeal's owners include its urgent line). */
  const reminderKeys = async (ref: string) => (await w.harness.store.letters.get(ref))!.routing.owners.map((owner) => `${ref}:ack-reminder:1:${owner}`);
  const records = async (ref: string) => Promise.all((await reminderKeys(ref)).map((k) => w.harness.store.deliveries.get(k)));

  it('finishes the letter in hand, takes no other, refuses new requests, and exits 0 well inside the grace period', async () => {
    const { held } = await sweepInProgress();
    const before = await scrape(`http://127.0.0.1:${bot!.port}`);
    expect(before.status).toBe(200);
    // The sweep read a wake time about an hour old: the first letter has waited that long.
    expect(valueOf(before.samples, METRIC_NAMES.sweepLag)).toBeGreaterThan(0.9 * 3600);
    expect(valueOf(before.samples, `${METRIC_NAMES.deliveryLag}_count`)).toBe(1);

    const signalled = performance.now();
    bot!.kill('SIGTERM');
    await within(
      (async () => {
        while (!bot!.logs().some((l) => l.msg === 'shutting down')) await new Promise((r) => setTimeout(r, 20));
      })(),
      5000,
      'the shutdown to begin',
    );
    // No request is taken any more: with none in flight the host has stopped listening (else it answers 503).
    const late = await fetch(`http://127.0.0.1:${bot!.port}/slack/events`, { method: 'POST' }).then((r) => r.status, () => 'refused');
    expect([503, 'refused']).toContain(late);
    held.release();

    const { code, at } = await within(bot!.exited, (GRACE_SECONDS * 1000) + EXIT_SLACK_MS, 'the bot to exit');
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(GRACE_SECONDS * 1000);
    const messages = bot!.logs().map((l) => l.msg);
    expect(messages).toContain('stopped');
    expect(messages).not.toContain('shutdown grace period ran out: exiting with work still running');
    expect(bot!.logs().find((l) => l.msg === 'shutting down')).toMatchObject({ signal: 'SIGTERM', graceSeconds: GRACE_SECONDS });

    // The letter in hand was finished: both owners reminded once.
    const [first, second] = refs as [string, string];
    const owners = (await w.harness.store.letters.get(first))!.routing.owners;
    expect(owners.length).toBeGreaterThanOrEqual(2);
    expect((await records(first)).map((r) => r?.status)).toEqual(owners.map(() => 'sent'));
    const direct = w.fake.of('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D') && JSON.stringify(c.args).includes(first));
    expect(direct.map((c) => c.args.channel).sort()).toEqual(owners.map((o) => `D0${o.toUpperCase()}`).sort());
    // The letter behind it was never taken: nothing claimed, still due now for whichever instance sweeps next.
    expect((await records(second)).every((r) => r === null)).toBe(true);
    expect((await w.harness.store.schedule.entry(second))!.at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(w.fake.calls.some((c) => JSON.stringify(c.args).includes(second))).toBe(false);
  }, 60_000);

  it('exits 1 when the grace period runs out, naming the sweep still running, and leaves its claim to the lease (METRICS=off: no /metrics)', async () => {
    const { held } = await sweepInProgress({ METRICS: 'off' });
    expect((await scrape(`http://127.0.0.1:${bot!.port}`)).status).toBe(404);

    const signalled = performance.now();
    bot!.kill('SIGTERM');
    const { code, at } = await within(bot!.exited, GRACE_SECONDS * 1000 + EXIT_SLACK_MS + 5000, 'the bot to exit');
    expect(code).toBe(1);
    expect(at - signalled).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 100);
    expect(at - signalled).toBeLessThan(GRACE_SECONDS * 1000 + EXIT_SLACK_MS);
    const cut = bot!.logs().find((l) => l.msg === 'shutdown grace period ran out: exiting with work still running');
    expect(cut).toMatchObject({ level: 50, graceSeconds: GRACE_SECONDS });
    expect(cut!.stillRunning).toContain('reminder sweep');
    expect(bot!.logs().map((l) => l.msg)).not.toContain('stopped');

    // The post in hand never reached Slack (its caller is gone); its claim stays, held until its lease ends.
    await within(held.callerGone, 5000, 'the held post to be abandoned');
    const [first, second] = refs as [string, string];
    const inHand = (await records(first)).filter((r) => r !== null);
    expect(inHand).toHaveLength(1);
    expect(inHand[0]).toMatchObject({ status: 'claimed', attempts: 1 });
    expect(inHand[0]!.leaseUntil.getTime()).toBeGreaterThan(Date.now());
    expect(w.fake.of('chat.postMessage')).toEqual([]);
    expect((await records(second)).every((r) => r === null)).toBe(true);
  }, 60_000);
});

describe('stopping the built bot while it starts', () => {
  it('starts nothing more once a signal comes during start-up, stops what it started (the embedded database too), and exits 0', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-shutdown-start-'));
    try {
      const bot = await spawnBot({ DATA_DIR: dataDir, DEMO_DIRECTORY: 'off', SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) });
      await within(
        (async () => {
          while (!bot.logs().some((l) => l.msg === 'MONGODB_URI is not set: starting the embedded development database')) await new Promise((r) => setTimeout(r, 10));
        })(),
        20_000,
        'start-up to begin',
      );
      const signalled = performance.now();
      bot.kill('SIGTERM');
      const { code, at } = await within(bot.exited, GRACE_SECONDS * 1000 + EXIT_SLACK_MS, 'the bot to exit');
      expect(code).toBe(0);
      expect(at - signalled).toBeLessThan(GRACE_SECONDS * 1000 + EXIT_SLACK_MS);
      const messages = bot.logs().map((l) => l.msg);
      expect(messages).toContain('stopped');
      expect(messages).not.toContain('http host listening');
      expect(messages).not.toContain('PreLetter is running');
      const embeddedPid = bot.logs().find((l) => l.msg === 'embedded database ready')?.pid as number;
      expect(embeddedPid).toEqual(expect.any(Number));
      expect(isAlive(embeddedPid)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

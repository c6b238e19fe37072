/**
 * The newcomer's path: `npm start` with no configuration serves health and
 * readiness on the embedded database with the demo directory loaded, and Teams in
 * Bot Framework Emulator mode (npm start asks for TEAMS_EMULATOR=first-run); a
 * signal stops everything, embedded database included. Started any other way, or
 * with anything configured, nothing unauthenticated is served at /api/messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../src/store/embedded/launcher';
import { builtEntry } from './support/built';
import { isAlive } from './support/process';
import { SlackApiFake } from './adapters/slack/support/slack-api-fake';
import { SlackRequests, slashCommand } from './adapters/slack/support/slack-requests';
import { ConnectorFake } from './adapters/teams/support/connector-fake';
import { TeamsRequests } from './adapters/teams/support/teams-activities';

/** The bots start from an empty folder, so a developer's own `.env` in the project never leaks into these tests. */
const CWD = mkdtempSync(path.join(tmpdir(), 'preletter-main-cwd-'));
afterAll(() => rmSync(CWD, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  logs: () => Array<Record<string, unknown>>;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: NodeJS.ProcessEnv): Started {
  const bot = builtEntry('src/main.ts');
  const child = spawn(bot.command, bot.args, { cwd: CWD, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logs = () => out.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
  return { child, logs, output: () => out, exited };
}

/** What `npm start` adds (package.json "config": { "teams_emulator": "first-run" }); nothing else is set. */
const NPM_START = { npm_package_config_teams_emulator: 'first-run' };

async function teamsStatus(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return res.status;
}

/** The log line, once the process has written it: start-up logs the platforms' lines after the host is ready. */
async function waitForLog(app: Started, msg: string, ms = 10_000): Promise<string[]> {
  const until = Date.now() + ms;
  while (Date.now() < until && !app.logs().some((l) => l.msg === msg)) await new Promise((r) => setTimeout(r, 50));
  return app.logs().map((l) => String(l.msg));
}

async function waitForReady(port: number, ms = 60_000): Promise<number> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return res.status;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('not ready in time');
}


describe('npm start with no configuration', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-main-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /healthz and /readyz on the embedded database with the demo directory, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    const first = start({ ...env, ...NPM_START });
    expect(await waitForReady(port)).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const messages = first.logs().map((l) => l.msg);
    expect(messages).toContain('routing directory was empty: loaded the fictional demo directory');
    expect(messages).toContain('Teams runs in Bot Framework Emulator mode for this machine only: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for Teams');
    expect(messages).toContain('scheduler started');

    // The Teams endpoint answers in Emulator mode: `help` in personal chat gets a reply through the connector.
    const connector = await ConnectorFake.start();
    try {
      const teams = new TeamsRequests(`http://127.0.0.1:${port}/api/messages`, connector.serviceUrl);
      expect((await teams.post(teams.message({ from: 'mara', text: 'help', personal: true }))).status).toBeLessThan(300);
      const until = Date.now() + 10_000;
      while (Date.now() < until && connector.calls.length === 0) await new Promise((r) => setTimeout(r, 100));
      expect(JSON.stringify(connector.calls[0])).toContain('PreLetter commands');
    } finally {
      await connector.close();
    }
    expect(messages).toContain('Slack is disabled: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to enable it');
    const embeddedPid = first.logs().find((l) => l.msg === 'embedded database ready')?.pid as number;
    expect(isAlive(embeddedPid)).toBe(true);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(isAlive(embeddedPid)).toBe(false);

    // A second start on the same data keeps the directory and does not load the demo again. Started
    // without npm start's default, Teams is closed: nothing at /api/messages, and one line says how to open it.
    const second = start(env);
    await waitForReady(port);
    expect(second.logs().map((l) => l.msg)).not.toContain('routing directory was empty: loaded the fictional demo directory');
    expect(await teamsStatus(port)).toBe(404);
    expect(second.logs().filter((l) => /Teams/.test(String(l.msg))).map((l) => l.msg)).toEqual([
      'Teams is disabled: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to enable it, or TEAMS_EMULATOR=on to try it in the Bot Framework Emulator',
    ]);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);

    // SLACK=off and TEAMS=off win over everything else, and say so once each.
    const third = start({ ...env, ...NPM_START, TEAMS_EMULATOR: 'on', SLACK: 'off', TEAMS: 'off', SLACK_BOT_TOKEN: 'xoxb-off', SLACK_SIGNING_SECRET: 'off' });
    await waitForReady(port);
    expect(await teamsStatus(port)).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
    const offLines = third.logs().filter((l) => /Slack|Teams/.test(String(l.msg))).map((l) => l.msg);
    expect(offLines).toEqual(['Slack is off on this instance (SLACK=off)', 'Teams is off on this instance (TEAMS=off)']);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 180_000);

  it('refuses to start on a bad setting, naming the variable', async () => {
    const bad = start({ PATH: process.env.PATH, PORT: 'eighty' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('PORT: expected a whole number from 1 to 65535 (got "eighty")');
  }, 30_000);

  it('wires Slack when its tokens are set: signed commands from demo directory people are answered, and /api/messages is not served', async () => {
    const fake = await SlackApiFake.start();
    const port = await freePort();
    const slackDir = mkdtempSync(path.join(tmpdir(), 'preletter-main-slack-'));
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DATA_DIR: slackDir,
      SLACK_BOT_TOKEN: 'xoxb-main-test',
      SLACK_SIGNING_SECRET: 'main-test-secret',
      SLACK_API_URL: fake.apiUrl,
      ...NPM_START,
    };
    const app = start(env);
    try {
      await waitForReady(port);
      expect(app.logs().map((l) => l.msg)).not.toContain('Slack is disabled: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to enable it');
      // A Slack-only deployment serves no Teams endpoint, even under npm start's first-run default.
      expect(await teamsStatus(port)).toBe(404);
      const teamsHint = 'Teams is disabled: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to enable it, or TEAMS_EMULATOR=on to try it in the Bot Framework Emulator';
      expect(await waitForLog(app, teamsHint)).toContain(teamsHint);
      const slack = new SlackRequests(`http://127.0.0.1:${port}/slack/events`, 'main-test-secret');
      const command = { ...slashCommand('U0DEMOA001', 'help', 'C0NORTHWND'), team_id: 'T0DEMO0001' };
      expect((await slack.command(command, { signature: 'v0=forged' })).status).toBe(401);
      expect((await slack.command(command)).status).toBe(200);
      const until = Date.now() + 10_000;
      while (Date.now() < until && !fake.calls.some((c) => c.method === 'chat.postEphemeral')) await new Promise((r) => setTimeout(r, 100));
      const reply = fake.calls.find((c) => c.method === 'chat.postEphemeral');
      expect(reply?.args).toMatchObject({ channel: 'C0NORTHWND', user: 'U0DEMOA001' });
      expect(JSON.stringify(reply?.args)).not.toContain('xoxb-main-test');
      expect(app.output()).not.toContain('xoxb-main-test');
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
      await fake.close();
      rmSync(slackDir, { recursive: true, force: true });
    }
  }, 120_000);
});

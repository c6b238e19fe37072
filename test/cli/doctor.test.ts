/**
 * `npm run doctor` as an operator runs it: the built program (`node dist/src/main.js doctor`)
 * as its own process in a folder with a `.env`, against the run's database server, a
 * local fake of Slack's Web API (which accepts one bot token) and a local HTTPS fake of
 * Azure AD's login host (which grants one app id and secret). One line per check, and
 * the exit code says whether any failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Directory } from '../../src/domain/types';
import type { Store } from '../../src/store';
import { freePort } from '../../src/store/embedded/launcher';
import { SlackApiFake } from '../adapters/slack/support/slack-api-fake';
import { LoginFake } from '../adapters/teams/support/login-fake';
import { TEAMS_DIRECTORY } from '../adapters/teams/support/teams-directory';
import { builtEntry } from '../support/built';
import { closeTestStore, openTestStore, testServerUri, uniqueDbName } from '../support/db';

const GOOD_TOKEN = 'xoxb-doctor-good-token';
const APP = { clientId: '00000000-0000-0000-0000-00000000d0c7', secret: 'doctor-app-secret' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Each check's line, by its name: status and sentence. */
  checks: Map<string, { status: string; sentence: string }>;
}

/** The database URI with a database name, for MONGODB_URI. */
function uriOf(dbName: string): string {
  const uri = new URL(testServerUri());
  uri.pathname = `/${dbName}`;
  return uri.toString();
}

function parse(stdout: string): Run['checks'] {
  const checks = new Map<string, { status: string; sentence: string }>();
  for (const line of stdout.split('\n')) {
    const m = /^(ok|fail|skip) {2,}(\S+(?: \S+)?) {2,}(.*)$/.exec(line);
    if (m) checks.set(m[2]!, { status: m[1]!, sentence: m[3]! });
  }
  return checks;
}

describe('npm run doctor', () => {
  let slack: SlackApiFake;
  let login: LoginFake;
  let good: Store;
  const goodDb = uniqueDbName('doctor');
  let cwd: string;

  /** Runs the built doctor in `cwd` with only these variables (plus PATH, HOME and trust in the login fake). */
  async function doctor(env: Record<string, string>, dotenv = ''): Promise<Run> {
    writeFileSync(path.join(cwd, '.env'), dotenv);
    const built = builtEntry('src/main.ts', ['doctor']);
    const child = spawn(built.command, built.args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_EXTRA_CA_CERTS: login.caFile, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, stdout, stderr, checks: parse(stdout) };
  }

  /** Everything configured and right: the passing configuration the failing ones start from. */
  const configured = (dbName: string) => ({
    MONGODB_URI: uriOf(dbName),
    SLACK_SIGNING_SECRET: 'doctor-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    MICROSOFT_APP_ID: APP.clientId,
    MICROSOFT_APP_PASSWORD: APP.secret,
    MICROSOFT_LOGIN_URL: login.loginUrl,
  });

  beforeAll(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), 'preletter-doctor-'));
    slack = await SlackApiFake.start();
    slack.requireToken(GOOD_TOKEN);
    for (const p of TEAMS_DIRECTORY.people) slack.addUser(p.identities[0]!.userId, p.name);
    login = await LoginFake.start(APP);
    good = await openTestStore(goodDb);
    await good.directory.apply(TEAMS_DIRECTORY);
  });
  afterAll(async () => {
    await closeTestStore(good);
    await login.close();
    await slack.close();
    rmSync(cwd, { recursive: true, force: true });
  });
  beforeEach(() => {
    slack.clear();
    login.tokenRequests.length = 0;
  });

  it('passes a right configuration, read from .env, with one line per check, and exits 0', async () => {
    // The token comes from .env; the environment's SLACK_API_URL wins over the stale one in .env.
    const run = await doctor(configured(goodDb), `SLACK_BOT_TOKEN=${GOOD_TOKEN}\nSLACK_API_URL=http://127.0.0.1:1/api/\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect([...run.checks].map(([name, c]) => `${c.status} ${name}`)).toEqual([
      'ok configuration',
      'ok database',
      'ok indexes',
      'ok directory',
      'ok slack auth.test',
      'ok slack channels',
      'ok slack people',
      'ok teams token',
      'ok teams ids',
      'skip teams lookups',
    ]);
    expect(run.stdout.trim().split('\n')).toHaveLength(11);
    expect(run.stdout).toContain('Every check passed');
    expect(run.checks.get('database')!.sentence).toMatch(/^the database .+ at 127\.0\.0\.1:\d+ answers \(a ping took \d+ ms\)\.$/);
    expect(run.checks.get('indexes')!.sentence).toMatch(/^all \d+ indexes the store declares are present/);
    expect(run.checks.get('slack auth.test')!.sentence).toBe('the bot token works: workspace Test (T0TEST), bot user @preletter (U0BOT).');

    // What the fakes were asked: every bound Slack channel's history and every Slack account, with the good token.
    const slackChannels = TEAMS_DIRECTORY.companies.flatMap((c) => c.channels).filter((b) => b.platform === 'slack').map((b) => b.channelId);
    const slackUsers = TEAMS_DIRECTORY.people.map((p) => p.identities[0]!.userId);
    expect(slack.of('conversations.history').map((c) => c.args.channel).sort()).toEqual([...slackChannels].sort());
    expect(slack.of('users.info').map((c) => c.args.user).sort()).toEqual([...slackUsers].sort());
    expect(slack.calls.every((c) => c.token === GOOD_TOKEN)).toBe(true);
    expect(run.checks.get('slack channels')!.sentence).toBe(`PreLetter can read all ${slackChannels.length} bound channels (conversations.history).`);
    expect(login.tokenRequests).toEqual([
      { tenant: 'botframework.com', clientId: APP.clientId, scope: 'https://api.botframework.com/.default', grantType: 'client_credentials', granted: true },
    ]);
    expect(run.checks.get('teams token')!.sentence).toBe(`the app id and password got a Bot Connector token from ${login.loginUrl}/botframework.com.`);
    expect(run.checks.get('teams lookups')!.sentence).toMatch(/cannot be looked up ahead of time: the Bot Connector answers only inside a conversation/);
    // Secrets never reach the output.
    expect(run.stdout).not.toMatch(new RegExp(`${GOOD_TOKEN}|${APP.secret}|doctor-signing-secret`));
  }, 60_000);

  it('names what is wrong: a refused bot token (invalid_auth), a refused app password (invalid_client), and exits 1', async () => {
    const run = await doctor({ ...configured(goodDb), SLACK_BOT_TOKEN: 'xoxb-revoked-or-mistyped', MICROSOFT_APP_PASSWORD: 'wrong-secret' });
    expect(run.code).toBe(1);
    expect(run.checks.get('slack auth.test')).toEqual({
      status: 'fail',
      sentence: 'Slack refused the bot token (invalid_auth): SLACK_BOT_TOKEN is not a valid token: copy the Bot User OAuth Token again from the app\'s "OAuth & Permissions" page.',
    });
    expect(run.checks.get('slack channels')).toEqual({ status: 'skip', sentence: 'not checked: the bot token does not work.' });
    expect(run.checks.get('slack people')!.status).toBe('skip');
    expect(slack.calls.map((c) => c.method)).toEqual(['auth.test']);
    expect(run.checks.get('teams token')!.status).toBe('fail');
    expect(run.checks.get('teams token')!.sentence).toBe(
      `${login.loginUrl}/botframework.com gave no Bot Connector token (invalid_client): AADSTS7000215: Invalid client secret provided. Check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID.`,
    );
    expect(login.tokenRequests.map((r) => r.granted)).toEqual([false]);
    expect(run.checks.get('database')!.status).toBe('ok');
    expect(run.stdout).toContain('2 checks failed.');
    expect(run.stdout).not.toContain('wrong-secret');
  }, 60_000);

  it('names a missing index, a channel PreLetter is not in, an unknown account and a malformed Teams id', async () => {
    const broken: Directory = {
      ...TEAMS_DIRECTORY,
      people: TEAMS_DIRECTORY.people.map((p) => (p.key === 'kai' ? { ...p, identities: [{ platform: 'slack', workspaceId: 'T0TEST', userId: 'U0GONE' }, p.identities[1]!] } : p)),
      companies: TEAMS_DIRECTORY.companies.map((c) =>
        c.key === 'kestrel' ? { ...c, channels: c.channels.map((b) => (b.platform === 'teams' ? { ...b, channelId: 'General' } : b)) } : c,
      ),
    };
    const dbName = uniqueDbName('doctor-broken');
    const store = await openTestStore(dbName);
    const raw = await mongoose.createConnection(testServerUri(), { dbName }).asPromise();
    try {
      await store.directory.apply(broken);
      await raw.db!.collection('deliveries').dropIndex('letterRef_1');
      slack.failNext('conversations.history', { error: 'not_in_channel' });
      const run = await doctor({ ...configured(dbName), SLACK_BOT_TOKEN: GOOD_TOKEN });
      expect(run.code).toBe(1);
      expect(run.checks.get('indexes')!.status).toBe('fail');
      expect(run.checks.get('indexes')!.sentence).toMatch(/^1 of \d+ indexes missing: deliveries letterRef_1\. The bot builds them when it starts/);
      const first = slack.calls.find((c) => c.method === 'conversations.history')!.args.channel as string;
      expect(run.checks.get('slack channels')!.sentence).toMatch(
        new RegExp(`^1 of \\d+ bound channels cannot be used: ${first} \\(\\w+\\): not_in_channel, PreLetter is not a member: invite it there \\(/invite @PreLetter\\)\\.$`),
      );
      expect(run.checks.get('slack people')).toEqual({
        status: 'fail',
        sentence: `1 of ${broken.people.length} Slack accounts cannot be reached: kai (U0GONE): user_not_found, no such account in this workspace.`,
      });
      expect(run.checks.get('teams ids')).toEqual({
        status: 'fail',
        sentence: "1 of the 2 Teams channels and 9 Teams accounts cannot be right: General (kestrel): its channel id is not a Teams channel id (19:…@thread.tacv2).",
      });
      expect(run.checks.get('teams token')!.status).toBe('ok');
    } finally {
      await raw.close();
      await closeTestStore(store);
    }
  }, 60_000);

  it('says the database did not answer, skips what needs it, and exits 1', async () => {
    const port = await freePort();
    const run = await doctor({ ...configured('unused'), MONGODB_URI: `mongodb://127.0.0.1:${port}/preletter`, SLACK_BOT_TOKEN: GOOD_TOKEN });
    expect(run.code).toBe(1);
    expect(run.checks.get('database')!.status).toBe('fail');
    expect(run.checks.get('database')!.sentence).toMatch(new RegExp(`^the database preletter at 127\\.0\\.0\\.1:${port} did not answer within 5 s: .*ECONNREFUSED`));
    expect(run.checks.get('indexes')).toEqual({ status: 'skip', sentence: 'not checked: the database did not answer.' });
    expect(run.checks.get('directory')).toEqual({ status: 'skip', sentence: 'not read: the database did not answer.' });
    expect(run.checks.get('slack auth.test')!.status).toBe('ok');
    expect(run.checks.get('slack channels')).toEqual({ status: 'skip', sentence: 'not checked: the directory could not be read.' });
    expect(run.checks.get('teams token')!.status).toBe('ok');
  }, 60_000);

  it('fails on a setting the bot would refuse, naming the variable, and skips platforms that are off', async () => {
    const bad = await doctor({ MONGODB_URI: uriOf(goodDb), MICROSOFT_LOGIN_URL: 'http://login.example/tenant' });
    expect(bad.code).toBe(1);
    expect(bad.checks.get('configuration')).toEqual({
      status: 'fail',
      sentence: 'the settings cannot be read: MICROSOFT_LOGIN_URL: expected an https address with no path, such as https://login.microsoftonline.com (got "http://login.example/tenant")',
    });
    expect(bad.checks.size).toBe(1);

    const off = await doctor({ MONGODB_URI: uriOf(goodDb), SLACK: 'off', TEAMS: 'off', SLACK_BOT_TOKEN: GOOD_TOKEN, SLACK_SIGNING_SECRET: 's' });
    expect(off.code).toBe(0);
    expect(off.checks.get('slack auth.test')).toEqual({ status: 'skip', sentence: 'Slack is off (SLACK=off).' });
    expect(off.checks.get('teams token')).toEqual({ status: 'skip', sentence: 'Teams is off (TEAMS=off).' });
    expect(slack.calls).toEqual([]);
  }, 60_000);
});

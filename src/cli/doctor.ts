/**
 * `npm run doctor`: checks a configuration for real, from `.env` and the environment as
 * the bot reads them, and prints one line per check (doctor-report.ts): the database
 * reachable and every index the store declares present (read as it is: nothing is
 * built); the directory there; Slack's auth.test with the bot token, then each bound
 * Slack channel readable by the bot and each Slack account found and active; a Teams
 * Bot Connector token from the app id and password; and what can be said of Teams
 * channels and people ahead of time. It asks each platform through its adapter's own
 * client code, handed in as ports (src/bot/config-probes.ts) by src/main.ts, which runs
 * the doctor for `npm run doctor` (`node dist/src/main.js doctor`): the one place that wires adapters.
 * Exit code 0 when no check failed, 1 when one did, 2 for a misused command line.
 */
import path from 'node:path';
import pino from 'pino';
import { SlackProbeFailure, TeamsTokenFailure, type ConfigProbes, type SlackIdentity } from '../bot/config-probes';
import { loadConfig, type Config } from '../config';
import { isPreLetterError } from '../domain/errors';
import type { Directory } from '../domain/types';
import { loadEnvFile } from '../env-file';
import { createLogger, type Logger } from '../logger';
import { databaseNameFrom, openStore, type Store } from '../store';
import { connectOrStartEmbedded, type SharedEmbeddedServer } from '../store/embedded/shared-server';
import { readCliArgs } from './cli-args';
import { count, databaseHosts, formatLine, inTurn, nameFailures, type CheckLine } from './doctor-report';

/** Where the doctor writes: its lines on stdout, notes about what it started on stderr. */
export interface DoctorIo {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes: 0 every check passed or was skipped, 1 a check failed, 2 the command line was misused. */
export const DOCTOR_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** How long the database may take to answer before it is reported unreachable. */
export const DATABASE_TIMEOUT_MS = 5000;

/** What a Slack error code means for the person fixing the configuration. */
const SLACK_ADVICE: Record<string, string> = {
  invalid_auth: 'SLACK_BOT_TOKEN is not a valid token: copy the Bot User OAuth Token again from the app\'s "OAuth & Permissions" page',
  not_authed: 'no token reached Slack: set SLACK_BOT_TOKEN',
  account_inactive: 'the token belongs to a deleted app or workspace: reinstall the app and copy its new token',
  token_revoked: 'the token was revoked: reinstall the app and copy its new token',
  token_expired: 'the token expired: reinstall the app and copy its new token',
  not_in_channel: 'PreLetter is not a member: invite it there (/invite @PreLetter)',
  channel_not_found: 'no such channel, or a private one PreLetter was never invited to',
  missing_scope: "the app lacks a scope PreLetter needs: update it from PreLetter's Slack app manifest and reinstall it",
  user_not_found: 'no such account in this workspace',
  request_failed: 'Slack could not be reached (check SLACK_API_URL and the network)',
};

const advice = (code: string) => SLACK_ADVICE[code] ?? (code.startsWith('http_') ? `Slack answered HTTP ${code.slice(5)}` : 'Slack refused the call');

/** The database: reachable, then its indexes, as the store declares them. */
async function checkDatabase(store: Store, where: string): Promise<CheckLine[]> {
  let check;
  try {
    check = await store.checkIndexes();
  } catch (err) {
    const cause = isPreLetterError(err) && err.cause instanceof Error ? err.cause.message : (err as Error).message;
    return [
      { status: 'fail', name: 'database', sentence: `${where} did not answer within ${DATABASE_TIMEOUT_MS / 1000} s: ${cause.slice(0, 200)}.` },
      { status: 'skip', name: 'indexes', sentence: 'not checked: the database did not answer.' },
    ];
  }
  const startedAt = performance.now();
  const answered = await store.ping();
  const reachable: CheckLine = answered
    ? { status: 'ok', name: 'database', sentence: `${where} answers (a ping took ${Math.max(1, Math.round(performance.now() - startedAt))} ms).` }
    : { status: 'fail', name: 'database', sentence: `${where} answered once, then not within 2 s.` };
  if (check.missing.length === 0) {
    return [reachable, { status: 'ok', name: 'indexes', sentence: `all ${count(check.expected, 'index', 'indexes')} the store declares are present (${count(check.collections, 'collection', 'collections')}).` }];
  }
  const missing = nameFailures(check.missing.map((m) => `${m.collection} ${m.index}`));
  const sentence = `${check.missing.length} of ${count(check.expected, 'index', 'indexes')} missing: ${missing}. The bot builds them when it starts: start it once on this database, or read its start-up log for why it could not.`;
  return [reachable, { status: 'fail', name: 'indexes', sentence }];
}

function slackSkipped(config: Config, why?: string): CheckLine[] {
  const reason = why ?? (config.switchedOff.slack ? 'Slack is off (SLACK=off).' : 'Slack is not configured (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set).');
  return ['slack auth.test', 'slack channels', 'slack people'].map((name) => ({ status: 'skip', name, sentence: reason }));
}

/** Slack: the token, then every bound channel and every account, in the token's workspace. */
async function checkSlack(config: Config, directory: Directory | undefined, logger: Logger, probes: ConfigProbes): Promise<CheckLine[]> {
  if (!config.slack) return slackSkipped(config);
  const probe = probes.slack({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger });
  let me: SlackIdentity;
  try {
    me = await probe.authTest();
  } catch (err) {
    const code = err instanceof SlackProbeFailure ? err.slackError : 'unknown';
    const failed: CheckLine = { status: 'fail', name: 'slack auth.test', sentence: `Slack refused the bot token (${code}): ${advice(code)}.` };
    return [failed, ...slackSkipped(config, 'not checked: the bot token does not work.').slice(1)];
  }
  const lines: CheckLine[] = [{ status: 'ok', name: 'slack auth.test', sentence: `the bot token works: workspace ${me.team} (${me.teamId}), bot user @${me.botName} (${me.botUserId}).` }];
  if (!directory) return [...lines, ...slackSkipped(config, 'not checked: the directory could not be read.').slice(1)];
  const elsewhere = (workspace: string) => `in workspace ${workspace}, not the token's (${me.teamId}): it cannot be checked with this token`;

  const channels = directory.companies.flatMap((c) => c.channels.filter((b) => b.platform === 'slack').map((b) => ({ company: c.key, ...b })));
  const channelProblems = await inTurn(channels, async (b) => {
    if (b.workspaceId !== me.teamId) return `${b.channelId} (${b.company}): ${elsewhere(b.workspaceId)}`;
    try {
      await probe.readChannel(b.channelId);
      return undefined;
    } catch (err) {
      const code = err instanceof SlackProbeFailure ? err.slackError : 'unknown';
      return `${b.channelId} (${b.company}): ${code}, ${advice(code)}`;
    }
  });
  const badChannels = channelProblems.filter((p): p is string => p !== undefined);
  lines.push(
    channels.length === 0
      ? { status: 'skip', name: 'slack channels', sentence: 'no company in the directory has a Slack channel.' }
      : badChannels.length === 0
        ? { status: 'ok', name: 'slack channels', sentence: `PreLetter can read all ${count(channels.length, 'bound channel', 'bound channels')} (conversations.history).` }
        : { status: 'fail', name: 'slack channels', sentence: `${badChannels.length} of ${count(channels.length, 'bound channel', 'bound channels')} cannot be used: ${nameFailures(badChannels)}.` },
  );

  const accounts = directory.people.flatMap((p) => p.identities.filter((i) => i.platform === 'slack').map((i) => ({ person: p.key, ...i })));
  const accountProblems = await inTurn(accounts, async (a) => {
    if (a.workspaceId !== me.teamId) return `${a.person} (${a.userId}): ${elsewhere(a.workspaceId)}`;
    try {
      const user = await probe.findUser(a.userId);
      return user.deleted ? `${a.person} (${a.userId}): the account is deactivated` : undefined;
    } catch (err) {
      const code = err instanceof SlackProbeFailure ? err.slackError : 'unknown';
      return `${a.person} (${a.userId}): ${code}, ${advice(code)}`;
    }
  });
  const badAccounts = accountProblems.filter((p): p is string => p !== undefined);
  lines.push(
    accounts.length === 0
      ? { status: 'skip', name: 'slack people', sentence: 'no person in the directory has a Slack account.' }
      : badAccounts.length === 0
        ? { status: 'ok', name: 'slack people', sentence: `all ${count(accounts.length, 'Slack account', 'Slack accounts')} in the directory exist and are active (users.info).` }
        : { status: 'fail', name: 'slack people', sentence: `${badAccounts.length} of ${count(accounts.length, 'Slack account', 'Slack accounts')} cannot be reached: ${nameFailures(badAccounts)}.` },
  );
  return lines;
}

/** What cannot be checked about Teams channels and people, and why (see adapters/teams/config-probe.ts). */
const TEAMS_LOOKUPS =
  'Teams channels and people cannot be looked up ahead of time: the Bot Connector answers only inside a conversation the bot takes part in, at the service URL Teams sends with it. PreLetter finds out at its first post to each, and tells the mandate team and admins when one fails.';

/** Teams: a Bot Connector token, then the ids in the directory, and what cannot be checked. */
async function checkTeams(config: Config, directory: Directory | undefined, probes: ConfigProbes): Promise<CheckLine[]> {
  const teams = config.teams;
  if (!teams) {
    const why = config.switchedOff.teams ? 'Teams is off (TEAMS=off).' : 'Teams is not configured (MICROSOFT_APP_ID is not set).';
    return ['teams token', 'teams ids', 'teams lookups'].map((name) => ({ status: 'skip', name, sentence: why }));
  }
  const lines: CheckLine[] = [];
  if (!teams.appId) lines.push({ status: 'skip', name: 'teams token', sentence: 'Teams runs in Bot Framework Emulator mode: it uses no token.' });
  else if (teams.appType === 'UserAssignedMSI') {
    lines.push({ status: 'skip', name: 'teams token', sentence: "a UserAssignedMSI app's token comes from the Azure host's managed identity, which only the bot running there can ask." });
  } else {
    try {
      const { authority } = await probes.teamsToken(teams);
      lines.push({ status: 'ok', name: 'teams token', sentence: `the app id and password got a Bot Connector token from ${authority}.` });
    } catch (err) {
      const failure = err instanceof TeamsTokenFailure ? err : new TeamsTokenFailure('the login host', 'unknown', (err as Error).message);
      lines.push({ status: 'fail', name: 'teams token', sentence: `${failure.authority} gave no Bot Connector token (${failure.errorCode}): ${failure.message} Check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID.` });
    }
  }
  if (!directory) lines.push({ status: 'skip', name: 'teams ids', sentence: 'not checked: the directory could not be read.' });
  else {
    const channels = directory.companies.flatMap((c) => c.channels.filter((b) => b.platform === 'teams').map((b) => ({ where: `${b.channelId} (${c.key})`, problem: probes.teamsChannelProblem(b) })));
    const accounts = directory.people.flatMap((p) => p.identities.filter((i) => i.platform === 'teams').map((i) => ({ where: `${p.key} (${i.userId})`, problem: probes.teamsAccountProblem(i) })));
    const bad = [...channels, ...accounts].filter((x) => x.problem).map((x) => `${x.where}: ${x.problem}`);
    const what = `${count(channels.length, 'Teams channel', 'Teams channels')} and ${count(accounts.length, 'Teams account', 'Teams accounts')}`;
    lines.push(
      bad.length === 0
        ? { status: 'ok', name: 'teams ids', sentence: `the ${what} in the directory have well-formed ids.` }
        : { status: 'fail', name: 'teams ids', sentence: `${bad.length} of the ${what} cannot be right: ${nameFailures(bad)}.` },
    );
  }
  lines.push({ status: 'skip', name: 'teams lookups', sentence: TEAMS_LOOKUPS });
  return lines;
}

/** The database the bot would use: MONGODB_URI, else the embedded one in DATA_DIR (started for the check if need be). */
async function database(config: Config, cwd: string, io: DoctorIo, logger: Logger): Promise<{ uri: string; where: string; server?: SharedEmbeddedServer }> {
  if (config.mongodbUri) return { uri: config.mongodbUri, where: `the database ${databaseNameFrom(config.mongodbUri)} at ${databaseHosts(config.mongodbUri)}` };
  const dataDir = path.resolve(cwd, config.dataDir);
  const server = await connectOrStartEmbedded({ dataDir, logger });
  io.err(`Using the embedded database in ${dataDir} (${server.started ? 'started for this check' : 'already running'}; set MONGODB_URI to check another server).`);
  return { uri: server.uri, where: `the embedded database in ${dataDir}`, server };
}

/** The whole check as a function of its arguments and environment, so tests run it as the CLI runs it. */
export async function runDoctor(argv: string[], io: DoctorIo, env: NodeJS.ProcessEnv, cwd: string, probes: ConfigProbes): Promise<number> {
  const args = readCliArgs(argv, { help: { type: 'boolean', short: 'h' } });
  if (args.values.help) {
    io.out('Usage: npm run doctor   (checks the configuration in .env and the environment; no options)');
    return DOCTOR_EXIT.ok;
  }
  if (args.unknown || args.positionals.length > 0) {
    io.err(`Sorry, "${args.unknown ?? args.positionals[0]}" is not something the doctor takes: run \`npm run doctor\` with no arguments.`);
    return DOCTOR_EXIT.usage;
  }
  const lines: CheckLine[] = [];
  const print = (found: CheckLine[]) => {
    lines.push(...found);
    found.forEach((line) => io.out(formatLine(line)));
  };
  let config: Config;
  try {
    config = loadConfig(loadEnvFile({ cwd, env }));
  } catch (err) {
    const reason = isPreLetterError(err) ? err.userMessage.split('\n').slice(1).join('; ') || err.userMessage : (err as Error).message;
    print([{ status: 'fail', name: 'configuration', sentence: `the settings cannot be read: ${reason}` }]);
    return DOCTOR_EXIT.failed;
  }
  print([{ status: 'ok', name: 'configuration', sentence: '.env and the environment read as the bot reads them.' }]);
  // Only errors: the lines say what happened; a warning about an unreachable database would say it twice.
  const logger = createLogger('error', pino.destination(2));
  let db: Awaited<ReturnType<typeof database>>;
  try {
    db = await database(config, cwd, io, logger);
  } catch (err) {
    print([{ status: 'fail', name: 'database', sentence: `the embedded database could not be started: ${isPreLetterError(err) ? err.userMessage : (err as Error).message}` }]);
    return DOCTOR_EXIT.failed;
  }
  const store = await openStore({ uri: db.uri, logger, prepare: false, serverSelectionTimeoutMS: DATABASE_TIMEOUT_MS });
  try {
    const checked = await checkDatabase(store, db.where);
    print(checked);
    let directory: Directory | undefined;
    if (checked[0]!.status === 'ok') {
      try {
        directory = await store.directory.exportAll();
        const channels = directory.companies.reduce((n, c) => n + c.channels.length, 0);
        const summary = `${count(directory.people.length, 'person', 'people')}, ${count(directory.mandates.length, 'mandate', 'mandates')}, ${count(directory.companies.length, 'company', 'companies')} with ${count(channels, 'channel', 'channels')}.`;
        print([
          directory.people.length + directory.companies.length === 0
            ? { status: 'fail', name: 'directory', sentence: 'the routing directory is empty, so no letter can be routed: import one with `npm run directory -- import <file>`.' }
            : { status: 'ok', name: 'directory', sentence: summary },
        ]);
      } catch (err) {
        directory = undefined;
        print([{ status: 'fail', name: 'directory', sentence: `the routing directory could not be read: ${isPreLetterError(err) ? err.userMessage : (err as Error).message}` }]);
      }
    } else {
      print([{ status: 'skip', name: 'directory', sentence: 'not read: the database did not answer.' }]);
    }
    print(await checkSlack(config, directory, logger, probes));
    print(await checkTeams(config, directory, probes));
  } finally {
    await store.close();
    await db.server?.stop();
  }
  const failed = lines.filter((l) => l.status === 'fail').length;
  io.out(failed === 0 ? 'Every check passed (or had nothing to check).' : `${count(failed, 'check', 'checks')} failed.`);
  return failed === 0 ? DOCTOR_EXIT.ok : DOCTOR_EXIT.failed;
}

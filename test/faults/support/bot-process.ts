/**
 * The real bot as its own OS process (`tsx src/main.ts`), configured only through
 * environment variables, as an operator would run it. tsx starts node as a child, so
 * the bot runs in a process group of its own: a SIGKILL reaches the whole bot at once,
 * as a crash or an out-of-memory kill would. Its JSON log lines are kept for the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { freePort } from '../../../src/store/embedded/launcher';
import { builtEntry } from '../../support/built';


/** What a fault test gives the bot; everything else is fixed below. */
export interface BotSettings {
  /** The database; or, with `dataDir`, the embedded one in that folder. */
  mongodbUri?: string;
  dataDir?: string;
  slackApiUrl: string;
  port: number;
}

/** The Slack credentials the bot process is started with. */
export const BOT_TOKEN = 'xoxb-faults-token';
export const SIGNING_SECRET = 'faults-signing-secret-5d1e';

/** A running bot process. */
export interface BotProcess {
  readonly pid: number;
  readonly port: number;
  /** Its JSON log lines so far. */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal's name) once the process group leader is gone. */
  readonly exited: Promise<number | string | null>;
  /** Sends a signal to the whole process group (tsx and the node it started). */
  signal(signal: NodeJS.Signals): void;
  /** GET a path on the bot's HTTP host: its status, or 0 when nothing answered. */
  get(pathname: string): Promise<number>;
}

/** The environment of the bot: nothing from the test process leaks in but PATH and HOME. */
export function botEnvironment(settings: BotSettings): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(settings.mongodbUri ? { MONGODB_URI: settings.mongodbUri } : {}),
    ...(settings.dataDir ? { DATA_DIR: settings.dataDir } : {}),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: settings.slackApiUrl,
    PORT: String(settings.port),
    TEAMS: 'off',
    DEMO_DIRECTORY: 'off',
    NUDGE_CRON: '* * * * * *',
    DELIVERY_LEASE_SECONDS: '2',
    SWEEPER_LEASE_SECONDS: '2',
    LOG_LEVEL: 'info',
  };
}

async function status(port: number, pathname: string): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Starts the bot and waits until it says it is running (bounded). */
export async function startBot(settings: Omit<BotSettings, 'port'> & { port?: number }): Promise<BotProcess> {
  const port = settings.port ?? (await freePort());
  // From the system's temporary folder, so a developer's own `.env` in the project never reaches this bot.
  const built = builtEntry('src/main.ts');
  const child: ChildProcess = spawn(built.command, built.args, {
    cwd: tmpdir(),
    env: botEnvironment({ ...settings, port }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig)));
  const logs = () =>
    out.split('\n').flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  const bot: BotProcess = {
    pid: child.pid!,
    port,
    logs,
    exited,
    signal(sig) {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        /* already gone */
      }
    },
    get: (pathname) => status(port, pathname),
  };
  const deadline = Date.now() + 60_000;
  while (!logs().some((l) => l.msg === 'PreLetter is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      bot.signal('SIGKILL');
      throw new Error(`the bot did not start:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return bot;
}

/** Kills the bot's whole process group at once and waits until it is gone. */
export async function killBot(bot: BotProcess): Promise<void> {
  bot.signal('SIGKILL');
  await bot.exited;
}

/** Stops the bot as an operator would (SIGTERM) and waits; kills it if it does not stop in time. */
export async function stopBot(bot: BotProcess): Promise<void> {
  bot.signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([bot.exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 15_000)))]);
  clearTimeout(timer);
  if (!stopped) await killBot(bot);
  bot.signal('SIGKILL'); // anything of the group still around (tsx's node child)
}

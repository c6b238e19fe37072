/**
 * The bench's live world: one embedded database server (as `npm start` uses without
 * MONGODB_URI), the Slack Web API fake every Slack program here talks to, and the
 * three ways of starting a Slack program the bench compares: PreLetter's build
 * (`node dist/src/main.js`, the database named by MONGODB_URI on that server), PreLetter
 * as it used to start (`npx tsx src/main.ts`), and a bare Bolt app compiled to JavaScript.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { openStore } from '../../src/store';
import { freePort, startEmbeddedServer, type EmbeddedServer } from '../../src/store/embedded/launcher';
import { SlackRequests } from '../adapters/slack/support/slack-requests';
import { silentLogger } from '../support/silent-logger';
import { TEST_DIRECTORY } from '../support/test-directory';
import { FakeWatch } from './fake-watch';
import { startProgram, type Started } from './processes';

const ROOT = path.resolve(__dirname, '../..');
/** The Slack credentials every program of the bench is started with. */
export const BENCH_SIGNING_SECRET = 'bench-signing-secret-41c7';
const BENCH_BOT_TOKEN = 'xoxb-bench-token';

/** The world the live sections share. */
export interface BenchWorld {
  server: EmbeddedServer;
  /** MONGODB_URI of the database the programs use (the test directory loaded). */
  uri: string;
  /** The Slack Web API fake (on its own thread), watched. */
  watch: FakeWatch;
  close(): Promise<void>;
}

/** Which program to start. */
export type ProgramKind = 'preletter' | 'preletter-tsx' | 'bare-bolt';

/** Starts the database server and the fake, and loads the test directory into the programs' database. */
export async function openBenchWorld(): Promise<BenchWorld> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-bench-live-'));
  const server = await startEmbeddedServer({ dataDir, logger: silentLogger });
  const uri = `${server.uri}bench_live`;
  const store = await openStore({ uri, logger: silentLogger });
  await store.directory.apply(TEST_DIRECTORY);
  await store.close();
  const watch = await FakeWatch.start();
  return {
    server,
    uri,
    watch,
    async close() {
      await watch.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Why: the bare app runs as plain JavaScript, like PreLetter's build; tsx would add its own start-up and memory. */
function compiledBareApp(): string {
  const source = path.join(__dirname, 'bare-bolt-app.ts');
  const out = path.join(ROOT, '.cache/bench/bare-bolt-app.js');
  const js = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  mkdirSync(path.dirname(out), { recursive: true });
  // Under the package root, so `require('@slack/bolt')` finds the project's node_modules.
  writeFileSync(out, js);
  return out;
}

function environment(world: BenchWorld, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    MONGODB_URI: world.uri,
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: world.watch.apiUrl,
    PORT: String(port),
    TEAMS: 'off',
    DEMO_DIRECTORY: 'off',
    LOG_LEVEL: 'info',
  };
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/** Why: the bench measures the build; one older than the sources would measure the wrong program, so it is rebuilt first. */
export function ensureBuilt(log: (line: string) => void): void {
  // tsc writes its build record on every build, and only the files whose sources changed.
  const record = path.join(ROOT, 'dist/.tsbuildinfo');
  const sources = Math.max(newestSource(path.join(ROOT, 'src')), newestSource(path.join(ROOT, 'adapters')));
  if (existsSync(path.join(ROOT, 'dist/src/main.js')) && existsSync(record) && statSync(record).mtimeMs >= sources) return;
  log('the build is older than the sources: npm run build…');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed: the bench measures the build, so it stops here.');
}

/** Starts one program on a free port and waits for its /readyz. */
export async function startKind(world: BenchWorld, kind: ProgramKind): Promise<Started> {
  const port = await freePort();
  const env = environment(world, port);
  if (kind === 'bare-bolt') return startProgram({ command: process.execPath, args: [compiledBareApp()], cwd: ROOT, env, port, readyPath: '/readyz' });
  if (kind === 'preletter-tsx') return startProgram({ command: 'npx', args: ['tsx', 'src/main.ts'], cwd: ROOT, env, port, readyPath: '/readyz' });
  const main = path.join(ROOT, 'dist/src/main.js');
  if (!existsSync(main)) throw new Error('dist/src/main.js is missing: run `npm run build` before `npm run bench`.');
  return startProgram({ command: process.execPath, args: [main], cwd: ROOT, env, port, readyPath: '/readyz' });
}

/** Signed requests to a started program's /slack/events. */
export function slackRequestsTo(program: Started): SlackRequests {
  return new SlackRequests(`http://127.0.0.1:${program.port}/slack/events`, BENCH_SIGNING_SECRET);
}

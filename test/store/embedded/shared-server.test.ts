/**
 * One embedded server per data directory, proved with real OS processes: a second
 * PreLetter process uses the first one's server instead of opening the same SQLite
 * files again, and only the process that started the server stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isAlive } from '../../support/process';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SMALL_DIRECTORY = path.join(ROOT, 'test/fixtures/directory/small.json');

interface Status {
  port: number;
  pid: number;
  started: boolean;
}

/** A running hold-embedded.ts process: reads its JSON lines, sends it commands. */
class Holder {
  private buffer = '';
  private lines: string[] = [];
  private waiting: Array<(line: string) => void> = [];
  private stderr = '';
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => {
      this.buffer += d.toString();
      const parts = this.buffer.split('\n');
      this.buffer = parts.pop()!;
      for (const line of parts) {
        const waiter = this.waiting.shift();
        if (waiter) waiter(line);
        else this.lines.push(line);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static start(dataDir: string): Holder {
    // One OS process (node with tsx's loader, no tsx wrapper), so killing it kills the process that started the server.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'hold-embedded.ts'), dataDir], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    holders.add(child);
    return new Holder(child);
  }

  /** The next JSON line the process prints. */
  next<T>(): Promise<T> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(JSON.parse(line) as T);
    return new Promise((resolve, reject) => {
      const failed = () => reject(new Error(`the holder exited: ${this.stderr}`));
      this.exited.then(failed, failed);
      this.waiting.push((l) => resolve(JSON.parse(l) as T));
    });
  }

  ask<T>(command: 'status' | 'people'): Promise<T> {
    this.child.stdin!.write(`${command}\n`);
    return this.next<T>();
  }

  /** Stops it as a signal stops the bot, and waits until it has exited. */
  async stop(): Promise<number | null> {
    this.child.stdin!.end();
    return this.exited;
  }
}

const holders = new Set<ChildProcess>();
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-shared-'));
});

afterEach(() => {
  holders.forEach((child) => child.exitCode === null && child.kill('SIGKILL')); // only after a failed test
  holders.clear();
  rmSync(dataDir, { recursive: true, force: true });
});

const recordFile = () => path.join(dataDir, 'embedded-server.json');
const readRecord = () => JSON.parse(readFileSync(recordFile(), 'utf8')) as { pid: number; port: number; token: string };

async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('two processes on one embedded data directory', () => {
  it('the second process uses the server the first started (same port), and only the first stops it', async () => {
    const first = Holder.start(dataDir);
    const a = await first.next<Status>();
    expect(a.started).toBe(true);
    expect(readRecord()).toMatchObject({ pid: a.pid, port: a.port });

    const second = Holder.start(dataDir);
    expect(await second.next<Status>()).toEqual({ port: a.port, pid: a.pid, started: false });

    expect(await second.stop()).toBe(0);
    expect(isAlive(a.pid)).toBe(true);
    expect(await first.stop()).toBe(0);
    expect(isAlive(a.pid)).toBe(false);
    expect(existsSync(recordFile())).toBe(false);
  }, 120_000);

  it('two processes starting at the same moment start one server between them', async () => {
    const [one, two] = [Holder.start(dataDir), Holder.start(dataDir)];
    const [a, b] = await Promise.all([one.next<Status>(), two.next<Status>()]);
    expect(b.port).toBe(a.port);
    expect(b.pid).toBe(a.pid);
    expect([a.started, b.started].sort()).toEqual([false, true]);
    await Promise.all([one.stop(), two.stop()]);
    expect(isAlive(a.pid)).toBe(false);
  }, 120_000);

  it('a directory import run while the first process serves goes to its server and is visible to it', async () => {
    const workDir = mkdtempSync(path.join(tmpdir(), 'preletter-shared-cwd-'));
    try {
      const served = path.join(workDir, 'data');
      const first = Holder.start(served);
      const a = await first.next<Status>();
      expect(await first.ask('people')).toEqual({ people: [] });

      // `npm run directory` in the project folder: DATA_DIR comes from its .env.
      writeFileSync(path.join(workDir, '.env'), 'DATA_DIR=./data\n');
      const cli = spawn(TSX, [path.join(ROOT, 'src/cli/directory.ts'), 'import', SMALL_DIRECTORY], {
        cwd: workDir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
      });
      holders.add(cli);
      let stdout = '';
      let stderr = '';
      cli.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      cli.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => cli.on('exit', resolve));
      expect({ code, stdout, stderr }).toEqual({
        code: 0,
        stdout: 'Imported 2 people, 1 mandate, 1 company.\n',
        stderr: `Using the embedded database in ${served} (already running, port ${a.port}; set MONGODB_URI to use another server).\n`,
      });

      expect(await first.ask('people')).toEqual({ people: ['ana-lindqvist', 'bo-tanaka'] });
      expect(isAlive(a.pid)).toBe(true);
      await first.stop();
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('ignores the record of a server whose process was killed, and starts a new one', async () => {
    const first = Holder.start(dataDir);
    const a = await first.next<Status>();
    first.child.kill('SIGKILL');
    await first.exited;
    await until(() => !isAlive(a.pid)); // the server exits with the process that started it
    expect(readRecord().pid).toBe(a.pid); // left behind

    const second = Holder.start(dataDir);
    const b = await second.next<Status>();
    expect(b.started).toBe(true);
    expect(b.pid).not.toBe(a.pid);
    expect(readRecord().pid).toBe(b.pid);
    await second.stop();
  }, 120_000);

  it('when the process that started the server stops, a process still using it takes it over on the same port', async () => {
    const first = Holder.start(dataDir);
    const a = await first.next<Status>();
    const second = Holder.start(dataDir);
    await second.next<Status>();
    expect(await second.ask('people')).toEqual({ people: [] });

    await first.stop();
    await until(async () => (await second.ask<Status>('status')).started);
    const b = await second.ask<Status>('status');
    expect(b.port).toBe(a.port);
    expect(b.pid).not.toBe(a.pid);
    expect(await second.ask('people')).toEqual({ people: [] }); // its open connection found the new server
    expect(readRecord()).toMatchObject({ pid: b.pid, port: a.port });
    await second.stop();
    expect(isAlive(b.pid)).toBe(false);
  }, 120_000);
});

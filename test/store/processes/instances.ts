/**
 * Starts long-running PreLetter instances (instance-worker.ts) as separate OS processes
 * (node with tsx's loader), each with its own connection to the one test server, and follows their
 * events: tests wait for a log line or a post with a bound, send commands, and SIGKILL
 * an instance as a crash would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testServerUri } from '../../support/db';
import type { InstanceCommand, InstanceOptions } from './instance-worker';

const ROOT = path.resolve(__dirname, '../../..');
/** tsx as a loader of this very node process (not its CLI, which runs the program in a child): the pid is the worker's own, so SIGKILL kills it. */
const TSX_LOADER = ['--import', 'tsx'];
const WORKER = path.join(__dirname, 'instance-worker.ts');

/** One event a worker printed, with when the parent read it (real time, for ordering across processes). */
export type InstanceEvent = Record<string, any> & { event: string; seenAt: number };

/** A running instance process. */
export class InstanceProcess {
  readonly events: InstanceEvent[] = [];
  private stderr = '';
  private exitCode: number | null | undefined;
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly instanceId: string,
    private readonly child: ChildProcess,
  ) {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('{')) this.events.push({ ...(JSON.parse(line) as { event: string }), seenAt: Date.now() });
      }
      this.wake();
    });
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    child.on('exit', (code) => {
      this.exitCode = code;
      this.wake();
    });
  }

  /** Starts a worker and waits until it is ready (its store open, its scheduler or Teams app running). */
  static async start(options: Omit<InstanceOptions, 'uri'>): Promise<InstanceProcess> {
    const child = spawn(process.execPath, [...TSX_LOADER, WORKER, JSON.stringify({ ...options, uri: testServerUri() })], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const instance = new InstanceProcess(options.instanceId, child);
    await instance.waitFor((e) => e.event === 'ready', 'ready', 20_000);
    return instance;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The `ready` event's HTTP URL (Teams workers). */
  get url(): string {
    return this.events.find((e) => e.event === 'ready')!.url as string;
  }

  /** Every post this instance made (its `label` says what and where). */
  posts(): InstanceEvent[] {
    return this.events.filter((e) => e.event === 'post');
  }

  /** Log lines with this message. */
  logged(message: string): InstanceEvent[] {
    return this.events.filter((e) => e.event === 'log' && e.message === message);
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the first event (from `from` on) that matches; fails after `timeoutMs` or if the process exits first. */
  waitFor(match: (e: InstanceEvent) => boolean, what: string, timeoutMs = 10_000, from = 0): Promise<InstanceEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(from).find(match);
        if (found) return done(() => resolve(found));
        if (this.exitCode !== undefined) return done(() => reject(new Error(`${this.instanceId} exited (${this.exitCode}) before ${what}: ${this.stderr.slice(-2000)}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${this.instanceId}: no ${what} within ${timeoutMs} ms`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves once `times` events from `from` on match (for example two ticks of the cron); same failures as waitFor. */
  async waitForTimes(match: (e: InstanceEvent) => boolean, times: number, what: string, timeoutMs = 10_000, from = 0): Promise<void> {
    let next = from;
    for (let i = 0; i < times; i += 1) {
      const found = await this.waitFor(match, `${what} (${i + 1} of ${times})`, timeoutMs, next);
      next = this.events.indexOf(found) + 1;
    }
  }

  /** Sends a command; resolves with the event that answers it. */
  async send(command: InstanceCommand, answer: (e: InstanceEvent) => boolean, timeoutMs = 10_000): Promise<InstanceEvent> {
    const from = this.events.length;
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
    return this.waitFor(answer, `answer to ${command.cmd}`, timeoutMs, from);
  }

  /** Moves this instance's simulated clock. */
  async setClock(at: Date): Promise<void> {
    await this.send({ cmd: 'clock', at: at.toISOString() }, (e) => e.event === 'clock' && e.at === at.toISOString());
  }

  /** Stops it cleanly (the scheduler releases its lease) and waits for the exit. */
  async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    await this.send({ cmd: 'stop' }, (e) => e.event === 'stopped', 15_000);
    await this.exited();
  }

  /** A crash: SIGKILL, no clean-up of any kind. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited();
  }

  exited(): Promise<void> {
    if (this.exitCode !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.child.once('exit', () => resolve()));
  }
}

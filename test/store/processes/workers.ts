/**
 * Starts race-test workers as separate OS processes (through tsx), waits until each
 * has its own connection open, then releases them all at once and collects their
 * JSON answers. The processes share nothing but the database server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testServerUri } from '../../support/db';
import type { Job } from './store-worker';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const WORKER = path.join(__dirname, 'store-worker.ts');

interface Running {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<unknown>;
}

function start(job: Job, dbName: string): Running {
  const child = spawn(TSX, [WORKER, JSON.stringify({ ...job, uri: testServerUri(), dbName })], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<unknown>((resolve, reject) => {
    child.on('exit', (code) => {
      markReady();
      if (code !== 0) return reject(new Error(`worker ${job.kind} exited ${code}: ${err.slice(-2000)}`));
      const lines = out.trim().split('\n');
      resolve(JSON.parse(lines[lines.length - 1]!));
    });
  });
  return { child, ready, done };
}

/** Runs each job in its own process, all released together; resolves to their answers in order. */
export async function raceInProcesses<T = Record<string, unknown>>(dbName: string, jobs: Job[]): Promise<T[]> {
  const running = jobs.map((job) => start(job, dbName));
  await Promise.all(running.map((r) => r.ready));
  const pids = new Set(running.map((r) => r.child.pid));
  if (pids.size !== jobs.length || pids.has(process.pid)) throw new Error('workers did not start as separate processes');
  for (const r of running) r.child.stdin!.write('go\n');
  return (await Promise.all(running.map((r) => r.done))) as T[];
}

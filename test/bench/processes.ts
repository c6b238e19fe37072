/**
 * Programs the bench starts as an operator would: their own OS process, configured
 * through the environment, timed from spawn to the first 200 on a readiness path,
 * and weighed by resident memory (VmRSS in /proc/<pid>/status) once ready: the
 * process itself, and the sum over it and every process it started (npx, tsx and
 * esbuild wrappers count for a program started through them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** A started program, ready, with what readiness cost. */
export interface Started {
  readonly pid: number;
  readonly port: number;
  /** Milliseconds from spawn to the first 200 on the readiness path. */
  readonly readyMs: number;
  /** Resident memory now, MiB: of the spawned process, and of it and all its descendants. */
  memory(): { rssMiB: number; treeRssMiB: number };
  /** What it printed so far (for a failure message). */
  output(): string;
  /** Ends its whole process group and waits until the leader is gone. */
  stop(): Promise<void>;
}

/** How to start one program. */
export interface StartSpec {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  /** The path that answers 200 once the program is ready. */
  readyPath: string;
  timeoutMs?: number;
}

function statusField(pid: number, field: string): string | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line?.slice(field.length + 1).trim();
  } catch {
    return undefined; // gone meanwhile
  }
}

/** VmRSS of one process in MiB (0 when it is gone). */
export function rssMiB(pid: number): number {
  const kb = Number.parseInt(statusField(pid, 'VmRSS') ?? '0', 10);
  return kb / 1024;
}

/** The pids of a process and every process below it, read from /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = Number(statusField(Number(name), 'PPid'));
    if (!Number.isFinite(ppid)) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

async function answers200(port: number, pathname: string): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Process groups started here and not stopped yet: ended if the bench itself ends first (an error, Ctrl-C). */
const live = new Set<number>();
process.once('exit', () => {
  for (const group of live) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** Starts a program in a process group of its own and waits (polling every 5 ms) for its readiness path. */
export async function startProgram(spec: StartSpec): Promise<Started> {
  const startedAt = performance.now();
  const child: ChildProcess = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  // Only the tail is kept: a program logging every request for minutes must not fill the bench's memory.
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-65_536));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  live.add(child.pid!);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const deadline = Date.now() + (spec.timeoutMs ?? 60_000);
  while (!(await answers200(spec.port, spec.readyPath))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      kill('SIGKILL');
      throw new Error(`${spec.command} ${spec.args.join(' ')} did not get ready:\n${out.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const readyMs = performance.now() - startedAt;
  const pid = child.pid!;
  return {
    pid,
    port: spec.port,
    readyMs,
    memory: () => ({ rssMiB: rssMiB(pid), treeRssMiB: processTree(pid).reduce((sum, p) => sum + rssMiB(p), 0) }),
    output: () => out,
    async stop() {
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      kill('SIGKILL'); // anything of its group still left (a wrapper's child)
      live.delete(pid);
    },
  };
}

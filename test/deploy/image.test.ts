/**
 * The container image, without a container engine: the Dockerfile's runtime stage is
 * replayed into an empty folder (its COPY lines from the built tree, its `npm ci` as
 * written), then its start command and its healthcheck run there, as the image would run
 * them, against the test run's database server.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/store/embedded/launcher';
import { loadConfig } from '../../src/config';
import { testServerUri, uniqueDbName } from '../support/db';
import { copyOf, execForm, readStages, type Stage } from './support/dockerfile';

const ROOT = path.resolve(__dirname, '../..');
const stages = readStages(path.join(ROOT, 'Dockerfile'));
const runtime = stages.at(-1)!;
const build = stages.find((s) => s.name === 'build');
const args = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
/** What the lock file says only development needs (`"dev": true`): a production install has none of it. */
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
const devOnly = Object.entries(lock.packages).filter(([where, p]) => where.startsWith('node_modules/') && p.dev).map(([where]) => where);

/** Every file under `dir`, relative to it, node_modules left out. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    if (entry.name === 'node_modules') return [];
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), rel) : [rel];
  });
}

function databaseUri(): string {
  const url = new URL(testServerUri());
  url.pathname = `/${uniqueDbName('image')}`;
  return url.toString();
}

describe('the container image', () => {
  it('builds in two stages and runs as an unprivileged user, checked on /healthz, with node itself as PID 1', () => {
    expect(build).toBeDefined();
    expect(args(build!, 'RUN')).toEqual(expect.arrayContaining([expect.stringContaining('npm run build')]));
    expect(runtime.name).not.toBe('build');
    const users = args(runtime, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    const installs = args(runtime, 'RUN').filter((r) => /\bnpm ci\b/.test(r));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toContain('--omit=dev');
    const [healthcheck] = args(runtime, 'HEALTHCHECK');
    expect(healthcheck).toContain('/healthz');
    const cmd = execForm(args(runtime, 'CMD').at(-1)!);
    expect(cmd).toEqual(['node', 'dist/src/main.js']);
  });

  it('keeps secrets and local state out of the build context, and lets in everything the build copies', () => {
    const ignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(ignore[0]).toBe('*');
    const admitted = ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    for (const stage of stages) {
      for (const copy of args(stage, 'COPY').map(copyOf).filter((c) => !c.from)) {
        for (const source of copy.sources) expect(admitted).toContain(source);
      }
    }
    for (const kept of ['.env', 'node_modules', 'dist', 'data', '.git']) expect(admitted).not.toContain(kept);
  });

  describe('replayed from the built tree', () => {
    const app = mkdtempSync(path.join(tmpdir(), 'preletter-image-'));
    afterAll(() => rmSync(app, { recursive: true, force: true }));
    const env: Record<string, string> = {};

    beforeAll(() => {
      for (const instruction of runtime.instructions) {
        if (instruction.keyword === 'ENV') {
          const [name, ...value] = instruction.args.split('=');
          env[name!] = value.join('=');
        }
        if (instruction.keyword === 'COPY') {
          const copy = copyOf(instruction.args);
          // The build stage works in /app and leaves its output where `npm run build` leaves it here.
          const sources = copy.sources.map((s) => (copy.from ? path.join(ROOT, path.relative('/app', s)) : path.join(ROOT, s)));
          const many = sources.length > 1 || copy.destination.endsWith('/');
          for (const source of sources) {
            const target = many ? path.join(app, copy.destination, path.basename(source)) : path.join(app, copy.destination);
            cpSync(source, target, { recursive: true });
          }
        }
        if (instruction.keyword === 'RUN') {
          const command = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--mount=')).join(' ');
          // The npm cache of this machine stands in for the image build's cache mount.
          execFileSync('sh', ['-c', `${command} --prefer-offline`], { cwd: app, stdio: 'pipe' });
        }
      }
    }, 240_000);

    it('holds the compiled program and production dependencies only: no TypeScript sources and no development dependency', () => {
      expect(existsSync(path.join(app, 'dist/src/main.js'))).toBe(true);
      expect(filesUnder(app).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
      expect(devOnly).toEqual(expect.arrayContaining(['node_modules/typescript', 'node_modules/jest', 'node_modules/tsx', 'node_modules/pino-pretty']));
      expect(devOnly.filter((where) => existsSync(path.join(app, where)))).toEqual([]);
      expect(existsSync(path.join(app, 'node_modules/mongoose'))).toBe(true);
    });

    it('starts with its own command on MongoDB, passes its healthcheck, writes JSON logs and nothing to disk, and stops cleanly on SIGTERM', async () => {
      const before = filesUnder(app).sort();
      const port = await freePort();
      const cmd = execForm(args(runtime, 'CMD').at(-1)!);
      const childEnv = { PATH: process.env.PATH!, ...env, PORT: String(port), MONGODB_URI: databaseUri() };
      const child = spawn(cmd[0]!, cmd.slice(1), { cwd: app, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        let ready = 0;
        for (const until = Date.now() + 60_000; Date.now() < until && ready !== 200; ) {
          ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0);
          if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
        }
        expect(ready).toBe(200);
        const healthcheck = execForm(args(runtime, 'HEALTHCHECK')[0]!.replace(/^.*?\bCMD\s+/, ''));
        const probe = spawnSync(healthcheck[0]!, healthcheck.slice(1), { cwd: app, env: childEnv, timeout: 10_000 });
        expect(probe.status).toBe(0);
      } finally {
        child.kill('SIGTERM');
      }
      const graceMs = loadConfig({}).shutdownGraceMs;
      const code = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), graceMs + 5000))]);
      expect(code).toBe(0);
      const lines = out.trim().split('\n');
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(filesUnder(app).sort()).toEqual(before);
    }, 120_000);

    it('fails its healthcheck when nothing answers on the port', async () => {
      const port = await freePort();
      const healthcheck = execForm(args(runtime, 'HEALTHCHECK')[0]!.replace(/^.*?\bCMD\s+/, ''));
      const probe = spawnSync(healthcheck[0]!, healthcheck.slice(1), { cwd: app, env: { PATH: process.env.PATH!, PORT: String(port) }, timeout: 10_000 });
      expect(probe.status).toBe(1);
    });
  });
});

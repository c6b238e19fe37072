/**
 * `.env` in the current directory: read by the bot and every CLI before the
 * configuration, never overriding the environment, and a broken file is one clear line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEnvFile } from '../src/env-file';
import { builtEntry } from './support/built';
import { PreLetterError } from '../src/domain/errors';


let dir: string;
const running = new Set<ChildProcess>();
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'preletter-env-'));
});
afterEach(() => {
  running.forEach((child) => child.kill('SIGKILL')); // only if a test failed before its child exited
  rmSync(dir, { recursive: true, force: true });
});

function writeEnv(...lines: string[]): void {
  writeFileSync(path.join(dir, '.env'), `${lines.join('\n')}\n`);
}

function failure(run: () => unknown): PreLetterError {
  try {
    run();
  } catch (err) {
    if (err instanceof PreLetterError) return err;
    throw err;
  }
  throw new Error('expected loadEnvFile to refuse the file');
}

/** Runs an entry point of this repository, as built, in `cwd`, with only PATH and HOME set. */
function runEntry(entry: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const built = builtEntry(entry, args);
    const child = spawn(built.command, built.args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('loadEnvFile', () => {
  it('adds the settings of .env in the given directory, but a variable already in the environment wins', () => {
    writeEnv('# PreLetter settings', 'PORT=4000', 'export DATA_DIR=./elsewhere', 'LOG_LEVEL="debug"', 'EMPTY=', 'MULTI="one', 'two"');
    const env: NodeJS.ProcessEnv = { PORT: '3978' };
    expect(loadEnvFile({ cwd: dir, env })).toBe(env);
    expect(env).toEqual({ PORT: '3978', DATA_DIR: './elsewhere', LOG_LEVEL: 'debug', EMPTY: '', MULTI: 'one\ntwo' });
  });

  it('changes nothing when there is no .env', () => {
    const env: NodeJS.ProcessEnv = { PORT: '3978' };
    expect(loadEnvFile({ cwd: dir, env })).toEqual({ PORT: '3978' });
  });

  it('refuses a line that is not NAME=value in one sentence naming the line, never echoing it', () => {
    writeEnv('PORT=4000', '', 'SLACK_BOT_TOKEN xoxb-pasted-without-equals');
    const err = failure(() => loadEnvFile({ cwd: dir, env: {} }));
    expect(err.code).toBe('invalid-config');
    expect(err.message).toBe(`The settings file ${path.join(dir, '.env')} cannot be read: line 3 is not NAME=value (a # starts a comment).`);
    expect(err.message).not.toContain('xoxb');
  });

  it('refuses a quoted value that is never closed, naming the line it opens on', () => {
    writeEnv('PORT=4000', 'SLACK_SIGNING_SECRET="abc', 'LOG_LEVEL=info');
    expect(failure(() => loadEnvFile({ cwd: dir, env: {} })).message).toContain('line 2 opens a "-quoted value that is never closed');
  });

  it('says plainly when .env is a folder', () => {
    mkdirSync(path.join(dir, '.env'));
    expect(failure(() => loadEnvFile({ cwd: dir, env: {} })).message).toContain('cannot be read (it is a folder)');
  });
});

describe('start-up reads .env from the current directory', () => {
  it('the bot applies .env before its configuration, so a bad value there stops it, named', async () => {
    writeEnv('PORT=eighty');
    const run = await runEntry('src/main.ts', [], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PORT: expected a whole number from 1 to 65535 (got "eighty")');
  }, 30_000);

  it('the bot stops on a malformed .env with one line', async () => {
    writeEnv('PORT=3978', 'this is not a setting');
    const run = await runEntry('src/main.ts', [], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`The settings file ${path.join(dir, '.env')} cannot be read: line 2 is not NAME=value (a # starts a comment).`);
  }, 30_000);

  it('npm run package:teams takes MICROSOFT_APP_ID from .env', async () => {
    const appId = '11111111-2222-3333-4444-555555555555';
    writeEnv(`MICROSOFT_APP_ID=${appId}`);
    const run = await runEntry('src/cli/package-teams.ts', ['--out', 'teams.zip'], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Wrote teams.zip (manifest.json, color.png, outline.png, fr.json, es.json) for app ${appId}.`);
  }, 30_000);
});

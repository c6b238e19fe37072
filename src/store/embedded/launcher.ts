/**
 * Builds and runs the embedded MongoDB-wire server (FerretDB on SQLite, see
 * main.go) so development and tests need no database installed by hand.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { PreLetterError } from '../../domain/errors';
import { errorDetails, type Logger } from '../../logger';
import { packagePath } from '../../package-root';

/** The Go sources, at their place in the package (the compiled launcher lives elsewhere, in dist/). */
const SOURCE_DIR = packagePath('src/store/embedded');
/** Everything the binary is built from: the Go files (tests aside), go.mod and go.sum. */
function sources(): string[] {
  const goFiles = readdirSync(SOURCE_DIR).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
  return [...goFiles.sort(), 'go.mod', 'go.sum'];
}
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** Where built binaries are cached; keyed by a hash of the Go sources so edits rebuild. */
export const DEFAULT_CACHE_DIR = packagePath('.cache/embedded');

/** A running embedded server; stop() ends it and waits until the process is gone. */
export interface EmbeddedServer {
  uri: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

function hint(reason: string): PreLetterError {
  return new PreLetterError(
    'unavailable',
    `The embedded database could not start: ${reason} Install Go 1.22 or newer, or set MONGODB_URI to a MongoDB server (for example mongodb://127.0.0.1:27017/preletter).`,
  );
}

/** Path the binary for the current sources is (or will be) built at. */
export function binaryPath(cacheDir = DEFAULT_CACHE_DIR): string {
  const hash = createHash('sha256');
  for (const file of sources()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(SOURCE_DIR, file)));
  }
  return path.join(cacheDir, `ferretdb-embedded-${hash.digest('hex').slice(0, 16)}`);
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Build the binary once with `go build`; a cached build of the same sources is reused.
 * Concurrent builders are safe: each writes a temporary file and renames it into place.
 */
export async function buildEmbeddedServer(logger: Logger, cacheDir = DEFAULT_CACHE_DIR): Promise<string> {
  const target = binaryPath(cacheDir);
  if (existsSync(target)) return target;
  mkdirSync(cacheDir, { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  logger.info({ target }, 'building embedded database (first run only, about a minute)');
  let result: { code: number; output: string };
  try {
    result = await run('go', ['build', '-trimpath', '-o', temp, '.'], SOURCE_DIR);
  } catch (err) {
    throw hint(`Go was not found on this machine (${(err as Error).message}).`);
  }
  if (result.code !== 0) {
    throw hint(`go build failed: ${result.output.trim().split('\n').slice(-5).join(' | ')}.`);
  }
  renameSync(temp, target);
  return target;
}

/** A TCP port nobody listens on right now, for a server we are about to start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(uri: string, child: ChildProcess, deadline: number): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw hint(`the server exited with code ${child.exitCode}.`);
    const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 1000 });
    try {
      await connection.asPromise();
      await connection.db!.admin().ping();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await connection.close().catch(() => undefined);
    }
  }
  throw hint(`it did not answer a ping within ${READY_TIMEOUT_MS / 1000} seconds (${String(lastError)}).`);
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Start the embedded server on a free port with its SQLite files in `dataDir`, and
 * wait until it answers a MongoDB ping. It exits by itself if this process dies,
 * because it watches its standard input.
 */
export async function startEmbeddedServer(options: {
  dataDir: string;
  logger: Logger;
  port?: number;
  cacheDir?: string;
}): Promise<EmbeddedServer> {
  const { dataDir, logger } = options;
  const binary = await buildEmbeddedServer(logger, options.cacheDir);
  const port = options.port ?? (await freePort());
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(binary, ['-port', String(port), '-data-dir', dataDir, '-log-level', 'error'], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  child.on('error', (err) => logger.error({ ...errorDetails(err) }, 'embedded database process error'));
  const uri = `mongodb://127.0.0.1:${port}/`;
  try {
    await waitForPing(uri, child, Date.now() + READY_TIMEOUT_MS);
  } catch (err) {
    child.kill('SIGKILL');
    if (stderr) logger.error({ stderr: stderr.trim() }, 'embedded database output');
    throw err;
  }
  logger.info({ port, pid: child.pid }, 'embedded database ready');
  return {
    uri,
    port,
    pid: child.pid!,
    async stop() {
      child.stdin!.end();
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    },
  };
}

/**
 * What a data directory says about the embedded server serving it: a record
 * (embedded-server.json: its pid, port and a start token) and a start lock
 * (embedded-server.lock, created exclusively), so processes that share one data
 * directory share one server and never start two on the same SQLite files.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/** The record's file name inside the data directory. */
export const RECORD_FILE = 'embedded-server.json';

/** The start lock's file name inside the data directory. */
export const LOCK_FILE = 'embedded-server.lock';

/**
 * A lock older than this is stale even while its pid lives (pids are reused): a
 * start under the lock takes at most the launcher's 30-second ready timeout.
 */
export const LOCK_STALE_MS = 60_000;

/** A lock file still empty after this long lost its writer between create and write. */
const EMPTY_LOCK_STALE_MS = 5_000;

/** The running server of a data directory, as its starter recorded it. */
export interface ServerRecord {
  /** The server process. */
  pid: number;
  port: number;
  /** Names this start, so a stop removes only its own record, never a newer one. */
  token: string;
  /** The process that started it (the server exits with it). */
  ownerPid: number;
  startedAt: string;
}

interface LockContent {
  pid: number;
  token: string;
  createdAt: number;
}

/** True while a process with this pid exists (one we may not signal exists too). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* already gone */
  }
}

const isPositiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/** The data directory's record, or undefined when there is none or it is unreadable. */
export function readServerRecord(dataDir: string): ServerRecord | undefined {
  const record = readJson(path.join(dataDir, RECORD_FILE)) as Partial<ServerRecord> | undefined;
  if (!record || !isPositiveInt(record.pid) || !isPositiveInt(record.port) || typeof record.token !== 'string') return undefined;
  return record as ServerRecord;
}

/** Writes the record whole (temporary file, then rename), so a reader never sees half of it. */
export function writeServerRecord(dataDir: string, record: ServerRecord): void {
  const target = path.join(dataDir, RECORD_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(record)}\n`);
  renameSync(temp, target);
}

/** Removes the record if it is still the one with this token; a newer server's record stays. */
export function removeServerRecord(dataDir: string, token: string): void {
  if (readServerRecord(dataDir)?.token === token) removeQuietly(path.join(dataDir, RECORD_FILE));
}

function parseLock(raw: string): LockContent | undefined {
  try {
    const lock = JSON.parse(raw) as Partial<LockContent>;
    return isPositiveInt(lock.pid) && typeof lock.token === 'string' && typeof lock.createdAt === 'number' ? (lock as LockContent) : undefined;
  } catch {
    return undefined;
  }
}

/** Stale: its process is gone, or it is older than LOCK_STALE_MS, or it stayed empty. */
function removeIfStale(file: string, now: number): void {
  let raw: string;
  let modified: number;
  try {
    raw = readFileSync(file, 'utf8');
    modified = statSync(file).mtimeMs;
  } catch {
    return; // released meanwhile
  }
  const lock = parseLock(raw);
  const stale = lock ? !isProcessAlive(lock.pid) || now - lock.createdAt > LOCK_STALE_MS : now - modified > EMPTY_LOCK_STALE_MS;
  if (!stale) return;
  // Only if it is still the lock judged stale: a fresh lock another process just took stays.
  try {
    if (readFileSync(file, 'utf8') === raw) unlinkSync(file);
  } catch {
    /* released meanwhile */
  }
}

/**
 * Takes the start lock once (exclusive create) and returns its token, or returns
 * undefined while another process holds it; a stale lock is removed, so the next
 * attempt can take it.
 */
export function tryStartLock(dataDir: string, now = Date.now()): string | undefined {
  const file = path.join(dataDir, LOCK_FILE);
  const token = randomUUID();
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    removeIfStale(file, now);
    return undefined;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, token, createdAt: now } satisfies LockContent));
  } finally {
    closeSync(fd);
  }
  return token;
}

/** Releases the start lock if it is still ours (a lock broken as stale and retaken stays). */
export function releaseStartLock(dataDir: string, token: string): void {
  const file = path.join(dataDir, LOCK_FILE);
  try {
    if (parseLock(readFileSync(file, 'utf8'))?.token === token) unlinkSync(file);
  } catch {
    /* already gone */
  }
}

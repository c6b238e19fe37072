/**
 * The start lock and the server record in a data directory: one process at a time
 * may start the server, a lock left by a dead or hung process does not block for
 * ever, and a stop removes only its own record.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  LOCK_FILE,
  LOCK_STALE_MS,
  readServerRecord,
  releaseStartLock,
  removeServerRecord,
  tryStartLock,
  writeServerRecord,
} from '../../../src/store/embedded/server-record';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-record-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** The pid of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

function plantLock(content: string): void {
  writeFileSync(path.join(dataDir, LOCK_FILE), content);
}

describe('the start lock', () => {
  it('is held by one process at a time, and free again once released', () => {
    const token = tryStartLock(dataDir);
    expect(token).toEqual(expect.any(String));
    expect(tryStartLock(dataDir)).toBeUndefined();
    releaseStartLock(dataDir, token!);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(tryStartLock(dataDir)).toEqual(expect.any(String));
  });

  it('is respected while its process lives and it is fresh', () => {
    plantLock(JSON.stringify({ pid: process.pid, token: 'other', createdAt: Date.now() }));
    expect(tryStartLock(dataDir)).toBeUndefined();
    expect(tryStartLock(dataDir)).toBeUndefined();
  });

  it('is stale when its process is gone: the next attempt takes it', () => {
    plantLock(JSON.stringify({ pid: deadPid(), token: 'crashed', createdAt: Date.now() }));
    expect(tryStartLock(dataDir)).toBeUndefined();
    expect(tryStartLock(dataDir)).toEqual(expect.any(String));
  });

  it('is stale after a minute even if its pid lives, since pids are reused', () => {
    plantLock(JSON.stringify({ pid: process.pid, token: 'old', createdAt: Date.now() - LOCK_STALE_MS - 1 }));
    expect(tryStartLock(dataDir)).toBeUndefined();
    expect(tryStartLock(dataDir)).toEqual(expect.any(String));
  });

  it('is stale when its writer died before writing it and it stayed empty', () => {
    plantLock('');
    expect(tryStartLock(dataDir)).toBeUndefined(); // just created: its writer may still be writing
    const past = new Date(Date.now() - 10_000);
    utimesSync(path.join(dataDir, LOCK_FILE), past, past);
    expect(tryStartLock(dataDir)).toBeUndefined();
    expect(tryStartLock(dataDir)).toEqual(expect.any(String));
  });

  it('is not released by a process whose lock was broken and taken by another', () => {
    plantLock(JSON.stringify({ pid: process.pid, token: 'newer', createdAt: Date.now() }));
    releaseStartLock(dataDir, 'mine');
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
  });
});

describe('the server record', () => {
  const record = { pid: 4242, port: 27999, token: 'first', ownerPid: 4241, startedAt: '2026-03-03T08:00:00.000Z' };

  it('is read back as written, and removed by the start that wrote it', () => {
    writeServerRecord(dataDir, record);
    expect(readServerRecord(dataDir)).toEqual(record);
    removeServerRecord(dataDir, 'first');
    expect(readServerRecord(dataDir)).toBeUndefined();
  });

  it('is left alone by a stop of an older start', () => {
    writeServerRecord(dataDir, { ...record, token: 'second' });
    removeServerRecord(dataDir, 'first');
    expect(readServerRecord(dataDir)?.token).toBe('second');
  });

  it('counts as absent when it is unreadable', () => {
    writeFileSync(path.join(dataDir, 'embedded-server.json'), '{"pid": "twelve"');
    expect(readServerRecord(dataDir)).toBeUndefined();
  });
});

/**
 * `npm run letters -- export`: the readable backup of every letter, one JSON object per
 * line, read in pages from the real database; misuse is answered in a sentence.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Letter } from '../../src/domain/types';
import { runLettersCli, type LettersDeps } from '../../src/cli/letters';
import type { Store } from '../../src/store';
import { builtEntry } from '../support/built';
import { day, sampleLetter } from '../support/sample-letter';
import { closeTestStore, openTestStore, testServerUri, uniqueDbName } from '../support/db';

function letter(ref: string, summary: string): Letter {
  return sampleLetter(ref, {
    summary,
    acknowledged: { at: day(2), by: 'bob' },
    threads: [{ platform: 'slack', channel: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, threadRef: `slack:C1:${ref}`, rootMessageRef: `slack:C1:${ref}` }],
    audit: [{ at: day(1), by: 'alice', action: 'previewed' }, { at: day(2), by: 'bob', action: 'acknowledged' }],
  });
}

function recordingIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('npm run letters -- export', () => {
  const dbName = uniqueDbName('letters');
  let store!: Store;
  afterAll(() => closeTestStore(store));
  const refs = ['PL-2026/0001', 'PL-2026/0002', 'PL-2026/0003', 'PL-2026/0004', 'PL-2026/0005'];
  const deps = (pageSize: number): LettersDeps => ({
    openLetters: async () => ({ letters: store.exportLetters(pageSize), close: async () => undefined }),
  });

  beforeAll(async () => {
    store = await openTestStore(dbName);
    for (const ref of [...refs].reverse()) await store.letters.create(letter(ref, `Confidential summary of ${ref}.`));
  });

  it('writes every letter once, oldest reference first, across pages, with its facts, threads and audit trail', async () => {
    const { io, out, err } = recordingIo();
    expect(await runLettersCli(['export'], io, deps(2))).toBe(0);
    const read = out.map((line) => JSON.parse(line) as Letter & { acknowledged: { at: string } });
    expect(read.map((l) => l.ref)).toEqual(refs);
    expect(read[2]).toMatchObject({ summary: 'Confidential summary of PL-2026/0003.', acknowledged: { at: day(2).toISOString(), by: 'bob' } });
    expect(read[2]!.threads).toEqual([expect.objectContaining({ channel: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, threadRef: 'slack:C1:PL-2026/0003' })]);
    expect(read[2]!.audit.map((a) => a.action)).toEqual(['previewed', 'acknowledged']);
    expect(err).toEqual(['Exported 5 letters.']);
  });

  it('answers a stray word or an unknown command with a sentence and the usage, exporting nothing', async () => {
    const stray = recordingIo();
    expect(await runLettersCli(['export', '--since=2026'], stray.io, deps(2))).toBe(2);
    expect(stray.err[0]).toBe('Sorry, export does not take --since=2026.');
    expect(stray.out).toEqual([]);
    const unknown = recordingIo();
    expect(await runLettersCli(['import'], unknown.io, deps(2))).toBe(2);
    expect(unknown.err[0]).toBe('Sorry, "import" is not a letters command.');
  });

  it('runs as an operator runs it, on the database MONGODB_URI names, writing JSON lines to stdout only', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'preletter-letters-'));
    try {
      const url = new URL(testServerUri());
      url.pathname = `/${dbName}`;
      const cli = builtEntry('src/cli/letters.ts', ['export']);
      const { stdout, stderr } = await promisify(execFile)(cli.command, cli.args, { cwd, env: { PATH: process.env.PATH, MONGODB_URI: url.toString() } });
      expect(stdout.trim().split('\n').map((l) => (JSON.parse(l) as Letter).ref)).toEqual(refs);
      expect(stderr.trim()).toBe('Exported 5 letters.');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

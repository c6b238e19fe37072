/**
 * List entries written by several writers at once: each carries the letter's audit
 * length, and the database keeps the newest whatever order the writes land in.
 */
import type { Letter } from '../../src/domain/types';
import { entryBucketOf, LetterLines } from '../../src/store/letter-lines';
import { StoreConnection } from '../../src/store/store-connection';
import { testServerUri, uniqueDbName } from '../support/db';
import { sampleLetter } from '../support/sample-letter';
import { silentLogger } from '../support/silent-logger';

const at = new Date('2026-03-04T09:00:00Z');

/** The letter after `extra` more audit events, the last of them an acknowledgement by `by`. */
function later(letter: Letter, extra: number, by: string): Letter {
  const audit = [...letter.audit, ...Array.from({ length: extra }, () => ({ at, by, action: 'acknowledged' as const }))];
  return { ...letter, acknowledged: { at, by }, audit };
}

describe('list entries written by racing writers', () => {
  let connection: StoreConnection;
  let lines: LetterLines;
  beforeAll(async () => {
    connection = new StoreConnection({ uri: testServerUri(), dbName: uniqueDbName('letter_lines'), logger: silentLogger });
    await connection.ensureOpen();
    lines = new LetterLines(connection);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('keeps the newer entry when an older view of the letter is written after it', async () => {
    const first = sampleLetter('PL-2026-0301');
    const acked = later(first, 1, 'bob');
    await lines.write(acked);
    await lines.write(first);
    expect((await lines.read([first.ref])).get(first.ref)?.acknowledged).toEqual({ at, by: 'bob' });
  });

  it('replaces an older entry with a newer one', async () => {
    const first = sampleLetter('PL-2026-0302');
    await lines.write(first);
    expect((await lines.read([first.ref])).get(first.ref)?.acknowledged).toBeUndefined();
    await lines.write(later(first, 2, 'carol'));
    expect((await lines.read([first.ref])).get(first.ref)?.acknowledged).toEqual({ at, by: 'carol' });
  });

  it('lands every entry when twenty writers create the same new bucket at once', async () => {
    const refs = Array.from({ length: 20 }, (_, i) => `PL-2027-${String(i + 20).padStart(4, '0')}`);
    expect(new Set(refs.map(entryBucketOf)).size).toBe(1);
    await Promise.all(refs.map((ref) => lines.write(sampleLetter(ref))));
    expect([...(await lines.read(refs)).keys()].sort()).toEqual(refs);
  });

  it('replaces an entry stored before entries had versions', async () => {
    const old = sampleLetter('PL-2026-0303');
    await connection.models.letterLines.updateOne(
      { _id: entryBucketOf(old.ref) },
      { $set: { [`lines.${old.ref}`]: JSON.stringify({ ref: old.ref, type: 'AL', urgent: false, mandateKey: 'x', companyKey: 'y', threads: [], version: 9 }) } },
      { upsert: true },
    );
    await lines.write(old);
    expect((await lines.read([old.ref])).get(old.ref)?.mandateKey).toBe(old.mandateKey);
  });
});

/** Schema migrations on a real server: what version 3 removes, and what it keeps. */
import { migrate, SCHEMA_VERSION } from '../../src/store/migrations';
import { StoreConnection } from '../../src/store/store-connection';
import { testServerUri, uniqueDbName } from '../support/db';
import { silentLogger } from '../support/silent-logger';

describe('schema migrations', () => {
  let connection: StoreConnection;
  beforeAll(async () => {
    connection = new StoreConnection({ uri: testServerUri(), dbName: uniqueDbName('migrations'), logger: silentLogger });
    await connection.ensureOpen();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('deletes list entries kept a hundred to a document, keeps those kept twenty to one, and records version 3 once', async () => {
    const { letterLines, meta } = connection.models;
    await letterLines.updateOne({ _id: 'PL-2026/0' }, { $set: { 'lines.PL-2026-0001': '{}' } }, { upsert: true });
    await letterLines.updateOne({ _id: 'PL-2026:0' }, { $set: { 'lines.PL-2026-0002': '{}' } }, { upsert: true });
    await meta.updateOne({ _id: 'schema' }, { $set: { version: 2 } });

    await migrate(connection.models, silentLogger);

    expect((await letterLines.find({}).lean()).map((d) => d._id)).toEqual(['PL-2026:0']);
    expect(await meta.findOne({ _id: 'schema' }).lean()).toMatchObject({ version: SCHEMA_VERSION });
    expect(SCHEMA_VERSION).toBe(3);

    // At version 3 already, nothing is deleted again.
    await letterLines.updateOne({ _id: 'PL-2026/1' }, { $set: { 'lines.PL-2026-0101': '{}' } }, { upsert: true });
    await migrate(connection.models, silentLogger);
    expect(await letterLines.countDocuments({})).toBe(2);
  });
});

/**
 * The index check `npm run doctor` runs, on the real database server: a store that
 * prepared its database lacks nothing; a database nothing prepared lacks every declared
 * index; one dropped index is named by its collection and keys; and opening a store
 * without preparing (as the doctor does) builds nothing.
 */
import mongoose from 'mongoose';
import { openStore, type Store } from '../../src/store';
import { closeTestStore, openTestStore, testServerUri, uniqueDbName } from '../support/db';
import { silentLogger } from '../support/silent-logger';

describe('the index check', () => {
  let prepared: Store;
  beforeAll(async () => {
    prepared = await openTestStore();
  });
  afterAll(async () => closeTestStore(prepared));

  it('finds nothing missing in a database the store prepared', async () => {
    const check = await prepared.checkIndexes();
    expect(check.missing).toEqual([]);
    expect(check.expected).toBeGreaterThanOrEqual(8);
    expect(check.collections).toBeGreaterThanOrEqual(7);
  });

  it('names every declared index as missing in a database nothing prepared, and builds none of them itself', async () => {
    const bare = await openStore({ uri: testServerUri(), dbName: uniqueDbName('bare'), logger: silentLogger, prepare: false });
    try {
      const first = await bare.checkIndexes();
      expect(first.missing).toHaveLength(first.expected);
      expect(first.missing).toEqual(expect.arrayContaining([{ collection: 'deliveries', index: 'letterRef_1' }, { collection: 'schedule', index: 'at_1' }]));
      expect((await bare.checkIndexes()).missing).toHaveLength(first.expected);
    } finally {
      await closeTestStore(bare);
    }
  });

  it('names one index dropped from a prepared database by its collection and keys', async () => {
    const dbName = uniqueDbName('dropped');
    const store = await openStore({ uri: testServerUri(), dbName, logger: silentLogger });
    const raw = await mongoose.createConnection(testServerUri(), { dbName }).asPromise();
    try {
      expect((await store.checkIndexes()).missing).toEqual([]);
      await raw.db!.collection('companies').dropIndex('nameKeys_1');
      expect((await store.checkIndexes()).missing).toEqual([{ collection: 'companies', index: 'nameKeys_1' }]);
    } finally {
      await raw.close();
      await closeTestStore(store);
    }
  });
});

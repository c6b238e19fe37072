import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { silentLogger } from '../support/silent-logger';
import { openStore, type Store } from '../../src/store';
import { freePort, startEmbeddedServer } from '../../src/store/embedded/launcher';
import { testServerUri, uniqueDbName } from '../support/db';

describe('opening and closing the store', () => {
  it('keeps every key unique in the database itself, one person per account and one company per channel', async () => {
    const dbName = uniqueDbName('idx');
    const store = await openStore({ uri: testServerUri(), dbName, logger: silentLogger });
    const raw = await mongoose.createConnection(testServerUri(), { dbName }).asPromise();
    try {
      const db = raw.db!;
      for (const [collection, doc] of [
        ['people', { _id: 'p1', key: 'p1' }],
        ['mandates', { _id: 'm1', key: 'm1' }],
        ['companies', { _id: 'c1', key: 'c1' }],
        ['letters', { _id: 'PL-2026-0001', ref: 'PL-2026-0001' }],
        ['deliveries', { _id: 'd1', key: 'd1' }],
        ['inbound_events', { _id: 'slack:e1', platform: 'slack', eventId: 'e1' }],
        ['accounts', { _id: 'slack:U1', personKey: 'p1' }],
        ['channel_bindings', { _id: 'slack:T1:C1', companyKey: 'c1' }],
      ] as const) {
        await db.collection(collection).insertOne({ ...doc } as never);
        // Another document claiming the same key (another person for the account, another company for the channel) is refused.
        await expect(db.collection(collection).insertOne({ ...doc, personKey: 'p2', companyKey: 'c2' } as never)).rejects.toMatchObject({ code: 11000 });
      }
    } finally {
      await raw.close();
      await store.dropDatabase();
      await store.close();
    }
  });

  it('answers ping while connected, and false after close, when every call fails as unavailable', async () => {
    const store = await openStore({ uri: testServerUri(), dbName: uniqueDbName('ping'), logger: silentLogger });
    expect(await store.ping()).toBe(true);
    await store.dropDatabase();
    await store.close();
    expect(await store.ping()).toBe(false);
    await expect(store.directory.getPerson('alice')).rejects.toMatchObject({ code: 'unavailable' });
    await store.close();
  });

  it('lets several stores share one database in one process', async () => {
    const dbName = uniqueDbName('shared');
    const stores = await Promise.all([1, 2, 3].map(() => openStore({ uri: testServerUri(), dbName, logger: silentLogger })));
    await stores[0]!.inbound.recordOnce('slack', 'e1', new Date());
    expect(await stores[2]!.inbound.recordOnce('slack', 'e1', new Date())).toBe(false);
    await stores[1]!.close();
    expect(await stores[2]!.ping()).toBe(true);
    await stores[0]!.dropDatabase();
    await Promise.all([stores[0]!.close(), stores[2]!.close()]);
  });

  describe('when nothing listens at the address', () => {
    let store: Store;
    let openedInMs: number;
    beforeAll(async () => {
      const started = Date.now();
      const port = await freePort();
      store = await openStore({
        uri: `mongodb://127.0.0.1:${port}/`,
        dbName: 'nowhere',
        logger: silentLogger,
        serverSelectionTimeoutMS: 1500,
      });
      openedInMs = Date.now() - started;
    });
    afterAll(async () => {
      await store.close();
    });

    it('still opens, within the server selection timeout, so the bot can start before its database', () => {
      expect(openedInMs).toBeLessThan(4000);
    });

    it('answers ping false within a few seconds instead of hanging', async () => {
      const started = Date.now();
      expect(await store.ping()).toBe(false);
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('fails every call with a polite unavailable error that names no address', async () => {
      const started = Date.now();
      const failure = store.letters.get('PL-2026-0001');
      await expect(failure).rejects.toMatchObject({
        name: 'PreLetterError',
        code: 'unavailable',
        userMessage: expect.stringContaining('not reachable'),
        context: expect.objectContaining({ operation: 'getLetter', ref: 'PL-2026-0001' }),
      });
      await expect(failure).rejects.not.toMatchObject({ userMessage: expect.stringContaining('127.0.0.1') });
      expect(Date.now() - started).toBeLessThan(4000);
    });
  });

  it('reports a server that stops as unavailable, and works again once it is back', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-store-restart-'));
    const port = await freePort();
    let server = await startEmbeddedServer({ dataDir, port, logger: silentLogger });
    const store = await openStore({ uri: server.uri, dbName: 'restart', logger: silentLogger, serverSelectionTimeoutMS: 1500 });
    try {
      expect(await store.inbound.recordOnce('slack', 'before', new Date())).toBe(true);
      await server.stop();
      expect(await store.ping()).toBe(false);
      await expect(store.inbound.recordOnce('slack', 'during', new Date())).rejects.toMatchObject({ code: 'unavailable' });

      server = await startEmbeddedServer({ dataDir, port, logger: silentLogger });
      expect(await store.ping()).toBe(true);
      expect(await store.inbound.recordOnce('slack', 'before', new Date())).toBe(false);
    } finally {
      await store.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a malformed connection string as a configuration error', async () => {
    await expect(openStore({ uri: 'postgres://nope', logger: silentLogger })).rejects.toMatchObject({ code: 'invalid-config' });
  });
});

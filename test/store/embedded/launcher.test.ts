import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { silentLogger } from '../../support/silent-logger';
import { buildEmbeddedServer, startEmbeddedServer } from '../../../src/store/embedded/launcher';
import { isAlive } from '../../support/process';


describe('embedded database launcher', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-launcher-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps data across a restart on the same directory and leaves no process behind', async () => {
    const first = await startEmbeddedServer({ dataDir, logger: silentLogger });
    const c1 = await mongoose.createConnection(first.uri, { dbName: 'persist' }).asPromise();
    await c1.db!.collection('things').insertOne({ name: 'kept' });
    await c1.close();
    await first.stop();
    expect(isAlive(first.pid)).toBe(false);

    const second = await startEmbeddedServer({ dataDir, logger: silentLogger });
    const c2 = await mongoose.createConnection(second.uri, { dbName: 'persist' }).asPromise();
    const found = await c2.db!.collection('things').findOne({ name: 'kept' });
    await c2.close();
    await second.stop();
    expect(found?.name).toBe('kept');
    expect(isAlive(second.pid)).toBe(false);
  });

  it('explains how to use MONGODB_URI when Go is not available to build it', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'preletter-nocache-'));
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(buildEmbeddedServer(silentLogger, cacheDir)).rejects.toMatchObject({
        code: 'unavailable',
        userMessage: expect.stringContaining('MONGODB_URI'),
      });
    } finally {
      process.env.PATH = savedPath;
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

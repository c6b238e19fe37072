import { startHttpHost, type HttpHost } from '../src/http';
import { silentLogger } from './support/silent-logger';

describe('HTTP host', () => {
  let host: HttpHost;
  let ready = true;
  const url = (p: string) => `http://127.0.0.1:${host.port}${p}`;

  beforeEach(async () => {
    ready = true;
    host = await startHttpHost({ port: 0, host: '127.0.0.1', logger: silentLogger, ready: async () => ready });
  });
  afterEach(async () => host.close());

  it('answers health always, and readiness only while the database is reachable', async () => {
    expect((await fetch(url('/healthz'))).status).toBe(200);
    expect((await fetch(url('/readyz'))).status).toBe(200);
    ready = false;
    const res = await fetch(url('/readyz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'database unreachable' });
  });

  it('answers unknown paths with 404 and a failing handler with 500', async () => {
    host.mount('POST', '/boom', () => {
      throw new Error('bug');
    });
    expect((await fetch(url('/nowhere'))).status).toBe(404);
    expect((await fetch(url('/boom'), { method: 'POST' })).status).toBe(500);
  });

  it('lets an in-flight request finish when shutting down', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    host.mount('POST', '/slow', async (_req, res) => {
      await gate;
      res.writeHead(200).end('done');
    });
    const pending = fetch(url('/slow'), { method: 'POST' });
    await new Promise((r) => setTimeout(r, 50));
    const closed = host.close();
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('done');
    await closed;
    await expect(fetch(url('/healthz'))).rejects.toThrow();
  });
});

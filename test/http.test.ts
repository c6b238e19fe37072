import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { startHttpHost, type HttpHost } from '../src/http';
import { createLogger } from '../src/logger';
import { createPrometheusMetrics, METRIC_NAMES } from '../src/observability/prometheus';
import { silentLogger } from './support/silent-logger';
import { parseExposition, valueOf } from './observability/support/exposition';

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

describe('HTTP host: /metrics and errors', () => {
  let host: HttpHost | undefined;
  const url = (p: string) => `http://127.0.0.1:${host!.port}${p}`;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('serves /metrics only when given an exposition (METRICS=on), and counts platform routes by outcome, not its own routes', async () => {
    const metrics = createPrometheusMetrics({ registry: new Registry(), processMetrics: false, logger: silentLogger });
    host = await startHttpHost({ port: 0, host: '127.0.0.1', logger: silentLogger, ready: async () => true, exposition: metrics, metrics, platformRoutes: { '/slack/events': 'slack' } });
    host.mount('POST', '/slack/events', (req, res) => {
      if (req.headers['x-test'] === 'refuse') return void res.writeHead(401).end();
      if (req.headers['x-test'] === 'crash') throw new Error('bug in a listener');
      res.writeHead(200).end();
    });
    const post = (test: string) => fetch(url('/slack/events?ssl_check=1'), { method: 'POST', headers: { 'x-test': test } });
    expect((await post('ok')).status).toBe(200);
    expect((await post('refuse')).status).toBe(401);
    expect((await post('crash')).status).toBe(500);
    expect((await fetch(url('/healthz'))).status).toBe(200);

    const res = await fetch(url('/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(metrics.contentType);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const samples = parseExposition(await res.text());
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'slack', outcome: 'ok' })).toBe(1);
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'slack', outcome: 'refused' })).toBe(1);
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'slack', outcome: 'failed' })).toBe(1);
    expect(valueOf(samples, METRIC_NAMES.inboundRequests)).toBe(3);
    expect(valueOf(samples, `${METRIC_NAMES.inboundAck}_count`)).toBe(3);

    await host.close();
    host = await startHttpHost({ port: 0, host: '127.0.0.1', logger: silentLogger, ready: async () => true });
    expect((await fetch(url('/metrics'))).status).toBe(404);
  });

  it('counts a platform request answered 503 while shutting down as failed', async () => {
    const metrics = createPrometheusMetrics({ registry: new Registry(), processMetrics: false, logger: silentLogger });
    host = await startHttpHost({ port: 0, host: '127.0.0.1', logger: silentLogger, ready: async () => true, metrics, platformRoutes: { '/api/messages': 'teams' } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    host.mount('POST', '/api/messages', async (_req, res) => {
      await gate;
      res.writeHead(200).end();
    });
    const first = fetch(url('/api/messages'), { method: 'POST' });
    while (host.inFlight === 0) await new Promise((r) => setTimeout(r, 5));
    const closed = host.close();
    const late = await fetch(url('/api/messages'), { method: 'POST' });
    expect(late.status).toBe(503);
    expect(late.headers.get('retry-after')).toBe('5');
    release();
    expect((await first).status).toBe(200);
    await closed;
    host = undefined;
    const samples = parseExposition(await metrics.render());
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'teams', outcome: 'ok' })).toBe(1);
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'teams', outcome: 'failed' })).toBe(1);
  });

  it('logs a failing handler with the error’s name, message and stack, and answers 500 without them', async () => {
    let out = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    host = await startHttpHost({ port: 0, host: '127.0.0.1', logger: createLogger('info', stream), ready: async () => true });
    host.mount('POST', '/boom', () => {
      throw new TypeError('cannot read the turn');
    });
    const res = await fetch(url('/boom'), { method: 'POST' });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('cannot read the turn');
    const line = out.split('\n').map((l) => (l ? (JSON.parse(l) as Record<string, any>) : undefined)).find((l) => l?.msg === 'http handler failed');
    expect(line).toMatchObject({ level: 50, path: '/boom', error: { name: 'TypeError', message: 'cannot read the turn' } });
    expect(line!.error.stack).toMatch(/^at .*http\.test\.ts/);
  });
});

/**
 * The metrics port on prom-client: what each event adds to which family, labels only
 * from fixed sets (a call name that is not a method name becomes 'other'), letters by
 * state read at scrape time and absent rather than stale when they cannot be counted.
 */
import { Registry } from 'prom-client';
import { requestOutcome } from '../../src/metrics';
import { createPrometheusMetrics, METRIC_NAMES } from '../../src/observability/prometheus';
import { recordingLogger, type RecordingLogger } from '../adapters/teams/support/recording-logger';
import { silentLogger } from '../support/silent-logger';
import { parseExposition, valueOf } from './support/exposition';

function fresh(options: { letterStates?: () => Promise<Record<string, number>>; processMetrics?: boolean; logger?: RecordingLogger } = {}) {
  const metrics = createPrometheusMetrics({ registry: new Registry(), processMetrics: options.processMetrics ?? false, logger: options.logger ?? silentLogger, letterStates: options.letterStates });
  const samples = async () => parseExposition(await metrics.render());
  return { metrics, samples };
}

describe('Prometheus metrics', () => {
  it('reads an inbound answer as ok (2xx, 3xx), refused (4xx) or failed (5xx, or the caller left first)', () => {
    expect([200, 302, 401, 404, 500, 503, undefined].map(requestOutcome)).toEqual(['ok', 'ok', 'refused', 'refused', 'failed', 'failed', 'failed']);
  });

  it('counts each inbound request by platform and outcome and observes its answer time', async () => {
    const { metrics, samples } = fresh();
    metrics.inboundAnswered('slack', 200, 0.02);
    metrics.inboundAnswered('slack', 401, 0.001);
    metrics.inboundAnswered('teams', undefined, 4);
    const s = await samples();
    expect(valueOf(s, METRIC_NAMES.inboundRequests, { platform: 'slack', outcome: 'ok' })).toBe(1);
    expect(valueOf(s, METRIC_NAMES.inboundRequests, { platform: 'slack', outcome: 'refused' })).toBe(1);
    expect(valueOf(s, METRIC_NAMES.inboundRequests, { platform: 'teams', outcome: 'failed' })).toBe(1);
    expect(valueOf(s, `${METRIC_NAMES.inboundAck}_bucket`, { platform: 'slack', le: '0.025' })).toBe(2);
    expect(valueOf(s, `${METRIC_NAMES.inboundAck}_bucket`, { platform: 'teams', le: '3' })).toBe(0);
    expect(valueOf(s, `${METRIC_NAMES.inboundAck}_sum`, { platform: 'teams' })).toBe(4);
  });

  it('labels a platform call by its method name, and anything that does not look like one as "other"', async () => {
    const { metrics, samples } = fresh();
    metrics.platformCall('slack', 'chat.postMessage', 'ok', 0.2);
    metrics.platformCall('slack', 'chat.postMessage', 'rate_limited', 0.01);
    metrics.platformCall('teams', 'createChannelPost', 'error', 1.5);
    metrics.platformCall('slack', 'chat.postMessage C0NORTH PL-2026-0001', 'ok', 0.1);
    metrics.platformCall('teams', 'https://smba.example/teams/', 'ok', 0.1);
    const s = await samples();
    expect(valueOf(s, METRIC_NAMES.apiCalls, { platform: 'slack', operation: 'chat.postMessage', outcome: 'rate_limited' })).toBe(1);
    expect(valueOf(s, METRIC_NAMES.apiCalls, { platform: 'slack', operation: 'chat.postMessage', outcome: 'ok' })).toBe(1);
    expect(valueOf(s, METRIC_NAMES.apiCalls, { platform: 'teams', operation: 'createChannelPost', outcome: 'error' })).toBe(1);
    expect(valueOf(s, METRIC_NAMES.apiCalls, { operation: 'other' })).toBe(2);
    expect(valueOf(s, `${METRIC_NAMES.apiDuration}_count`, { platform: 'slack', operation: 'chat.postMessage' })).toBe(2);
    expect(s.map((x) => x.labels.operation).filter(Boolean)).not.toContain('chat.postMessage C0NORTH PL-2026-0001');
  });

  it('counts sweeps by result with their duration and letters, and keeps the last lag (never below 0)', async () => {
    const { metrics, samples } = fresh();
    metrics.sweepFinished({ durationSeconds: 0.3, letters: 4, failed: 1, crashed: false });
    metrics.sweepFinished({ durationSeconds: 0.01, letters: 0, failed: 0, crashed: true });
    metrics.sweepLag(95);
    let s = await samples();
    expect(valueOf(s, METRIC_NAMES.sweeps, { result: 'ok' })).toBe(1);
    expect(valueOf(s, METRIC_NAMES.sweeps, { result: 'failed' })).toBe(1);
    expect(valueOf(s, `${METRIC_NAMES.sweepDuration}_count`)).toBe(2);
    expect(valueOf(s, `${METRIC_NAMES.sweepDuration}_sum`)).toBeCloseTo(0.31);
    expect(valueOf(s, METRIC_NAMES.sweepLetters, { outcome: 'handled' })).toBe(4);
    expect(valueOf(s, METRIC_NAMES.sweepLetters, { outcome: 'failed' })).toBe(1);
    expect(valueOf(s, METRIC_NAMES.sweepLag)).toBe(95);
    metrics.sweepLag(-3);
    s = await samples();
    expect(valueOf(s, METRIC_NAMES.sweepLag)).toBe(0);
  });

  it('counts deliveries by kind and outcome and observes how late they were claimed', async () => {
    const { metrics, samples } = fresh();
    metrics.delivery('ack-reminder', 'sent');
    metrics.delivery('ack-reminder', 'retrying');
    metrics.delivery('countdown', 'abandoned');
    metrics.deliveryLag(42);
    metrics.deliveryLag(-1);
    const s = await samples();
    expect(valueOf(s, METRIC_NAMES.deliveries, { kind: 'ack-reminder' })).toBe(2);
    expect(valueOf(s, METRIC_NAMES.deliveries, { kind: 'countdown', outcome: 'abandoned' })).toBe(1);
    expect(valueOf(s, `${METRIC_NAMES.deliveryLag}_bucket`, { le: '1' })).toBe(1);
    expect(valueOf(s, `${METRIC_NAMES.deliveryLag}_bucket`, { le: '60' })).toBe(2);
    expect(valueOf(s, `${METRIC_NAMES.deliveryLag}_sum`)).toBe(42);
  });

  it('reads letters by state at each scrape, and reports none (not stale ones) while they cannot be counted', async () => {
    const logger = recordingLogger();
    let counts: Record<string, number> | Error = { 'awaiting-ack': 2, replied: 1 };
    const { samples } = fresh({ logger, letterStates: async () => (counts instanceof Error ? Promise.reject(counts) : counts) });
    const letters = async () => (await samples()).filter((x) => x.name === METRIC_NAMES.letters).map((x) => [x.labels.state, x.value]);
    expect(await letters()).toEqual([['awaiting-ack', 2], ['replied', 1]]);
    counts = new Error('database unreachable');
    expect(await letters()).toEqual([]);
    expect(logger.entries.find((r) => r.level === 'warn' && r.message === 'letters by state could not be counted')?.context).toMatchObject({
      component: 'metrics',
      error: { name: 'Error', message: 'database unreachable', stack: expect.stringContaining('at ') },
    });
    counts = { 'awaiting-ack': 3 };
    expect(await letters()).toEqual([['awaiting-ack', 3]]);
  });

  it("adds Node's process metrics unless asked not to, each on its own registry", async () => {
    const withProcess = createPrometheusMetrics({ registry: new Registry(), logger: silentLogger });
    const without = fresh().metrics;
    expect(await withProcess.render()).toContain('process_cpu_user_seconds_total');
    expect(await without.render()).not.toContain('process_cpu_user_seconds_total');
    expect(withProcess.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  });
});

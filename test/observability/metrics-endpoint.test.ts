/**
 * GET /metrics after real traffic: signed Slack requests through Bolt's receiver and
 * Teams activities through botbuilder's CloudAdapter, on the HTTP host wired as
 * src/main.ts wires it, with the Web API and Bot Connector fakes answering (and once
 * refusing with a 429). The scrape is Prometheus text whose counters moved by exactly
 * what happened, and no label carries a letter's text, a person, a channel or a reference.
 */
import { Registry } from 'prom-client';
import { cachedLetterStates } from '../../src/observability/letter-states';
import { createPrometheusMetrics, METRIC_NAMES, type PrometheusMetrics } from '../../src/observability/prometheus';
import { silentLogger } from '../support/silent-logger';
import { previewValues, slashCommand, viewSubmission } from '../adapters/slack/support/slack-requests';
import { openSlackWorld, type SlackWorld } from '../adapters/slack/support/slack-world';
import { openTeamsWorld, type TeamsWorld } from '../adapters/teams/support/teams-world';
import { AAD, TENANT } from '../adapters/teams/support/teams-directory';
import { familyTypes, scrape, valueOf } from './support/exposition';

const SUMMARY = 'Removal of a journalist’s account before the vote.';

/** Metrics whose letters-by-state source is the world's store, counted afresh on each scrape. */
function metricsFor(getWorld: () => SlackWorld | TeamsWorld | undefined): PrometheusMetrics {
  return createPrometheusMetrics({
    registry: new Registry(),
    processMetrics: false,
    logger: silentLogger,
    letterStates: () => {
      const w = getWorld()!;
      const source = { letters: w.harness.store.letters, directory: w.harness.store.directory, policy: w.deps.policy, clock: w.harness.clock };
      return cachedLetterStates(source, { cacheMs: 0 })();
    },
  });
}

/** Every label value of a scrape, to prove none of them names a letter, a person or a place. */
function labelValues(text: string): string[] {
  return [...text.matchAll(/="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
}

describe('GET /metrics after Slack traffic', () => {
  let w: SlackWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('counts requests by outcome, acks, Web API calls with their 429, deliveries and letters by state', async () => {
    const metrics = metricsFor(() => w);
    w = await openSlackWorld({ metrics });
    const base = `http://127.0.0.1:${w.host.port}`;

    // A 429 on the first ephemeral answer: the gate waits out Retry-After: 0 and the second try lands.
    w.fake.failNext('chat.postEphemeral', { rateLimitedFor: 0 });
    expect((await w.send.command(slashCommand('U0MARA', 'help'))).status).toBe(200);
    await w.fake.waitFor(() => w!.fake.of('chat.postEphemeral')[0], 'the help answer');
    expect((await w.send.command(slashCommand('U0MARA', 'help'), { signature: 'v0=forged' })).status).toBe(401);

    // A whole preview: command, form, submission; the root card, the thread intro and the owners' messages go out.
    expect((await w.send.command(slashCommand('U0MARA', 'preview'))).status).toBe(200);
    const opened = await w.fake.waitFor(() => w!.fake.of('views.open')[0], 'views.open');
    const privateMetadata = (opened.args.view as { private_metadata: string }).private_metadata;
    const values = previewValues({ type: 'AL', topics: ['content-moderation'], summary: SUMMARY, date: '2026-03-20' });
    expect((await w.send.interaction(viewSubmission({ user: 'U0MARA', privateMetadata, values }))).status).toBe(200);
    await w.fake.waitFor(() => w!.fake.of('chat.postEphemeral').length >= 2 && w!.fake.of('chat.postMessage').length >= 4, 'the preview posts');
    await w.slack.idle(5000);

    const { status, contentType, text, samples } = await scrape(base);
    expect(status).toBe(200);
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const types = familyTypes(text);
    expect(Object.fromEntries(Object.values(METRIC_NAMES).map((n) => [n, types.get(n)]))).toEqual({
      [METRIC_NAMES.inboundRequests]: 'counter',
      [METRIC_NAMES.inboundAck]: 'histogram',
      [METRIC_NAMES.apiCalls]: 'counter',
      [METRIC_NAMES.apiDuration]: 'histogram',
      [METRIC_NAMES.letters]: 'gauge',
      [METRIC_NAMES.deliveries]: 'counter',
      [METRIC_NAMES.deliveryLag]: 'histogram',
      [METRIC_NAMES.sweeps]: 'counter',
      [METRIC_NAMES.sweepDuration]: 'histogram',
      [METRIC_NAMES.sweepLetters]: 'counter',
      [METRIC_NAMES.sweepLag]: 'gauge',
    });

    // Requests: help, preview and the submission answered; the forged one refused. Each one's answer time observed.
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'slack', outcome: 'ok' })).toBe(3);
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'slack', outcome: 'refused' })).toBe(1);
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'slack', outcome: 'failed' })).toBe(0);
    expect(valueOf(samples, `${METRIC_NAMES.inboundAck}_count`, { platform: 'slack' })).toBe(4);
    expect(valueOf(samples, `${METRIC_NAMES.inboundAck}_bucket`, { platform: 'slack', le: '+Inf' })).toBe(4);

    // Web API calls as the fake saw them, the 429 counted apart.
    const seen = (method: string, ok: boolean) => w!.fake.calls.filter((c) => c.method === method && c.ok === ok).length;
    expect(valueOf(samples, METRIC_NAMES.apiCalls, { platform: 'slack', operation: 'chat.postEphemeral', outcome: 'rate_limited' })).toBe(1);
    expect(valueOf(samples, METRIC_NAMES.apiCalls, { platform: 'slack', operation: 'chat.postEphemeral', outcome: 'ok' })).toBe(seen('chat.postEphemeral', true));
    expect(valueOf(samples, METRIC_NAMES.apiCalls, { platform: 'slack', operation: 'chat.postMessage', outcome: 'ok' })).toBe(seen('chat.postMessage', true));
    expect(valueOf(samples, METRIC_NAMES.apiCalls, { platform: 'slack', operation: 'views.open', outcome: 'ok' })).toBe(1);
    expect(valueOf(samples, `${METRIC_NAMES.apiDuration}_count`, { platform: 'slack', operation: 'chat.postEphemeral' })).toBe(seen('chat.postEphemeral', true) + 1);

    // Deliveries made by the preview; one new letter, awaiting acknowledgement, and every other state reported as 0.
    expect(valueOf(samples, METRIC_NAMES.deliveries, { kind: 'post-root', outcome: 'sent' })).toBe(1);
    expect(valueOf(samples, METRIC_NAMES.deliveries, { kind: 'owner-dm', outcome: 'sent' })).toBe(2);
    expect(valueOf(samples, METRIC_NAMES.deliveries, { outcome: 'retrying' })).toBe(0);
    expect(valueOf(samples, `${METRIC_NAMES.deliveryLag}_count`)).toBeGreaterThanOrEqual(3);
    const letters = samples.filter((s) => s.name === METRIC_NAMES.letters).map((s) => [s.labels.state, s.value]);
    expect(Object.fromEntries(letters)).toEqual({ 'awaiting-ack': 1, acknowledged: 0, 'awaiting-reply': 0, overdue: 0, replied: 0, withdrawn: 0 });

    // Nothing that names a letter, a person, a channel or a workspace, and none of the letter's words.
    expect(text).not.toContain('Removal of');
    for (const value of labelValues(text)) expect(value).not.toMatch(/PL-\d|U0[A-Z]|C0[A-Z]|T0TEST|D0[A-Z]/);
  });

  it('serves no /metrics when metrics are off, while the platform keeps answering', async () => {
    w = await openSlackWorld();
    const res = await scrape(`http://127.0.0.1:${w.host.port}`);
    expect(res.status).toBe(404);
    expect((await w.send.command(slashCommand('U0MARA', 'help'))).status).toBe(200);
  });
});

describe('GET /metrics after Teams traffic', () => {
  let w: TeamsWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('counts activities by outcome, their answer time, and Bot Connector calls with a 429 and its retry', async () => {
    const metrics = metricsFor(() => w);
    w = await openTeamsWorld({ metrics });
    w.fake.failNext('send', { status: 429, retryAfter: 0 });
    expect((await w.send.post(w.send.message({ from: 'mara', text: 'help', personal: true }))).status).toBeLessThan(300);
    await w.fake.waitFor(() => w!.fake.of('send')[0], 'the help answer');
    expect((await w.send.post({ type: 'message' }, { body: '{ not json' })).status).toBe(400);
    await w.teams.idle(5000);

    const { text, samples } = await scrape(`http://127.0.0.1:${w.host.port}`);
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'teams', outcome: 'ok' })).toBe(1);
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'teams', outcome: 'refused' })).toBe(1);
    expect(valueOf(samples, `${METRIC_NAMES.inboundAck}_count`, { platform: 'teams' })).toBe(2);
    expect(valueOf(samples, METRIC_NAMES.inboundRequests, { platform: 'slack' })).toBe(0);
    expect(valueOf(samples, METRIC_NAMES.apiCalls, { platform: 'teams', operation: 'send', outcome: 'rate_limited' })).toBe(1);
    expect(valueOf(samples, METRIC_NAMES.apiCalls, { platform: 'teams', operation: 'send', outcome: 'ok' })).toBe(1);
    expect(valueOf(samples, `${METRIC_NAMES.apiDuration}_count`, { platform: 'teams', operation: 'send' })).toBe(2);
    expect(Object.fromEntries(samples.filter((s) => s.name === METRIC_NAMES.letters).map((s) => [s.labels.state, s.value]))).toMatchObject({ 'awaiting-ack': 0 });
    for (const value of labelValues(text)) {
      expect(value).not.toContain(TENANT);
      expect(Object.values(AAD).some((id) => value.includes(id))).toBe(false);
    }
  });
});

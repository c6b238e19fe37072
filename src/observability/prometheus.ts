/**
 * The metrics port on prom-client, exposed at GET /metrics in Prometheus' text format.
 * Each instance has its own registry (tests make their own), and every label comes
 * from a fixed set: platform, outcome, a delivery kind, a letter state, or an API
 * method name from PreLetter's code. Letter text, people's ids and letter references
 * are never label values.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics, MetricsPlatform } from '../metrics';
import { requestOutcome } from '../metrics';
import { errorDetails, type Logger } from '../logger';

/** Why: what the HTTP host needs to serve /metrics, without knowing prom-client. */
export interface MetricsExposition {
  contentType: string;
  render(): Promise<string>;
}

/** Why: the running implementation: the port the process records through, and what /metrics serves. */
export interface PrometheusMetrics extends Metrics, MetricsExposition {
  readonly registry: Registry;
}

/** Options: a registry (tests pass a fresh one), the letters-by-state source, and whether to add Node's process metrics. */
export interface PrometheusOptions {
  registry?: Registry;
  /** Counts of current letters by state; read at scrape time (the source caches it). */
  letterStates?: () => Promise<Record<string, number>>;
  /** Node's default process metrics (CPU, memory, event loop, handles); on unless a test turns them off. */
  processMetrics?: boolean;
  logger: Logger;
}

/** Seconds: a Slack ack must come within 3 s, a Teams invoke answer within about 5 s. */
const ACK_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
const API_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SWEEP_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 300];
const LAG_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 14_400];
/** An operation label must look like a method name ("chat.postMessage", "createChannelPost"); anything else is 'other'. */
const OPERATION = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

/** Why: the metric names and help texts in one place; README's Operations section lists the same. */
export const METRIC_NAMES = {
  inboundRequests: 'preletter_inbound_requests_total',
  inboundAck: 'preletter_inbound_ack_seconds',
  apiCalls: 'preletter_platform_api_calls_total',
  apiDuration: 'preletter_platform_api_duration_seconds',
  letters: 'preletter_letters',
  deliveries: 'preletter_deliveries_total',
  deliveryLag: 'preletter_delivery_lag_seconds',
  sweeps: 'preletter_sweeps_total',
  sweepDuration: 'preletter_sweep_duration_seconds',
  sweepLetters: 'preletter_sweep_letters_total',
  sweepLag: 'preletter_sweep_lag_seconds',
} as const;

/** Why: builds every metric on one registry and returns the port plus its exposition. */
export function createPrometheusMetrics(options: PrometheusOptions): PrometheusMetrics {
  const registry = options.registry ?? new Registry();
  const registers = [registry];
  const log = options.logger.child({ component: 'metrics' });
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });

  const inboundRequests = new Counter({
    name: METRIC_NAMES.inboundRequests,
    help: 'Requests from Slack (/slack/events) and Teams (/api/messages) by how they were answered: ok (2xx), refused (4xx), failed (5xx or no answer).',
    labelNames: ['platform', 'outcome'] as const,
    registers,
  });
  const inboundAck = new Histogram({
    name: METRIC_NAMES.inboundAck,
    help: "How long PreLetter took to answer a platform's request: Slack's acknowledgement, Teams' HTTP answer.",
    labelNames: ['platform'] as const,
    buckets: ACK_BUCKETS,
    registers,
  });
  const apiCalls = new Counter({
    name: METRIC_NAMES.apiCalls,
    help: "Calls to Slack's Web API and the Teams Bot Connector, by method and outcome (ok, error, rate_limited: a 429).",
    labelNames: ['platform', 'operation', 'outcome'] as const,
    registers,
  });
  const apiDuration = new Histogram({
    name: METRIC_NAMES.apiDuration,
    help: "How long one call to Slack's Web API or the Teams Bot Connector took, whatever its outcome.",
    labelNames: ['platform', 'operation'] as const,
    buckets: API_BUCKETS,
    registers,
  });
  const deliveries = new Counter({
    name: METRIC_NAMES.deliveries,
    help: 'Delivery attempts (letter cards, routing notes, reminders, escalations) by kind and outcome: sent, retrying, abandoned.',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const deliveryLag = new Histogram({
    name: METRIC_NAMES.deliveryLag,
    help: 'How long after it fell due a delivery was claimed for its first attempt.',
    buckets: LAG_BUCKETS,
    registers,
  });
  const sweeps = new Counter({
    name: METRIC_NAMES.sweeps,
    help: 'Reminder sweeps by result: ok, or failed (the sweep itself, not one letter).',
    labelNames: ['result'] as const,
    registers,
  });
  const sweepDuration = new Histogram({ name: METRIC_NAMES.sweepDuration, help: 'How long one reminder sweep took.', buckets: SWEEP_BUCKETS, registers });
  const sweepLetters = new Counter({
    name: METRIC_NAMES.sweepLetters,
    help: 'Letters the sweeps handled, and those whose handling failed and were put back a few minutes.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const sweepLag = new Gauge({
    name: METRIC_NAMES.sweepLag,
    help: 'At the start of the last sweep, how long the earliest due work had been waiting (the wake time; 0 when nothing was due).',
    registers,
  });
  const source = options.letterStates;
  new Gauge({
    name: METRIC_NAMES.letters,
    help: 'Current letters by state (awaiting-ack, acknowledged, awaiting-reply, overdue, replied, withdrawn), counted at scrape time at most every 30 s; finished letters count until their history is pruned.',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      this.reset();
      if (!source) return;
      try {
        for (const [state, count] of Object.entries(await source())) this.set({ state }, count);
      } catch (err) {
        // No samples rather than stale ones: a scrape that cannot count says so by their absence.
        log.warn({ ...errorDetails(err) }, 'letters by state could not be counted');
      }
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    inboundAnswered(platform: MetricsPlatform, status, seconds) {
      inboundRequests.inc({ platform, outcome: requestOutcome(status) });
      inboundAck.observe({ platform }, seconds);
    },
    platformCall(platform, operation, outcome, seconds) {
      const name = OPERATION.test(operation) ? operation : 'other';
      apiCalls.inc({ platform, operation: name, outcome });
      apiDuration.observe({ platform, operation: name }, seconds);
    },
    sweepFinished(o) {
      sweeps.inc({ result: o.crashed ? 'failed' : 'ok' });
      sweepDuration.observe(o.durationSeconds);
      if (o.letters > 0) sweepLetters.inc({ outcome: 'handled' }, o.letters);
      if (o.failed > 0) sweepLetters.inc({ outcome: 'failed' }, o.failed);
    },
    sweepLag: (seconds) => sweepLag.set(Math.max(0, seconds)),
    delivery: (kind, outcome) => deliveries.inc({ kind, outcome }),
    deliveryLag: (seconds) => deliveryLag.observe(Math.max(0, seconds)),
  };
}

/**
 * The metrics port: what PreLetter reports about itself, in its own words, so the
 * adapters and the scheduler record events without knowing Prometheus. The process
 * wires one implementation (src/observability/prometheus.ts); tests wire their own
 * registry or none. Every label value is from a small fixed set: never a letter's
 * text, a person's id or a letter reference.
 */

/** The chat platforms PreLetter serves. */
export type MetricsPlatform = 'slack' | 'teams';

/** How an inbound platform request was answered: 2xx/3xx ok, 4xx refused, 5xx (or no answer) failed. */
export type RequestOutcome = 'ok' | 'refused' | 'failed';

/** How one call to a platform's API went: answered, refused or unreachable, or rate limited (429). */
export type PlatformCallOutcome = 'ok' | 'error' | 'rate_limited';

/** What became of one delivery attempt (a letter's card, a routing note, a reminder…). */
export type DeliveryOutcome = 'sent' | 'retrying' | 'abandoned';

/** What one sweep did, as the scheduler saw it. */
export interface SweepObservation {
  durationSeconds: number;
  /** Letters handled, and letters whose handling failed and were put back. */
  letters: number;
  failed: number;
  /** The sweep itself failed (an exception, not a letter). */
  crashed: boolean;
}

/** Why: one narrow interface for every event worth counting, so any part of the process may record without a metrics library. */
export interface Metrics {
  /** An inbound platform request was answered (or its caller left): outcome by HTTP status, and how long the answer took. */
  inboundAnswered(platform: MetricsPlatform, status: number | undefined, seconds: number): void;
  /** One call to a platform's API finished; `operation` is a method name from PreLetter's own code (a fixed set). */
  platformCall(platform: MetricsPlatform, operation: string, outcome: PlatformCallOutcome, seconds: number): void;
  /** A sweep finished (or failed). */
  sweepFinished(observation: SweepObservation): void;
  /** A sweep started while the earliest due work had been waiting this long (0 when nothing was due). */
  sweepLag(seconds: number): void;
  /** A delivery attempt ended; `kind` is a delivery kind (post-root, ack-reminder, countdown…) or 'other'. */
  delivery(kind: string, outcome: DeliveryOutcome): void;
  /** A delivery was claimed for its first attempt this long after it fell due. */
  deliveryLag(seconds: number): void;
}

/** Why: the default wherever nothing was wired (tests, the CLI): records nothing and costs nothing. */
export const noMetrics: Metrics = {
  inboundAnswered: () => undefined,
  platformCall: () => undefined,
  sweepFinished: () => undefined,
  sweepLag: () => undefined,
  delivery: () => undefined,
  deliveryLag: () => undefined,
};

/** Why: the one rule for an inbound outcome, shared by the host and tests. */
export function requestOutcome(status: number | undefined): RequestOutcome {
  if (status === undefined || status >= 500) return 'failed';
  return status >= 400 ? 'refused' : 'ok';
}

/** Seconds elapsed since a `performance.now()` reading: how every duration is measured (monotonic, not wall-clock). */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}

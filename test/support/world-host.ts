/**
 * The HTTP host and core dependencies a platform test world starts from, wired as
 * src/main.ts wires them: with metrics, the host serves /metrics and counts the
 * platform's route, and deliveries and the agenda are instrumented.
 */
import type { BotDeps } from '../../src/bot/deps';
import { startHttpHost, type HttpHost } from '../../src/http';
import { instrumentedDeliveries, instrumentedSchedule } from '../../src/observability/instrumented-ports';
import type { PrometheusMetrics } from '../../src/observability/prometheus';
import type { BotHarness } from './bot-harness';
import { silentLogger } from './silent-logger';

/** Why: one wiring of host and metrics for the Slack and Teams worlds, so both measure what production measures. */
export async function openWorldHost(
  harness: BotHarness,
  route: { path: string; platform: 'slack' | 'teams' },
  metrics?: PrometheusMetrics,
): Promise<{ host: HttpHost; deps: BotDeps }> {
  const host = await startHttpHost({
    port: 0,
    host: '127.0.0.1',
    logger: silentLogger,
    ready: async () => true,
    ...(metrics ? { exposition: metrics, metrics, platformRoutes: { [route.path]: route.platform } } : {}),
  });
  const deps: BotDeps = { ...harness.deps, platforms: {} };
  if (metrics) {
    deps.deliveries = instrumentedDeliveries(deps.deliveries, metrics, harness.clock);
    deps.schedule = instrumentedSchedule(deps.schedule, metrics, harness.clock);
  }
  return { host, deps };
}

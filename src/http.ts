/**
 * The one HTTP host of PreLetter: health and readiness probes, /metrics, plus the
 * routes adapters mount (Slack events, Teams messages). Shutdown stops accepting new
 * requests (each is answered 503 while in-flight ones finish, so no half-handled turn
 * is cut off), then stops listening.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorDetails, type Logger } from './logger';
import { noMetrics, secondsSince, type Metrics, type MetricsPlatform } from './metrics';

/** A request handler an adapter mounts on the host. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The running host; close() resolves when every in-flight request has finished. */
export interface HttpHost {
  readonly server: Server;
  readonly port: number;
  mount(method: string, path: string, handler: RouteHandler): void;
  /** Requests being handled right now (for the shutdown log). */
  readonly inFlight: number;
  close(timeoutMs?: number): Promise<void>;
}

/** Why: what GET /metrics serves, without the host knowing the metrics library. */
export interface MetricsEndpoint {
  contentType: string;
  render(): Promise<string>;
}

/** Options of the host. */
export interface HttpHostOptions {
  port: number;
  host?: string;
  logger: Logger;
  /** Answers /readyz (the database is reachable). */
  ready: () => Promise<boolean>;
  /** Serves GET /metrics when set (METRICS=on); unset, /metrics is 404. */
  exposition?: MetricsEndpoint;
  /** Records how each request to a platform route was answered, and how fast. */
  metrics?: Metrics;
  /** The platform routes by path (`/slack/events` → slack); requests elsewhere are not counted. */
  platformRoutes?: Record<string, MetricsPlatform>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts listening; see HttpHostOptions. */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const { logger } = options;
  const metrics = options.metrics ?? noMetrics;
  const platformRoutes = new Map(Object.entries(options.platformRoutes ?? {}));
  const routes = new Map<string, RouteHandler>();
  routes.set('GET /healthz', (_req, res) => json(res, 200, { status: 'ok' }));
  routes.set('GET /readyz', async (_req, res) => {
    const ok = await options.ready().catch(() => false);
    json(res, ok ? 200 : 503, { status: ok ? 'ready' : 'database unreachable' });
  });
  const exposition = options.exposition;
  if (exposition) {
    routes.set('GET /metrics', async (_req, res) => {
      const body = await exposition.render();
      res.writeHead(200, { 'content-type': exposition.contentType, 'cache-control': 'no-store' });
      res.end(body);
    });
  }

  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | undefined;

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const platform = platformRoutes.get(path);
    if (platform) {
      const startedAt = performance.now();
      res.once('close', () => metrics.inboundAnswered(platform, res.writableFinished ? res.statusCode : undefined, secondsSince(startedAt)));
    }
    if (closing) {
      // Still listening while in-flight requests finish, so a late request hears "try again elsewhere".
      return json(res, 503, { status: 'shutting down' }, { connection: 'close', 'retry-after': '5' });
    }
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (closing && inFlight === 0) drained?.();
    });
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) return json(res, 404, { status: 'not found' });
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        logger.error({ path, ...errorDetails(err) }, 'http handler failed');
        if (!res.headersSent) json(res, 500, { status: 'error' });
        else res.end();
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  logger.info({ port }, 'http host listening');

  return {
    server,
    port,
    get inFlight() {
      return inFlight;
    },
    mount(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    async close(timeoutMs = 10_000) {
      closing = true;
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs).unref())),
        ]);
        clearTimeout(timer);
      }
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
    },
  };
}

/**
 * The one HTTP host of PreLetter: health and readiness probes, plus the routes
 * adapters mount (Slack events, Teams messages). Shutdown stops accepting new
 * requests and lets in-flight ones finish, so no half-handled turn is cut off.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorDetails, type Logger } from './logger';

/** A request handler an adapter mounts on the host. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The running host; close() resolves when every in-flight request has finished. */
export interface HttpHost {
  readonly server: Server;
  readonly port: number;
  mount(method: string, path: string, handler: RouteHandler): void;
  close(timeoutMs?: number): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Starts listening; `ready` answers /readyz (the database is reachable). */
export async function startHttpHost(options: {
  port: number;
  host?: string;
  logger: Logger;
  ready: () => Promise<boolean>;
}): Promise<HttpHost> {
  const { logger } = options;
  const routes = new Map<string, RouteHandler>();
  routes.set('GET /healthz', (_req, res) => json(res, 200, { status: 'ok' }));
  routes.set('GET /readyz', async (_req, res) => {
    const ok = await options.ready().catch(() => false);
    json(res, ok ? 200 : 503, { status: ok ? 'ready' : 'database unreachable' });
  });

  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | undefined;

  const server = createServer((req, res) => {
    if (closing) {
      res.setHeader('connection', 'close');
      return json(res, 503, { status: 'shutting down' });
    }
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (closing && inFlight === 0) drained?.();
    });
    const path = (req.url ?? '/').split('?')[0];
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
    mount(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    async close(timeoutMs = 10_000) {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await stopped;
    },
  };
}

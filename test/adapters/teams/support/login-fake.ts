/**
 * A local HTTPS fake of Azure AD's login host, enough for MSAL's client-credentials flow
 * as the Teams adapter runs it: the tenant's OpenID configuration, and its token
 * endpoint, which issues a token for one app id and secret and answers anything else
 * as Azure AD does (400 invalid_client, AADSTS7000215). MSAL only talks HTTPS, so the
 * fake serves a certificate made for 127.0.0.1 at start (openssl), and `caFile` is what
 * a process must trust (NODE_EXTRA_CA_CERTS) to reach it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One token request the fake received. */
export interface TokenRequest {
  tenant: string;
  clientId: string;
  scope: string;
  grantType: string;
  granted: boolean;
}

/** The fake login host; start() listens on 127.0.0.1 on a free port. */
export class LoginFake {
  readonly tokenRequests: TokenRequest[] = [];

  private constructor(
    private readonly server: Server,
    private readonly dir: string,
    readonly port: number,
    private readonly app: { clientId: string; secret: string },
  ) {}

  /** Starts the fake, which grants tokens to this app id and secret only. */
  static async start(app: { clientId: string; secret: string }): Promise<LoginFake> {
    const dir = mkdtempSync(path.join(tmpdir(), 'preletter-login-fake-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    let fake: LoginFake | undefined;
    const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = fake!.answer(req.method ?? 'GET', (req.url ?? '/').split('?')[0]!, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new LoginFake(server, dir, (server.address() as AddressInfo).port, app);
    return fake;
  }

  /** MICROSOFT_LOGIN_URL for this fake. */
  get loginUrl(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** The certificate a client must trust to reach the fake (for NODE_EXTRA_CA_CERTS). */
  get caFile(): string {
    return path.join(this.dir, 'cert.pem');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private answer(method: string, pathname: string, body: string): { status: number; body: unknown } {
    const [, tenant, ...rest] = pathname.split('/');
    const base = `${this.loginUrl}/${tenant}`;
    const route = `${method} /${rest.join('/')}`;
    if (route === 'GET /v2.0/.well-known/openid-configuration') {
      return {
        status: 200,
        body: {
          issuer: `${base}/v2.0`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        },
      };
    }
    if (route === 'POST /oauth2/v2.0/token') {
      const form = new URLSearchParams(body);
      const granted = form.get('client_id') === this.app.clientId && form.get('client_secret') === this.app.secret;
      this.tokenRequests.push({ tenant: tenant!, clientId: form.get('client_id') ?? '', scope: form.get('scope') ?? '', grantType: form.get('grant_type') ?? '', granted });
      if (granted) return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'fake-connector-token' } };
      return {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID. Trace ID: 0000 Correlation ID: 0000 Timestamp: 2026-11-30 09:00:00Z`,
          error_codes: [7000215],
        },
      };
    }
    return { status: 404, body: { error: 'not_found' } };
  }
}

/**
 * A local stand-in for the Bot Framework's key publication: OpenID metadata whose
 * `jwks_uri` lists RSA keys (with Teams' `endorsements`), one set for channel tokens and
 * one for Emulator tokens, plus a token minter built on node:crypto. Tests point the Teams
 * app at it (openIdMetadata) so botbuilder's real token validation runs against keys the
 * test holds, and forged tokens of every kind can be made.
 */
import { createHmac, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpenIdMetadataUrls } from '../../../../adapters/teams/authentication';

/** The issuer of tokens the Bot Framework channels send to bots. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';
/** One of the issuers botbuilder accepts for Emulator tokens (Azure AD, Bot Framework tenant, v1). */
export const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
/** The key id the fake publishes for channel tokens. */
export const CHANNEL_KID = 'fake-channel-key-1';

/** An RSA key pair with the id it is published under. */
export interface SigningPair {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Why: a fresh 2048-bit RSA key, as the Bot Framework uses. */
export function newSigningPair(kid: string): SigningPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** How to sign a token: RS256 with a key (the genuine way), HS256 with a shared secret, or not at all. */
export type Signer = { alg: 'RS256'; key: KeyObject } | { alg: 'HS256'; secret: string } | { alg: 'none' };

/** Why: builds `header.payload.signature` exactly as a JWT library would, so the forgery is only in what it claims. */
export function mintToken(header: Record<string, unknown>, claims: Record<string, unknown>, signer: Signer): string {
  const input = `${b64({ typ: 'JWT', ...header, alg: signer.alg })}.${b64(claims)}`;
  if (signer.alg === 'none') return `${input}.`;
  const signature =
    signer.alg === 'HS256' ? createHmac('sha256', signer.secret).update(input).digest() : sign('sha256', Buffer.from(input), createPrivateKey(signer.key.export({ type: 'pkcs8', format: 'pem' })));
  return `${input}.${signature.toString('base64url')}`;
}

/** Why: the claims a genuine Teams request's token carries (audience = the bot's app id, serviceurl = the activity's). */
export function channelClaims(appId: string, serviceUrl: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  return { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: nowSeconds - 60, exp: nowSeconds + 3600, iat: nowSeconds - 60 };
}

/** Why: the claims of a token the Emulator gets with the bot's credentials (version 1.0: the bot in `appid`). */
export function emulatorClaims(appId: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> {
  return { iss: EMULATOR_ISSUER, aud: appId, appid: appId, ver: '1.0', nbf: nowSeconds - 60, exp: nowSeconds + 3600 };
}

/** The fake key endpoints; start() listens on 127.0.0.1 on a free port. */
export class OpenIdFake {
  /** Paths requested, in order (metadata and keys). */
  readonly requests: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly channelKey: SigningPair,
    private readonly endorsements: string[],
  ) {}

  static async start(options: { endorsements?: string[] } = {}): Promise<OpenIdFake> {
    let fake: OpenIdFake | undefined;
    const server = createServer((req, res) => fake!.handle(req.url ?? '/', res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new OpenIdFake(server, (server.address() as AddressInfo).port, newSigningPair(CHANNEL_KID), options.endorsements ?? ['msteams']);
    return fake;
  }

  /** Channel keys from this fake; the Emulator's metadata URL points at a port nothing listens on (unreachable). */
  metadataUrls(unreachableEmulatorPort: number): OpenIdMetadataUrls {
    return {
      channel: `http://127.0.0.1:${this.port}/channel/.well-known/openidconfiguration`,
      emulator: `http://127.0.0.1:${unreachableEmulatorPort}/emulator/.well-known/openid-configuration`,
    };
  }

  /** Why: a genuine RS256 token signed with the published channel key. */
  token(claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
    return mintToken({ kid: this.channelKey.kid, ...header }, claims, { alg: 'RS256', key: this.channelKey.privateKey });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(url: string, res: ServerResponse): void {
    this.requests.push(url);
    const json = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url === '/channel/.well-known/openidconfiguration') {
      return json({ issuer: CHANNEL_ISSUER, jwks_uri: `http://127.0.0.1:${this.port}/channel/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (url === '/channel/keys') {
      const jwk = this.channelKey.publicKey.export({ format: 'jwk' });
      return json({ keys: [{ kty: 'RSA', use: 'sig', kid: this.channelKey.kid, n: jwk.n, e: jwk.e, endorsements: this.endorsements }] });
    }
    res.writeHead(404).end();
  }
}

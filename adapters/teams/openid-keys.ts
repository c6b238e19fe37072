/**
 * The signing keys the Bot Framework publishes (OpenID metadata → JWKS), kept for a day
 * like botbuilder keeps them. An unknown key id triggers at most one refresh an hour, and
 * a failed refresh is not retried for a short while, so forged tokens cannot turn
 * PreLetter into a request amplifier against the key endpoint. Every fetch has a timeout.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { PreLetterError } from '../../src/domain/errors';

/** One RSA signing key and the channels it is endorsed for (empty: no restriction). */
export interface SigningKey {
  key: KeyObject;
  endorsements: string[];
}

/** Why: knobs tests shorten; production uses OPENID_KEY_DEFAULTS. */
export interface OpenIdKeyTiming {
  refreshAfterMs: number;
  unknownKeyRefreshAfterMs: number;
  retryFailedAfterMs: number;
  timeoutMs: number;
}

/** Why: botbuilder's own refresh rules (a day; an unknown key id at most hourly), plus a fetch timeout and a failure pause. */
export const OPENID_KEY_DEFAULTS: OpenIdKeyTiming = {
  refreshAfterMs: 24 * 60 * 60 * 1000,
  unknownKeyRefreshAfterMs: 60 * 60 * 1000,
  retryFailedAfterMs: 10_000,
  timeoutMs: 5_000,
};

interface Jwk {
  kid?: unknown;
  kty?: unknown;
  n?: unknown;
  e?: unknown;
  endorsements?: unknown;
}

function unavailable(problem: string): PreLetterError {
  return new PreLetterError('unavailable', 'PreLetter could not check who sent this request. Please try again in a minute.', { problem });
}

async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw unavailable(`status ${res.status}`);
  return res.json();
}

function toSigningKey(jwk: Jwk): SigningKey | undefined {
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string' || (jwk.kty !== undefined && jwk.kty !== 'RSA')) return undefined;
  try {
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    const endorsements = Array.isArray(jwk.endorsements) ? jwk.endorsements.filter((x): x is string => typeof x === 'string') : [];
    return { key, endorsements };
  } catch {
    return undefined;
  }
}

/** Why: one metadata URL's keys, fetched lazily and shared by every request. */
export class OpenIdKeys {
  private keys = new Map<string, Jwk>();
  private fetchedAt = 0;
  private failedAt = 0;
  private refreshing: Promise<void> | undefined;

  constructor(
    readonly metadataUrl: string,
    private readonly timing: OpenIdKeyTiming = OPENID_KEY_DEFAULTS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Why: the key a token names, or undefined when no such RSA key is published.
   * Throws PreLetterError 'unavailable' when the keys cannot be fetched and none are known.
   */
  async find(kid: string): Promise<SigningKey | undefined> {
    const age = this.now() - this.fetchedAt;
    if (age >= this.timing.refreshAfterMs || (!this.keys.has(kid) && age >= this.timing.unknownKeyRefreshAfterMs)) await this.refresh(this.keys.size === 0);
    const jwk = this.keys.get(kid);
    return jwk ? toSigningKey(jwk) : undefined;
  }

  private async refresh(required: boolean): Promise<void> {
    if (this.now() - this.failedAt < this.timing.retryFailedAfterMs) {
      if (required) throw unavailable('recent failure');
      return;
    }
    this.refreshing ??= this.load().finally(() => (this.refreshing = undefined));
    try {
      await this.refreshing;
    } catch (err) {
      // Stale keys still verify what they signed; only with no keys at all is the check impossible.
      if (required) throw err instanceof PreLetterError ? err : unavailable((err as Error).name);
    }
  }

  private async load(): Promise<void> {
    try {
      const metadata = (await getJson(this.metadataUrl, this.timing.timeoutMs)) as { jwks_uri?: unknown } | null;
      const jwksUri = metadata?.jwks_uri;
      if (typeof jwksUri !== 'string' || !/^https?:\/\//.test(jwksUri)) throw unavailable('no jwks_uri');
      const jwks = (await getJson(jwksUri, this.timing.timeoutMs)) as { keys?: unknown } | null;
      if (!Array.isArray(jwks?.keys)) throw unavailable('no keys');
      const keys = new Map<string, Jwk>();
      for (const jwk of jwks.keys as Jwk[]) if (jwk && typeof jwk.kid === 'string' && !keys.has(jwk.kid)) keys.set(jwk.kid, jwk);
      this.keys = keys;
      this.fetchedAt = this.now();
    } catch (err) {
      this.failedAt = this.now();
      throw err;
    }
  }
}

/**
 * The Bot Framework token, checked before botbuilder checks it again. botbuilder's own
 * check answers some forgeries with a generic error (our 500) and writes the published
 * keys or a stack to the console; this check refuses every token that botbuilder's
 * signature, algorithm, issuer, time and endorsement checks would refuse, with a reason,
 * so only tokens botbuilder accepts on those grounds ever reach it. The claims botbuilder
 * checks afterwards (audience, serviceurl, emulator app id) are checked here too, early.
 */
import { verify } from 'node:crypto';
import { PreLetterError } from '../../src/domain/errors';
import type { OpenIdKeys, SigningKey } from './openid-keys';

/** Why each refused token was refused; logged (never the token itself). */
export type TokenRefusalReason =
  | 'missing-header'
  | 'malformed-header'
  | 'malformed-token'
  | 'algorithm'
  | 'issuer'
  | 'audience'
  | 'service-url'
  | 'expired'
  | 'not-yet-valid'
  | 'unknown-key'
  | 'endorsement'
  | 'signature'
  | 'refused';

/** Where tokens may come from: the Bot Framework channels, or the Emulator signed in with the bot's app id. */
export interface TokenSources {
  appId: string;
  channelIssuer: string;
  emulatorIssuers: readonly string[];
  channelKeys: OpenIdKeys;
  emulatorKeys: OpenIdKeys;
}

/** Why: botbuilder's clock tolerance for Bot Framework tokens (5 minutes). */
export const CLOCK_TOLERANCE_SECONDS = 300;
/** Why: a token must still be valid a little after this check, when botbuilder checks it again. */
const EXPIRY_MARGIN_SECONDS = 5;
const MAX_HEADER_LENGTH = 8192;
const ALGORITHMS = new Map([['RS256', 'sha256'], ['RS384', 'sha384'], ['RS512', 'sha512']]);
const BEARER = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

/** Why: an unauthenticated request, as a PreLetterError carrying the reason for the log. */
export function tokenRefused(reason: TokenRefusalReason): PreLetterError {
  return new PreLetterError('forbidden', 'PreLetter could not verify that this request came from Microsoft Teams.', { reason });
}

type Claims = Record<string, unknown>;

function part(text: string): Claims {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw tokenRefused('malformed-token');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw tokenRefused('malformed-token');
  return value as Claims;
}

function checkTimes(claims: Claims, nowSeconds: number): void {
  const { exp, nbf } = claims;
  if (typeof exp !== 'number' || (nbf !== undefined && typeof nbf !== 'number')) throw tokenRefused('malformed-token');
  if (nowSeconds + EXPIRY_MARGIN_SECONDS >= exp + CLOCK_TOLERANCE_SECONDS) throw tokenRefused('expired');
  if (typeof nbf === 'number' && nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS) throw tokenRefused('not-yet-valid');
}

/** Why: the Emulator names the bot in `appid` (token version 1.0) or `azp` (2.0), as botbuilder reads it. */
function emulatorAppId(claims: Claims): unknown {
  if (claims.ver === '1.0') return claims.appid;
  if (claims.ver === '2.0') return claims.azp;
  return undefined;
}

function signatureHolds(hash: string, signed: Buffer, signing: SigningKey, signature: string): boolean {
  try {
    return verify(hash, signed, signing.key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/**
 * Why: refuses the request unless its Authorization header holds a token the Bot Framework
 * (or the Emulator with the bot's credentials) signed for this bot and this activity.
 * Throws PreLetterError 'forbidden' (with a reason) or 'unavailable' (keys unreachable).
 */
export async function checkBotFrameworkToken(
  authorization: string | undefined,
  activity: { channelId: string; serviceUrl: string },
  sources: TokenSources,
  now: () => number = Date.now,
): Promise<void> {
  if (!authorization) throw tokenRefused('missing-header');
  // botbuilder checks App Service Environment channels against other keys; PreLetter serves none.
  if (activity.channelId === 'AseChannel') throw tokenRefused('refused');
  const match = authorization.length <= MAX_HEADER_LENGTH ? BEARER.exec(authorization) : null;
  if (!match) throw tokenRefused('malformed-header');
  const [, headerText, payloadText, signatureText] = match as unknown as [string, string, string, string];
  const header = part(headerText);
  const claims = part(payloadText);
  const hash = typeof header.alg === 'string' ? ALGORITHMS.get(header.alg) : undefined;
  if (!hash) throw tokenRefused('algorithm');
  if (typeof header.kid !== 'string' || header.kid === '' || header.kid.length > 256) throw tokenRefused('malformed-token');

  const fromChannel = claims.iss === sources.channelIssuer;
  if (!fromChannel && !sources.emulatorIssuers.includes(claims.iss as string)) throw tokenRefused('issuer');
  checkTimes(claims, Math.floor(now() / 1000));
  if (fromChannel) {
    if (claims.aud !== sources.appId) throw tokenRefused('audience');
    if (claims.serviceurl !== activity.serviceUrl) throw tokenRefused('service-url');
  } else if (emulatorAppId(claims) !== sources.appId) {
    throw tokenRefused('audience');
  }

  const signing = await (fromChannel ? sources.channelKeys : sources.emulatorKeys).find(header.kid);
  if (!signing) throw tokenRefused('unknown-key');
  if (signing.endorsements.length > 0 && !signing.endorsements.includes(activity.channelId)) throw tokenRefused('endorsement');
  if (!signatureHolds(hash, Buffer.from(`${headerText}.${payloadText}`, 'ascii'), signing, signatureText)) throw tokenRefused('signature');
}

/**
 * Tokens a form carries through the Teams client and back: a JSON payload, base64url, and
 * an HMAC of it under a purpose (so a preview form's token is never a flag form's), signed
 * with the key every instance shares. Only a token this process's key signed is trusted.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

/** The longest token accepted: a form's binding is a few hundred characters. */
const TOKEN_MAX = 2048;

function mac(purpose: string, body: string, key: Buffer): string {
  return createHmac('sha256', key).update(`${purpose}:${body}`).digest('base64url');
}

/** Why: a payload signed for one purpose, to travel through the client unchanged. */
export function signToken(purpose: string, payload: object, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${mac(purpose, body, key)}`;
}

/** Why: the payload of a token signed for this purpose with this key, read by its schema; undefined for anything else. */
export function verifyToken<S extends z.ZodTypeAny>(purpose: string, token: unknown, key: Buffer, schema: S): z.output<S> | undefined {
  if (typeof token !== 'string' || token.length > TOKEN_MAX) return undefined;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(purpose, body, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? (parsed.data as z.output<S>) : undefined;
  } catch {
    return undefined;
  }
}

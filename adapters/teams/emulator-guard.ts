/**
 * Bot Framework Emulator mode has no authentication, so it must only ever hear the
 * Emulator on this machine. A loopback socket alone proves nothing behind a reverse
 * proxy or a sidecar (they connect from loopback on behalf of anyone), so a request is
 * refused when it carries any forwarding header, comes from a non-loopback socket, is
 * addressed to a host name other than this machine's, or comes from a web page of
 * another origin (cross-site requests and DNS rebinding). Its activity's serviceUrl,
 * where answers would go, must be on this machine too.
 */
import { parseServiceUrl } from './thread-ref';
import type { IncomingMessage } from 'node:http';

/** Which emulator check refused a request; logged, never the header values themselves. */
export type EmulatorRefusal = 'forwarded' | 'remote-address' | 'host' | 'origin' | 'service-url';

/** Why: headers a proxy, load balancer or CDN adds for the client it speaks for; any of them means "not local". */
export const FORWARDING_HEADERS: readonly string[] = [
  'forwarded',
  'via',
  'x-real-ip',
  'x-client-ip',
  'x-cluster-client-ip',
  'x-original-forwarded-for',
  'x-original-host',
  'x-envoy-external-address',
  'x-azure-clientip',
  'x-azure-socketip',
  'true-client-ip',
  'cf-connecting-ip',
  'fastly-client-ip',
];

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLocalHostname(hostname: string): boolean {
  return LOCAL_HOSTNAMES.has(hostname.toLowerCase());
}

/** Why: answers and proactive calls of an unauthenticated turn may only go to http(s)://localhost, 127.0.0.1 or [::1]. */
export function isLocalServiceUrl(value: string): boolean {
  const url = parseServiceUrl(value);
  return url !== undefined && isLocalHostname(url.hostname);
}

function hostOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return new URL(`http://${header}`).hostname;
  } catch {
    return undefined;
  }
}

function originIsLocal(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLocalHostname(url.hostname);
  } catch {
    return false;
  }
}

/** Why: the first reason an emulator-mode request is not the local Emulator talking to us, or undefined when it may be. */
export function emulatorRequestRefusal(req: IncomingMessage): EmulatorRefusal | undefined {
  const names = Object.keys(req.headers);
  if (names.some((name) => name.startsWith('x-forwarded-') || FORWARDING_HEADERS.includes(name))) return 'forwarded';
  if (!LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '')) return 'remote-address';
  const host = hostOf(req.headers.host);
  if (!host || !isLocalHostname(host)) return 'host';
  const origin = req.headers.origin;
  if (origin !== undefined && !originIsLocal(origin)) return 'origin';
  return undefined;
}

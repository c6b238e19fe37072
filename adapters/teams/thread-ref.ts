/**
 * Opaque references the Teams adapter hands to the core and gets back later: a
 * letter's thread (the reply chain under its root card) and one posted message.
 * Teams needs the service URL and tenant to reach a conversation proactively, so
 * they travel inside the ref. Refs are `teams1:` + base64url(JSON) with a fixed key
 * order (the same thread always gives the same string), and every ref is validated
 * with zod on the way back in, so a forged or corrupted ref fails loudly instead of
 * sending a confidential letter to an unexpected conversation or host.
 */
import { z } from 'zod';
import { PreLetterError } from '../../src/domain/errors';

const PREFIX = 'teams1:';
const MAX_REF_LENGTH = 4096;

/** Channel, group or personal conversation ids: no whitespace and no `;` (replyChainId appends one). */
const CONVERSATION_ID = z.string().min(1).max(512).regex(/^[^\s;]+$/);
/** A message may live in a channel reply chain, whose conversation id carries `;messageid=<root>`. */
const MESSAGE_CONVERSATION_ID = z.string().min(1).max(600).regex(/^[^\s;]+(;messageid=[A-Za-z0-9:_.\-]+)?$/);
const TENANT_ID = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/);
const ACTIVITY_ID = z.string().min(1).max(256).regex(/^[A-Za-z0-9:_.\-]+$/);

/** Why: a service URL is only ever an http(s) address without credentials; anything else is no URL to us. */
export function parseServiceUrl(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  return url;
}

/** Why: proactive sends go to serviceUrl with the bot's token, so only https (or a local emulator) is accepted. */
export function isAllowedServiceUrl(value: string): boolean {
  const url = parseServiceUrl(value);
  if (!url) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
}

const SERVICE_URL = z.string().max(2048).refine(isAllowedServiceUrl);

const threadSchema = z
  .object({ k: z.literal('thread'), conversationId: CONVERSATION_ID, serviceUrl: SERVICE_URL, tenantId: TENANT_ID, rootActivityId: ACTIVITY_ID })
  .strict();
const messageSchema = z
  .object({ k: z.literal('msg'), conversationId: MESSAGE_CONVERSATION_ID, serviceUrl: SERVICE_URL, tenantId: TENANT_ID, activityId: ACTIVITY_ID })
  .strict();
const replySchema = z
  .object({ k: z.literal('reply'), serviceUrl: SERVICE_URL, tenantId: TENANT_ID, conversationId: CONVERSATION_ID.optional() })
  .strict();

/** A letter's Teams thread: the channel, where to reach it, its tenant, and the root card's activity id. */
export interface TeamsThread {
  conversationId: string;
  serviceUrl: string;
  tenantId: string;
  rootActivityId: string;
}

/** One posted Teams message: enough to update it in place later. */
export interface TeamsMessage {
  conversationId: string;
  serviceUrl: string;
  tenantId: string;
  activityId: string;
}

/**
 * Where a private answer goes. Teams has no ephemeral messages in channels: a private
 * answer goes to the person's 1:1 chat with the bot, either the one they wrote from
 * (conversationId) or one PreLetter opens with them in their tenant.
 */
export interface TeamsReplyPlace {
  serviceUrl: string;
  tenantId: string;
  /** A personal conversation to answer in; absent means "open the 1:1 chat with the person". */
  conversationId?: string;
}

function refused(kind: string, ref: string): PreLetterError {
  // The ref itself is not logged: only its length, which is enough to tell empty from mangled.
  return new PreLetterError('invalid-input', 'Sorry, PreLetter lost track of that Teams conversation. Please tell your PreLetter admin.', {
    refKind: kind,
    refLength: ref.length,
  });
}

function encode(value: object): string {
  return PREFIX + Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(ref: string, kind: string): unknown {
  if (typeof ref !== 'string' || ref.length > MAX_REF_LENGTH || !ref.startsWith(PREFIX)) throw refused(kind, String(ref));
  const body = ref.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) throw refused(kind, ref);
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw refused(kind, ref);
  }
}

/**
 * One codec per ref kind: the schema fixes the key order (so a value always encodes
 * to the same string) and is checked both ways, so only well-formed refs exist.
 */
function codec<T extends object, K extends string>(kind: string, tag: K, schema: z.ZodType<T & { k: K }>, keys: Array<keyof T>) {
  const pick = (value: T): T => Object.fromEntries(keys.map((key) => [key, value[key]])) as T;
  return {
    encode(value: T): string {
      const tagged = { k: tag, ...pick(value) };
      if (!schema.safeParse(tagged).success) throw refused(kind, JSON.stringify(tagged));
      return encode(tagged);
    },
    decode(ref: string): T {
      const parsed = schema.safeParse(decode(ref, kind));
      if (!parsed.success) throw refused(kind, ref);
      return pick(parsed.data);
    },
  };
}

const threadCodec = codec<TeamsThread, 'thread'>('thread', 'thread', threadSchema, ['conversationId', 'serviceUrl', 'tenantId', 'rootActivityId']);
const messageCodec = codec<TeamsMessage, 'msg'>('message', 'msg', messageSchema, ['conversationId', 'serviceUrl', 'tenantId', 'activityId']);
const replyCodec = codec<TeamsReplyPlace, 'reply'>('reply', 'reply', replySchema, ['serviceUrl', 'tenantId', 'conversationId']);

/** Why: the one canonical spelling of a thread, stored as-is by the core and used to find a letter from a reply. */
export const encodeThreadRef = (thread: TeamsThread): string => threadCodec.encode(thread);

/** Why: the core hands refs back; anything encodeThreadRef did not make (or a foreign host) is refused. */
export const decodeThreadRef = (ref: string): TeamsThread => threadCodec.decode(ref);

/** Why: updateMessage needs conversation, service URL and activity id together; the ref keeps them in one string. */
export const encodeMessageRef = (message: TeamsMessage): string => messageCodec.encode(message);

/** Why: validates a message ref before updateActivity trusts its host and ids. */
export const decodeMessageRef = (ref: string): TeamsMessage => messageCodec.decode(ref);

/** Why: replyPrivately takes an adapter-owned target; this spells "this person's 1:1 chat". */
export const encodeReplyTarget = (place: TeamsReplyPlace): string => replyCodec.encode(place);

/** Why: validates a private-reply target before anything is sent to its host. */
export function decodeReplyTarget(target: string): TeamsReplyPlace {
  const place = replyCodec.decode(target);
  return place.conversationId === undefined ? { serviceUrl: place.serviceUrl, tenantId: place.tenantId } : place;
}

/** Why: Teams posts into a channel reply chain through this conversation id, not the channel's own. */
export function replyChainId(thread: TeamsThread): string {
  return `${thread.conversationId};messageid=${thread.rootActivityId}`;
}

/**
 * Why: a reply chain's key that any reply in it names alike, whatever tenant or service URL
 * its activity carries (an external member of a shared channel writes from another tenant).
 * Channel ids and activity ids are unique across Teams, so nothing else is needed.
 */
export function replyChainKey(channelId: string, rootActivityId: string): string {
  return `teams-chain:${baseConversationId(channelId)};messageid=${rootActivityId}`;
}

/** Why: the channel a reply-chain conversation id belongs to (`19:…@thread.tacv2;messageid=1` → `19:…@thread.tacv2`). */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(';')[0]!;
}

/** Why: the root of a reply chain, from `…;messageid=<root>`; undefined for a conversation that is no chain. */
export function replyChainRoot(conversationId: string): string | undefined {
  const match = /;messageid=([A-Za-z0-9:_.-]+)$/.exec(conversationId);
  return match?.[1];
}

/**
 * Why: one spelling per service URL (lower-case host, trailing slash), so a thread ref made
 * when posting equals the one rebuilt from an inbound reply on the same host.
 */
export function canonicalServiceUrl(value: string): string {
  const url = new URL(value);
  const href = url.href.split(/[?#]/)[0]!;
  return href.endsWith('/') ? href : `${href}/`;
}

/** Why: Teams ids are checked once here, so other modules can ask "is this a tenant/conversation/activity id?". */
export const TEAMS_ID = {
  tenant: /^[A-Za-z0-9-]{1,64}$/,
  conversation: /^[^\s;]{1,512}$/,
  activity: /^[A-Za-z0-9:_.-]{1,256}$/,
  aadObject: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
} as const;

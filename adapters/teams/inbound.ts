/**
 * The edge: every Bot Framework activity PreLetter acts on, checked by zod and turned
 * into a neutral request (who, what, where, and how to answer privately). People are
 * known by tenant + AAD object id; a channel by tenant + channel conversation id.
 * Past this point the adapter trusts its own types. An activity that does not fit is
 * refused with a sentence naming the field, never a stack trace.
 */
import { TurnContext, type Activity } from 'botbuilder';
import { z } from 'zod';
import { PreLetterError } from '../../src/domain/errors';
import type { ChannelBinding, PlatformIdentity } from '../../src/domain/types';
import { baseConversationId, canonicalServiceUrl, encodeReplyTarget, isAllowedServiceUrl, replyChainRoot, TEAMS_ID } from './thread-ref';
import { readPayloadOf, unreadablePayload } from '../shared/read-payload';

/** Why: where and how to answer one person privately (always their 1:1 chat on Teams). */
export interface PrivateReply {
  user: PlatformIdentity;
  /** encodeReplyTarget(...): the personal chat they wrote from, or "open one with them". */
  target: string;
  /** The Teams client's locale ("fr-FR"), used only for someone the directory does not know. */
  locale?: string;
}

/** Why: what every inbound turn carries: the id that makes a repeat a no-op, where it came from, how to answer. */
export interface InboundTurn {
  dedupeId: string;
  tenantId: string;
  serviceUrl: string;
  reply: PrivateReply;
}

/** A message to (or near) the bot: a command when addressed to it, maybe `ack` in a letter's reply chain. */
export interface MessageRequest extends InboundTurn {
  actor: PlatformIdentity;
  /** The text with the bot's mention removed, trimmed. */
  text: string;
  /** Mentioned the bot, or wrote in personal chat: only then is the text a command. */
  addressed: boolean;
  channel?: ChannelBinding;
  /** Set when the message is a reply inside a channel reply chain (not the chain's first post). */
  thread?: { conversationId: string; rootActivityId: string };
  /** The message's own activity id (its id within the channel, for the bridge). */
  messageId: string;
  /** In a channel: the reply chain the message is in (its own, for a first post), and the name the person goes by there. */
  said?: { conversationId: string; name?: string };
}

/** The bot was added to a team: its General channel is where it says how to bind channels. */
export interface InstallRequest {
  dedupeId: string;
  tenantId: string;
  serviceUrl: string;
  teamId: string;
  channel: ChannelBinding;
}

/** The app was installed for one person: PreLetter welcomes them in their 1:1 chat with it. */
export interface PersonalInstallRequest extends InboundTurn {
  actor: PlatformIdentity;
}

const EMULATOR = 'emulator';
const text = (max: number) => z.string().max(max);
const account = z.object({ id: text(512).min(1), name: text(256).optional(), aadObjectId: text(64).optional(), role: z.string().optional() }).passthrough();
const entity = z.object({ type: z.string(), mentioned: z.object({ id: z.string() }).passthrough().optional(), text: z.string().optional() }).passthrough();

/** Why: the one edge schema every Teams activity is read with (also by inbound-actions.ts). */
export const activitySchema = z
  .object({
    type: z.string(),
    id: z.string().min(1).max(256),
    channelId: z.string().min(1),
    serviceUrl: z.string().max(2048).refine(isAllowedServiceUrl, 'is not an https service URL'),
    from: account,
    recipient: account,
    conversation: z
      .object({
        id: text(600).min(1).regex(/^\S+$/, 'has spaces'),
        conversationType: z.enum(['personal', 'groupChat', 'channel']).optional(),
        tenantId: z.string().optional(),
      })
      .passthrough(),
    channelData: z
      .object({
        tenant: z.object({ id: z.string() }).optional(),
        channel: z.object({ id: z.string() }).optional(),
        team: z.object({ id: z.string(), name: z.string().optional() }).passthrough().optional(),
        eventType: z.string().optional(),
      })
      .passthrough()
      .optional(),
    entities: z.array(entity).optional(),
    text: z.string().max(28_000).optional(),
    name: z.string().optional(),
    value: z.unknown().optional(),
    replyToId: z.string().optional(),
    locale: z.string().max(35).optional(),
    membersAdded: z.array(account).optional(),
    action: z.string().max(64).optional(),
  })
  .passthrough();

/** An activity as the edge schema read it. */
export type ParsedActivity = z.infer<typeof activitySchema>;

/** Why: the refusal for an activity that does not fit, naming the field. */
export function unreadable(what: string, field: string, problem: string): PreLetterError {
  return unreadablePayload('Teams', what, field, problem);
}

/** Why: a zod failure at the edge, as a sentence that names the field (and logs only the field). */
export function readPayload<S extends z.ZodTypeAny>(schema: S, body: unknown, what: string): z.output<S> {
  return readPayloadOf('Teams', 'activity', schema, body, what);
}

function tenantOf(a: ParsedActivity, what: string): string {
  const tenant = a.conversation.tenantId ?? a.channelData?.tenant?.id ?? (a.channelId === EMULATOR ? EMULATOR : undefined);
  if (!tenant) throw unreadable(what, 'conversation.tenantId', 'is missing');
  if (!TEAMS_ID.tenant.test(tenant)) throw unreadable(what, 'conversation.tenantId', 'is not a tenant id');
  return tenant;
}

function actorOf(a: ParsedActivity, tenantId: string, what: string): PlatformIdentity {
  // The Bot Framework Emulator has no Azure AD: its user id stands in, for local trials only.
  const userId = a.from.aadObjectId ?? (a.channelId === EMULATOR ? a.from.id : undefined);
  if (!userId) throw unreadable(what, 'from.aadObjectId', 'is missing');
  if (a.channelId !== EMULATOR && !TEAMS_ID.aadObject.test(userId)) throw unreadable(what, 'from.aadObjectId', 'is not an Azure AD object id');
  return { platform: 'teams', workspaceId: tenantId, userId };
}

/** Why: where an activity happened; Teams omits it in some personal chats. */
export function conversationType(a: ParsedActivity): 'personal' | 'groupChat' | 'channel' {
  return a.conversation.conversationType ?? 'personal';
}

function replyOf(a: ParsedActivity, actor: PlatformIdentity, tenantId: string): PrivateReply {
  const personal = conversationType(a) === 'personal' && TEAMS_ID.conversation.test(a.conversation.id);
  const target = encodeReplyTarget({ serviceUrl: canonicalServiceUrl(a.serviceUrl), tenantId, ...(personal ? { conversationId: a.conversation.id } : {}) });
  return { user: actor, target, ...(a.locale ? { locale: a.locale } : {}) };
}

/** Why: the channel an activity came from, when it came from one. */
export function channelOf(a: ParsedActivity, tenantId: string): ChannelBinding | undefined {
  if (conversationType(a) !== 'channel') return undefined;
  const channelId = a.channelData?.channel?.id ?? baseConversationId(a.conversation.id);
  return TEAMS_ID.conversation.test(channelId) ? { platform: 'teams', workspaceId: tenantId, channelId } : undefined;
}

function dedupeIdOf(a: ParsedActivity): string {
  return `${a.type}:${baseConversationId(a.conversation.id)}:${a.id}`;
}

/** Why: who acted, where, and how to answer them: what every turn needs from its activity. */
export function basics(a: ParsedActivity, what: string): InboundTurn & { actor: PlatformIdentity } {
  const tenantId = tenantOf(a, what);
  const actor = actorOf(a, tenantId, what);
  return { actor, tenantId, serviceUrl: canonicalServiceUrl(a.serviceUrl), dedupeId: dedupeIdOf(a), reply: replyOf(a, actor, tenantId) };
}

/** Why: true when the activity mentions the bot itself (not merely someone); also read before validation (app.ts). */
export function mentionsBot(a: { entities?: Array<{ type?: string; mentioned?: { id?: string } }>; recipient?: { id?: string } }): boolean {
  return (a.entities ?? []).some((e) => e.type === 'mention' && e.mentioned?.id !== undefined && e.mentioned.id === a.recipient?.id);
}

/**
 * Why: `@PreLetter status PL-2026-0007` → the command text after the mention, where it was
 * said, and (in a reply chain) which thread. Messages from bots return null.
 */
export function readMessage(body: unknown): MessageRequest | null {
  const a = readPayload(activitySchema, body, 'message');
  if (a.from.role === 'bot' || a.from.id === a.recipient.id) return null;
  const base = basics(a, 'message');
  const stripped = TurnContext.removeRecipientMention({ ...(a as unknown as Activity), entities: a.entities ?? [], text: a.text ?? '' }) ?? '';
  const commandText = stripped.replace(/^[\s,:]+/, '').trim();
  const root = conversationType(a) === 'channel' ? replyChainRoot(a.conversation.id) : undefined;
  const channel = channelOf(a, base.tenantId);
  return {
    ...base,
    text: commandText,
    messageId: a.id,
    addressed: conversationType(a) === 'personal' || mentionsBot(a),
    ...(channel ? { channel } : {}),
    ...(root && root !== a.id && channel ? { thread: { conversationId: channel.channelId, rootActivityId: root } } : {}),
    ...(channel ? { said: { conversationId: `${channel.channelId};messageid=${root ?? a.id}`, ...(a.from.name ? { name: a.from.name } : {}) } } : {}),
  };
}

/** Why: `conversationUpdate` with the bot among membersAdded in a team → where to say how to bind; anything else is null. */
export function readInstall(body: unknown): InstallRequest | null {
  const a = readPayload(activitySchema, body, 'installation');
  const botAdded = (a.membersAdded ?? []).some((m) => m.id === a.recipient.id);
  const teamId = a.channelData?.team?.id;
  if (!botAdded || conversationType(a) !== 'channel' || !teamId) return null;
  const tenantId = tenantOf(a, 'installation');
  const channel = channelOf(a, tenantId);
  if (!channel) throw unreadable('installation', 'conversation.id', 'is not a channel id');
  return { dedupeId: dedupeIdOf(a), tenantId, serviceUrl: canonicalServiceUrl(a.serviceUrl), teamId, channel };
}

/** Why: Teams tells of one personal install in two ways, either or both: the bot joining the 1:1 chat, and `installationUpdate` `add`. */
function isPersonalInstall(a: ParsedActivity): boolean {
  if (conversationType(a) !== 'personal') return false;
  if (a.type === 'installationUpdate') return a.action === 'add';
  return a.type === 'conversationUpdate' && (a.membersAdded ?? []).some((m) => m.id === a.recipient.id);
}

/**
 * Why: a personal install → whom to welcome and where (their 1:1 chat); anything else is
 * null. Both of Teams' announcements of it share one dedupe id, which names the person,
 * so they are welcomed once (again only after event ids are forgotten, on a reinstall).
 */
export function readPersonalInstall(body: unknown): PersonalInstallRequest | null {
  const a = readPayload(activitySchema, body, 'installation');
  if (!isPersonalInstall(a)) return null;
  const base = basics(a, 'installation');
  return { ...base, dedupeId: `welcome:${base.tenantId}:${base.actor.userId}` };
}

/** Why: reads one key of an unchecked value, for the few lookups made before validation. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Why: when an activity addressed to the bot (personal chat, a mention, a click) fails
 * validation, the person should still hear which field was wrong; this finds them from
 * the few ids it can check, trusting nothing else. Channel chatter gets no answer.
 */
export function looseReply(body: unknown): PrivateReply | undefined {
  const conversation = field(body, 'conversation');
  const type = field(conversation, 'conversationType') ?? 'personal';
  const recipient = field(field(body, 'recipient'), 'id');
  const entities = field(body, 'entities');
  const mentioned = Array.isArray(entities) && entities.some((e) => field(field(e, 'mentioned'), 'id') === recipient);
  if (field(body, 'type') === 'message' && type !== 'personal' && !mentioned) return undefined;
  const serviceUrl = field(body, 'serviceUrl');
  const tenant = field(conversation, 'tenantId') ?? field(field(field(body, 'channelData'), 'tenant'), 'id');
  const user = field(field(body, 'from'), 'aadObjectId');
  if (typeof serviceUrl !== 'string' || !isAllowedServiceUrl(serviceUrl)) return undefined;
  if (typeof tenant !== 'string' || !TEAMS_ID.tenant.test(tenant) || typeof user !== 'string' || !TEAMS_ID.aadObject.test(user)) return undefined;
  const actor: PlatformIdentity = { platform: 'teams', workspaceId: tenant, userId: user };
  const locale = field(body, 'locale');
  return {
    user: actor,
    target: encodeReplyTarget({ serviceUrl: canonicalServiceUrl(serviceUrl), tenantId: tenant }),
    ...(typeof locale === 'string' && locale.length <= 35 ? { locale } : {}),
  };
}

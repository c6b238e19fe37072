/**
 * The edge: every Slack payload PreLetter accepts, checked by zod and turned into a
 * neutral request (who, what, where, and how to answer privately). Past this point
 * the adapter trusts its own types. A payload that does not fit is refused with a
 * sentence naming the field, never a stack trace.
 */
import { z } from 'zod';
import { PreLetterError } from '../../src/domain/errors';
import type { ChannelBinding, PlatformIdentity } from '../../src/domain/types';
import { unescapeSlackText } from './escape';
import { encodeReplyTarget, encodeThreadRef, SLACK_ID } from './thread-ref';
import { readPayloadOf, unreadablePayload } from '../shared/read-payload';

/** Why: Slack's ids as the edge reads them, each refused with a sentence naming what it is not. */
export const SLACK_FIELDS = {
  team: z.string().regex(SLACK_ID.team, 'is not a Slack workspace id'),
  channel: z.string().regex(SLACK_ID.channel, 'is not a Slack channel id'),
  user: z.string().regex(SLACK_ID.user, 'is not a Slack user id'),
  ts: z.string().regex(SLACK_ID.ts, 'is not a Slack message timestamp'),
};
const { team: teamId, channel: channelId, user: userId, ts } = SLACK_FIELDS;

/** Why: where and how to answer one person privately, whatever kind of turn it was. */
export interface PrivateReply {
  user: PlatformIdentity;
  /** encodeReplyTarget(...) of the channel (and thread) the person acted in; absent when there is none (App Home). */
  target?: string;
  /** Slack's response_url, a fallback that works even where the bot is not a channel member. */
  responseUrl?: string;
}

/** Why: what every inbound turn carries: who acted, the id that makes a retry a no-op, and how to answer. */
export interface InboundTurn {
  dedupeId: string;
  reply: PrivateReply;
}

/** A `/preletter …` slash command. */
export interface SlashCommandRequest extends InboundTurn {
  actor: PlatformIdentity;
  text: string;
  channel?: ChannelBinding;
  triggerId: string;
}

/** A submitted modal, its state still raw: the modal module validates the form fields. */
export interface ViewSubmissionRequest {
  actor: PlatformIdentity;
  callbackId: string;
  dedupeId: string;
  privateMetadata: string;
  values: Record<string, Record<string, unknown>>;
}

/** Text typed in the app's Messages tab: read as a command, answered in the same conversation. */
export interface DirectMessageRequest extends InboundTurn {
  actor: PlatformIdentity;
  text: string;
}

/** An @-mention of the bot: the text after the mention is read as a command. */
export interface MentionRequest extends InboundTurn {
  actor: PlatformIdentity;
  text: string;
  channel?: ChannelBinding;
  /** Set when the mention was written inside a thread. */
  threadRef?: string;
}

/** Someone opened the bot's App Home. */
export interface HomeOpenedRequest {
  actor: PlatformIdentity;
  tab: string;
  dedupeId: string;
}

/** Why: a Slack person as the core knows them: workspace and user id. */
export function identity(workspaceId: string, user: string): PlatformIdentity {
  return { platform: 'slack', workspaceId, userId: user };
}

function binding(workspaceId: string, channel: string): ChannelBinding | undefined {
  // Direct messages (D…) are nobody's bound channel.
  return channel.startsWith('D') ? undefined : { platform: 'slack', workspaceId, channelId: channel };
}

/** Why: a payload field PreLetter cannot read, as the sentence that names it (inbound-actions.ts reads clicks with it too). */
export function unreadable(what: string, field: string, problem: string): PreLetterError {
  return unreadablePayload('Slack', what, field, problem);
}

/** Why: a zod failure at the edge, as a sentence that names the field (and logs only the field). */
export function readPayload<S extends z.ZodTypeAny>(schema: S, body: unknown, what: string): z.output<S> {
  return readPayloadOf('Slack', 'payload', schema, body, what);
}

const slashCommandSchema = z.object({
  command: z.string().min(1),
  text: z.string().default(''),
  team_id: teamId,
  channel_id: channelId,
  user_id: userId,
  trigger_id: z.string().min(1),
  response_url: z.string().url().optional(),
});

/** Why: the slash command form body → a neutral command request. */
export function readSlashCommand(body: unknown): SlashCommandRequest {
  const c = readPayload(slashCommandSchema, body, 'command');
  const actor = identity(c.team_id, c.user_id);
  return {
    actor,
    text: unescapeSlackText(c.text),
    channel: binding(c.team_id, c.channel_id),
    triggerId: c.trigger_id,
    dedupeId: `command:${c.trigger_id}`,
    reply: { user: actor, target: encodeReplyTarget({ channelId: c.channel_id }), responseUrl: c.response_url },
  };
}

const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: userId, team_id: teamId.optional() }),
  team: z.object({ id: teamId }).nullable().optional(),
  view: z.object({
    id: z.string().min(1),
    hash: z.string().min(1),
    callback_id: z.string(),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  }),
});

/** Why: a modal submission → who submitted which form, with its raw state for the form's own validation. */
export function readViewSubmission(body: unknown): ViewSubmissionRequest {
  const s = readPayload(viewSubmissionSchema, body, 'form');
  const workspaceId = s.user.team_id ?? s.team?.id;
  if (!workspaceId) throw unreadable('form', 'user.team_id', 'is missing');
  return {
    actor: identity(workspaceId, s.user.id),
    callbackId: s.view.callback_id,
    // A view is submitted once per version: id + hash names this submission.
    dedupeId: `view:${s.view.id}:${s.view.hash}`,
    privateMetadata: s.view.private_metadata,
    values: s.view.state.values,
  };
}

/** Why: the Events API envelope every event arrives in (inbound-thread.ts reads edits with it too). */
export const envelopeSchema = z.object({
  type: z.literal('event_callback'),
  team_id: teamId,
  event_id: z.string().min(1),
  event: z.object({ type: z.string() }).passthrough(),
});

/** Why: a `message` event as the Events API sends it (inbound-thread.ts reads thread replies with it). */
export const messageEventSchema = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  channel: channelId,
  user: userId.optional(),
  user_team: teamId.optional(),
  text: z.string().default(''),
  ts,
  thread_ts: ts.optional(),
  channel_type: z.string().optional(),
});

/** Why: the Events API sends channel messages and the app's direct messages as one `message` type; they mean different things. */
export function isDirectMessageEvent(body: unknown): boolean {
  const event = (body as { event?: { channel_type?: unknown } } | null)?.event;
  return event?.channel_type === 'im';
}

/**
 * Why: a person's plain message to the app in its Messages tab is a command; the app's
 * own posts, edits and deletions are not requests and return null.
 */
export function readDirectMessage(body: unknown): DirectMessageRequest | null {
  const envelope = readPayload(envelopeSchema, body, 'event');
  const e = readPayload(messageEventSchema, envelope.event, 'message event');
  if (e.subtype !== undefined || e.bot_id !== undefined || !e.user || e.channel_type !== 'im') return null;
  const actor = identity(e.user_team ?? envelope.team_id, e.user);
  return {
    actor,
    text: unescapeSlackText(e.text).trim(),
    dedupeId: `event:${envelope.event_id}`,
    // No target: the answer is a message in this same conversation, which only the person sees.
    reply: { user: actor },
  };
}

const mentionEventSchema = z.object({
  type: z.literal('app_mention'),
  channel: channelId,
  user: userId,
  user_team: teamId.optional(),
  text: z.string().default(''),
  ts,
  thread_ts: ts.optional(),
});

/** Why: `@PreLetter status PL-2026-0007` → the command text after the mention, and where it was said. */
export function readMention(body: unknown): MentionRequest {
  const envelope = readPayload(envelopeSchema, body, 'event');
  const e = readPayload(mentionEventSchema, envelope.event, 'mention');
  const actor = identity(e.user_team ?? envelope.team_id, e.user);
  const text = unescapeSlackText(e.text.replace(/^\s*(<@[UW][A-Z0-9]+(\|[^>]*)?>[\s,:]*)+/, '')).trim();
  const inThread = e.thread_ts && e.thread_ts !== e.ts ? e.thread_ts : undefined;
  return {
    actor,
    text,
    channel: binding(envelope.team_id, e.channel),
    ...(inThread ? { threadRef: encodeThreadRef({ teamId: envelope.team_id, channelId: e.channel, threadTs: inThread }) } : {}),
    dedupeId: `event:${envelope.event_id}`,
    reply: { user: actor, target: encodeReplyTarget({ channelId: e.channel, ...(inThread ? { threadTs: inThread } : {}) }) },
  };
}

const homeOpenedSchema = z.object({ type: z.literal('app_home_opened'), user: userId, tab: z.string().default('home') });

/** Why: App Home opened → whose status to publish (only the Home tab needs a view). */
export function readHomeOpened(body: unknown): HomeOpenedRequest {
  const envelope = readPayload(envelopeSchema, body, 'event');
  const e = readPayload(homeOpenedSchema, envelope.event, 'App Home event');
  return { actor: identity(envelope.team_id, e.user), tab: e.tab, dedupeId: `event:${envelope.event_id}` };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Why: when a payload fails validation, the person should still hear which field
 * was wrong; this finds them from the few ids it can check, trusting nothing else.
 */
export function looseReply(body: unknown): PrivateReply | undefined {
  const event = field(body, 'event');
  const user = str(field(body, 'user_id')) ?? str(field(field(body, 'user'), 'id')) ?? str(field(event, 'user'));
  const team = str(field(field(body, 'user'), 'team_id')) ?? str(field(body, 'team_id')) ?? str(field(field(body, 'team'), 'id'));
  const channel =
    str(field(body, 'channel_id')) ?? str(field(field(body, 'container'), 'channel_id')) ?? str(field(field(body, 'channel'), 'id')) ?? str(field(event, 'channel'));
  const responseUrl = str(field(body, 'response_url'));
  if (!user || !team || !SLACK_ID.user.test(user) || !SLACK_ID.team.test(team)) return undefined;
  const target = channel && SLACK_ID.channel.test(channel) ? encodeReplyTarget({ channelId: channel }) : undefined;
  const validUrl = responseUrl && z.string().url().safeParse(responseUrl).success ? responseUrl : undefined;
  return { user: identity(team, user), ...(target ? { target } : {}), ...(validUrl ? { responseUrl: validUrl } : {}) };
}

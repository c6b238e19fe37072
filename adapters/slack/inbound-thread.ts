/**
 * The edge for messages in a channel's threads: a person's reply (maybe a letter's `ack`,
 * maybe words the bridge relays), and a reply changing after it was written: Slack sends an edit as a
 * `message` event with subtype `message_changed` (the new message inside) and a deletion
 * with subtype `message_deleted` (the previous message inside). Only a person's reply in a
 * thread is of interest (the bridge shows its edits and deletions on its copies); a bot's
 * message, a top-level message, or anything else returns null.
 */
import { z } from 'zod';
import type { PlatformIdentity } from '../../src/domain/types';
import { envelopeSchema, identity, messageEventSchema, readPayload, SLACK_FIELDS, type InboundTurn } from './inbound';
import { unescapeSlackText } from './escape';
import { encodeReplyTarget, encodeThreadRef } from './thread-ref';

/** A person's reply in a thread, which might be a letter's thread. */
export interface ThreadReplyRequest extends InboundTurn {
  actor: PlatformIdentity;
  threadRef: string;
  text: string;
  /** The reply's own ts: its id within the channel, for the bridge. */
  messageId: string;
}

/**
 * Why: only a person's plain reply inside a thread can be a letter's `ack`; edits,
 * bot posts, joins and top-level messages are not requests and return null.
 */
export function readThreadReply(body: unknown): ThreadReplyRequest | null {
  const envelope = readPayload(envelopeSchema, body, 'event');
  const e = readPayload(messageEventSchema, envelope.event, 'message event');
  if (e.subtype !== undefined || e.bot_id !== undefined || !e.user) return null;
  if (!e.thread_ts || e.thread_ts === e.ts) return null;
  const actor = identity(e.user_team ?? envelope.team_id, e.user);
  return {
    actor,
    text: unescapeSlackText(e.text),
    threadRef: encodeThreadRef({ teamId: envelope.team_id, channelId: e.channel, threadTs: e.thread_ts }),
    messageId: e.ts,
    dedupeId: `event:${envelope.event_id}`,
    reply: { user: actor, target: encodeReplyTarget({ channelId: e.channel, threadTs: e.thread_ts }) },
  };
}

/** A thread reply that was edited (its new text) or deleted. */
export interface ThreadReplyChange {
  actor: PlatformIdentity;
  threadRef: string;
  messageId: string;
  change: { text: string } | { deleted: true };
  dedupeId: string;
}

const inner = z.object({ user: SLACK_FIELDS.user.optional(), bot_id: z.string().optional(), text: z.string().default(''), ts: SLACK_FIELDS.ts, thread_ts: SLACK_FIELDS.ts.optional() }).passthrough();
const changeSchema = z.object({
  type: z.literal('message'),
  subtype: z.enum(['message_changed', 'message_deleted']),
  channel: SLACK_FIELDS.channel,
  message: inner.optional(),
  previous_message: inner.optional(),
  deleted_ts: SLACK_FIELDS.ts.optional(),
});

/** Why: true for the two subtypes this module reads, so the listener can send everything else its usual way. */
export function isThreadChange(body: unknown): boolean {
  const subtype = (body as { event?: { subtype?: unknown } } | null)?.event?.subtype;
  return subtype === 'message_changed' || subtype === 'message_deleted';
}

/** Why: an edited or deleted thread reply by a person → which message, in which thread, now saying what. */
export function readThreadChange(body: unknown): ThreadReplyChange | null {
  const envelope = readPayload(envelopeSchema, body, 'event');
  const e = readPayload(changeSchema, envelope.event, 'message change');
  const message = e.subtype === 'message_changed' ? e.message : e.previous_message;
  if (!message?.user || message.bot_id !== undefined || !message.thread_ts || message.thread_ts === message.ts) return null;
  // Slack also sends message_changed when it unfurls a link or counts replies: the words did not change.
  if (e.subtype === 'message_changed' && e.previous_message && e.previous_message.text === message.text) return null;
  return {
    actor: { platform: 'slack', workspaceId: envelope.team_id, userId: message.user },
    threadRef: encodeThreadRef({ teamId: envelope.team_id, channelId: e.channel, threadTs: message.thread_ts }),
    messageId: e.subtype === 'message_deleted' ? (e.deleted_ts ?? message.ts) : message.ts,
    change: e.subtype === 'message_deleted' ? { deleted: true } : { text: unescapeSlackText(message.text) },
    dedupeId: `event:${envelope.event_id}`,
  };
}

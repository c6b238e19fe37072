/**
 * Opaque references the Slack adapter hands to the core and gets back later:
 * a letter's thread, one posted message, and the place a private reply goes.
 * The core stores them as-is; only this module reads them, and it validates every
 * one on the way back in, so a corrupted or foreign ref fails loudly instead of
 * posting somewhere unexpected. Encoding is canonical: the same thread always
 * gives the same string, which is how a thread reply finds its letter.
 */
import { PreLetterError } from '../../src/domain/errors';

const TEAM = /^[TE][A-Z0-9]{2,}$/;
const CHANNEL = /^[CGD][A-Z0-9]{2,}$/;
const TS = /^\d{9,12}\.\d{6}$/;

/** A letter's Slack thread: workspace, channel and the root message's timestamp. */
export interface SlackThread {
  teamId: string;
  channelId: string;
  threadTs: string;
}

/** One Slack message: channel and timestamp are all chat.update needs. */
export interface SlackMessage {
  channelId: string;
  ts: string;
}

/** Where a private (ephemeral) reply goes: a channel, and a thread in it when there is one. */
export interface SlackReplyPlace {
  channelId: string;
  threadTs?: string;
}

function check(value: string, pattern: RegExp): boolean {
  return pattern.test(value);
}

function refused(kind: string, ref: string): PreLetterError {
  // The ref itself is not logged: only its length, which is enough to tell empty from mangled.
  return new PreLetterError('internal', 'Sorry, PreLetter lost track of that Slack conversation. Please tell your PreLetter admin.', {
    refKind: kind,
    refLength: ref.length,
  });
}

/** Why: the one canonical spelling of a thread, shared by postRoot and the `ack` thread-reply lookup. */
export function encodeThreadRef(thread: SlackThread): string {
  if (!check(thread.teamId, TEAM) || !check(thread.channelId, CHANNEL) || !check(thread.threadTs, TS)) {
    throw refused('thread', `${thread.teamId}:${thread.channelId}:${thread.threadTs}`);
  }
  return `slack:thread:${thread.teamId}:${thread.channelId}:${thread.threadTs}`;
}

/** Why: the core hands refs back; anything not made by encodeThreadRef is refused. */
export function decodeThreadRef(ref: string): SlackThread {
  const parts = ref.split(':');
  if (parts.length !== 5 || parts[0] !== 'slack' || parts[1] !== 'thread') throw refused('thread', ref);
  const [, , teamId, channelId, threadTs] = parts as [string, string, string, string, string];
  if (!check(teamId, TEAM) || !check(channelId, CHANNEL) || !check(threadTs, TS)) throw refused('thread', ref);
  return { teamId, channelId, threadTs };
}

/** Why: a posted message is addressed by channel and ts; the ref keeps both in one string. */
export function encodeMessageRef(message: SlackMessage): string {
  if (!check(message.channelId, CHANNEL) || !check(message.ts, TS)) throw refused('message', `${message.channelId}:${message.ts}`);
  return `slack:msg:${message.channelId}:${message.ts}`;
}

/** Why: validates a message ref before chat.update trusts its channel and ts. */
export function decodeMessageRef(ref: string): SlackMessage {
  const parts = ref.split(':');
  if (parts.length !== 4 || parts[0] !== 'slack' || parts[1] !== 'msg') throw refused('message', ref);
  const [, , channelId, ts] = parts as [string, string, string, string];
  if (!check(channelId, CHANNEL) || !check(ts, TS)) throw refused('message', ref);
  return { channelId, ts };
}

/** Why: replyPrivately takes an adapter-owned target; this spells "this channel (and thread)". */
export function encodeReplyTarget(place: SlackReplyPlace): string {
  if (!check(place.channelId, CHANNEL) || (place.threadTs !== undefined && !check(place.threadTs, TS))) {
    throw refused('reply', `${place.channelId}:${place.threadTs ?? ''}`);
  }
  return place.threadTs ? `slack:reply:${place.channelId}:${place.threadTs}` : `slack:reply:${place.channelId}`;
}

/** Why: validates a private-reply target before chat.postEphemeral uses it. */
export function decodeReplyTarget(target: string): SlackReplyPlace {
  const parts = target.split(':');
  if ((parts.length !== 3 && parts.length !== 4) || parts[0] !== 'slack' || parts[1] !== 'reply') throw refused('reply', target);
  const channelId = parts[2]!;
  const threadTs = parts[3];
  if (!check(channelId, CHANNEL) || (threadTs !== undefined && !check(threadTs, TS))) throw refused('reply', target);
  return threadTs ? { channelId, threadTs } : { channelId };
}

/** Why: Slack ids are checked once here, so other modules can ask "is this a channel/user id?". */
export const SLACK_ID = {
  team: TEAM,
  channel: CHANNEL,
  user: /^[UW][A-Z0-9]{2,}$/,
  ts: TS,
} as const;

/**
 * The edge for clicks on card buttons: a block_actions payload checked by zod (with the
 * fields inbound.ts checks everywhere) and read as a neutral request: a letter card's button
 * (which action, on which letter), or the flag card's (acknowledge which flag), by whom.
 */
import { CALL_BUTTON_ANSWERS } from '../../src/bot/answer-call';
import { isCallRef } from '../../src/domain/call';
import { isFlagRef } from '../../src/domain/flag';
import { z } from 'zod';
import type { CallActionId, FlagActionId, LetterActionId } from '../../src/bot/ports';
import type { PlatformIdentity } from '../../src/domain/types';
import { identity, readPayload, SLACK_FIELDS, unreadable, type InboundTurn } from './inbound';
import { encodeReplyTarget } from './thread-ref';

const { team: teamId, channel: channelId, user: userId, ts } = SLACK_FIELDS;
const letterRef = z.string().regex(/^PL-\d{4}-\d{4}$/, 'is not a letter reference');
const flagRef = z.string().refine(isFlagRef, 'is not a flag reference');
const callRef = z.string().refine(isCallRef, 'is not a call reference');

/** The buttons the core puts on cards; each is registered as a Bolt action listener. */
export const ACTION_IDS: readonly LetterActionId[] = ['acknowledge', 'mark-sent', 'record-reply', 'withdraw'];

/** The flag card's button; registered as its own Bolt action listener. */
export const FLAG_ACTION_ID: FlagActionId = 'acknowledge-flag';

/** The answer buttons of a call for input's card; each is registered as a Bolt action listener. */
export const CALL_ACTION_IDS = Object.keys(CALL_BUTTON_ANSWERS) as CallActionId[];

/** A click on one of the core's card buttons. */
export interface ButtonRequest extends InboundTurn {
  actor: PlatformIdentity;
  action: LetterActionId;
  ref: string;
}

/** A click on the flag card's Acknowledge button. */
export interface FlagButtonRequest extends InboundTurn {
  actor: PlatformIdentity;
  ref: string;
  /** The message clicked, as chat.update names it. */
  message?: { channelId: string; ts: string };
}

const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  trigger_id: z.string().min(1),
  user: z.object({ id: userId, team_id: teamId.optional() }),
  team: z.object({ id: teamId }).nullable().optional(),
  container: z.object({ channel_id: channelId.optional() }).passthrough(),
  channel: z.object({ id: channelId }).optional(),
  message: z.object({ ts, thread_ts: ts.optional() }).passthrough().optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
  response_url: z.string().url().optional(),
});

/** A click on a call card's answer button: which answer, to which call, by whom, in which channel. */
export interface CallButtonRequest extends InboundTurn {
  actor: PlatformIdentity;
  action: CallActionId;
  ref: string;
  /** The channel the card was in (a company's channel, or a direct message). */
  channelId?: string;
}

const actionId = z.enum(ACTION_IDS as [LetterActionId, ...LetterActionId[]]);

/** Why: any click on a card button: who clicked which button (and its value), on which message, and how to answer them. */
export interface ClickRequest extends InboundTurn {
  actor: PlatformIdentity;
  actionId: string;
  value?: string;
  /** The message the button was on, when Slack says (its channel and ts). */
  message?: { channelId: string; ts: string };
  /** The conversation the button was in, even on an ephemeral message Slack sends no copy of. */
  channelId?: string;
}

/** Why: a block_actions payload → the click, before the button's own value is checked. */
export function readClick(body: unknown): ClickRequest {
  const b = readPayload(blockActionsSchema, body, 'button click');
  const clicked = b.actions[0]!;
  const workspaceId = b.user.team_id ?? b.team?.id;
  if (!workspaceId) throw unreadable('button click', 'user.team_id', 'is missing');
  const actor = identity(workspaceId, b.user.id);
  const channel = b.container.channel_id ?? b.channel?.id;
  const inThread = b.message?.thread_ts && b.message.thread_ts !== b.message.ts ? b.message.thread_ts : undefined;
  return {
    actor,
    actionId: clicked.action_id,
    ...(clicked.value !== undefined ? { value: clicked.value } : {}),
    ...(channel && b.message ? { message: { channelId: channel, ts: b.message.ts } } : {}),
    ...(channel ? { channelId: channel } : {}),
    dedupeId: `action:${b.trigger_id}`,
    reply: {
      user: actor,
      target: channel ? encodeReplyTarget({ channelId: channel, ...(inThread ? { threadTs: inThread } : {}) }) : undefined,
      responseUrl: b.response_url,
    },
  };
}

/** Why: a block_actions payload from a letter card's button → which action, on which letter, by whom. */
export function readButton(body: unknown): ButtonRequest {
  const { actor, actionId: clicked, value, dedupeId, reply } = readClick(body);
  const { action, ref } = readPayload(z.object({ action: actionId, ref: letterRef }), { action: clicked, ref: value }, 'button click');
  return { actor, action, ref, dedupeId, reply };
}

/** Why: a block_actions payload from the flag card's button → which flag, by whom, on which message. */
export function readFlagButton(body: unknown): FlagButtonRequest {
  const { actor, actionId: clicked, value, message, dedupeId, reply } = readClick(body);
  const { ref } = readPayload(z.object({ action: z.literal(FLAG_ACTION_ID), ref: flagRef }), { action: clicked, ref: value }, 'button click');
  return { actor, ref, ...(message ? { message } : {}), dedupeId, reply };
}

/** Why: a block_actions payload from a call card's answer button → which answer, to which call, by whom, from where. */
export function readCallButton(body: unknown): CallButtonRequest {
  const { actor, actionId: clicked, value, channelId, dedupeId, reply } = readClick(body);
  const schema = z.object({ action: z.enum(CALL_ACTION_IDS as [CallActionId, ...CallActionId[]]), ref: callRef });
  const { action, ref } = readPayload(schema, { action: clicked, ref: value }, 'button click');
  return { actor, action, ref, ...(channelId ? { channelId } : {}), dedupeId, reply };
}

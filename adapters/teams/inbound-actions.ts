/**
 * The edge for what people do on cards and dialogs: a click on a Universal Action
 * (`adaptiveCard/action`), the same click from an older Teams client (its Action.Submit
 * fallback arrives as a message whose value is the button's data), and the dialog invokes
 * (`task/fetch|submit`, `composeExtension/fetchTask|submitAction`). Each is checked by
 * zod with the activity schema of inbound.ts and becomes a neutral request.
 */
import { z } from 'zod';
import type { ChannelBinding, PlatformIdentity } from '../../src/domain/types';
import { activitySchema, basics, channelOf, conversationType, field, readPayload, unreadable, type InboundTurn, type ParsedActivity } from './inbound';
import { SUBMIT_VERB_KEY } from './render';
import { TEAMS_ID } from './thread-ref';

/** A click on an Action.Execute button (Universal Actions), or the preview form's submit. */
export interface CardActionRequest extends InboundTurn {
  actor: PlatformIdentity;
  verb: string;
  data: Record<string, unknown>;
  /** The conversation and message of the card that was clicked. */
  place: { conversationId: string; messageId?: string; personal: boolean };
  /** How it came: an invoke PreLetter answers in place, or an older client's Action.Submit (a message), answered after. */
  via: 'execute' | 'submit';
}

/** A dialog (task module) asked for or submitted: from the "Preview a letter" card's button, or the message extension's action command. */
export interface TaskRequest extends InboundTurn {
  actor: PlatformIdentity;
  step: 'fetch' | 'submit';
  /** The message extension's command id; absent for a dialog opened from a card. */
  commandId?: string;
  /** What the card's button or the dialog's form sent. */
  data: Record<string, unknown>;
  /** The channel it was opened in (a dialog elsewhere has none). */
  channel?: ChannelBinding;
}

const cardActionSchema = z.object({
  action: z.object({ type: z.string().optional(), verb: z.string().min(1).max(100), data: z.record(z.string(), z.unknown()).default({}) }).passthrough(),
});

function placeOf(a: ParsedActivity): CardActionRequest['place'] {
  const messageId = a.replyToId && TEAMS_ID.activity.test(a.replyToId) ? a.replyToId : undefined;
  return { conversationId: a.conversation.id, personal: conversationType(a) === 'personal', ...(messageId ? { messageId } : {}) };
}

/** Why: an `adaptiveCard/action` invoke → which verb, with which data, on which card, by whom. */
export function readCardAction(body: unknown): CardActionRequest {
  const a = readPayload(activitySchema, body, 'button click');
  const value = readPayload(cardActionSchema, a.value, 'button click');
  const base = basics(a, 'button click');
  return { ...base, verb: value.action.verb, data: value.action.data, place: placeOf(a), via: 'execute' };
}

const submitSchema = z.record(z.string(), z.unknown()).refine((v) => typeof v[SUBMIT_VERB_KEY] === 'string' && v[SUBMIT_VERB_KEY].length <= 100, 'has no button verb');

/** Why: an older Teams client sends an Action.Submit fallback as a message whose value is the button's data; true when this is one. */
export function isSubmittedCard(body: unknown): boolean {
  const value = field(body, 'value');
  return field(body, 'type') === 'message' && value !== null && typeof value === 'object' && SUBMIT_VERB_KEY in value;
}

/** Why: that message → the same request as the invoke, so both kinds of client reach one handler. */
export function readSubmittedCard(body: unknown): CardActionRequest {
  const a = readPayload(activitySchema, body, 'button click');
  const { [SUBMIT_VERB_KEY]: verb, ...data } = readPayload(submitSchema, a.value, 'button click');
  return { ...basics(a, 'button click'), verb: String(verb), data, place: placeOf(a), via: 'submit' };
}

const taskSchema = z.object({ data: z.record(z.string(), z.unknown()).default({}) }).passthrough();
const extensionSchema = z.object({ commandId: z.string().min(1).max(64), data: z.record(z.string(), z.unknown()).default({}) }).passthrough();

/** Why: the invokes that open and submit a dialog: `task/fetch|submit` (a card's button) and `composeExtension/fetchTask|submitAction`. */
export const TASK_INVOKES: Record<string, { step: TaskRequest['step']; extension: boolean }> = {
  'task/fetch': { step: 'fetch', extension: false },
  'task/submit': { step: 'submit', extension: false },
  'composeExtension/fetchTask': { step: 'fetch', extension: true },
  'composeExtension/submitAction': { step: 'submit', extension: true },
};

/** Why: a dialog invoke → who, in which channel, which step, with what data. */
export function readTask(body: unknown): TaskRequest {
  const a = readPayload(activitySchema, body, 'dialog');
  const kind = TASK_INVOKES[a.name ?? ''];
  if (!kind) throw unreadable('dialog', 'name', 'is not a dialog invoke');
  const base = basics(a, 'dialog');
  const channel = channelOf(a, base.tenantId);
  if (kind.extension) {
    const value = readPayload(extensionSchema, a.value, 'dialog');
    return { ...base, step: kind.step, commandId: value.commandId, data: value.data, ...(channel ? { channel } : {}) };
  }
  const value = readPayload(taskSchema, a.value, 'dialog');
  return { ...base, step: kind.step, data: value.data, ...(channel ? { channel } : {}) };
}

/**
 * Decisions both adapters make the same way, kept once: which use case a button runs,
 * whether a thread reply is an acknowledgement, and the earliest date the preview form
 * accepts. Each adapter reads its own payloads and renders its own answers around these.
 */
import { DateTime } from 'luxon';
import { acknowledge } from './acknowledge';
import type { BotDeps } from './deps';
import type { ActionOutcome, ActionRequest } from './letter-action';
import { markSent } from './mark-sent';
import type { LetterActionId } from './ports';
import { recordReply } from './record-reply';
import { withdraw } from './withdraw';

/** Why: one use case per letter button, so adding one to the core is one line here, for both platforms (a call's buttons are answers: CALL_BUTTON_ANSWERS in answer-call.ts). */
export const BUTTON_USE_CASES: Record<LetterActionId, (deps: BotDeps, request: ActionRequest) => Promise<ActionOutcome>> = {
  acknowledge,
  'mark-sent': markSent,
  'record-reply': recordReply,
  withdraw,
};

const ACK_REPLY = /^\s*ack\.?\s*$/i;

/** Why: `ack` (any case, a full stop allowed, spaces around it) alone in a letter's thread acknowledges it, on either platform. */
export function isAckReply(text: string): boolean {
  return ACK_REPLY.test(text);
}

/** Why: "in the past" means past everywhere on Earth, so nobody west of Geneva is refused today's date. */
export function earliestFormDate(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'Etc/GMT+12' }).toISODate()!;
}

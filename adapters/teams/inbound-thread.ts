/**
 * The edge for a reply-chain message changing after it was written: Teams sends an edit
 * as a `messageUpdate` activity (channelData.eventType `editMessage`, the new text) and a
 * deletion as `messageDelete` (`softDeleteMessage`). Both name the message by its activity
 * id and the chain by the conversation id. Only a person's reply inside a channel's reply
 * chain is of interest (the bridge shows it on its copies); anything else returns null.
 */
import { z } from 'zod';
import type { PlatformIdentity } from '../../src/domain/types';
import { activitySchema, basics, channelOf, readPayload } from './inbound';
import { replyChainKey, replyChainRoot, TEAMS_ID } from './thread-ref';

/** A reply-chain message that was edited (its new text) or deleted. */
export interface ChainMessageChange {
  actor: PlatformIdentity;
  /** The chain's tenant-free key (thread-ref.ts replyChainKey), as the letter's thread is indexed. */
  thread: string;
  messageId: string;
  authorName?: string;
  change: { text: string } | { deleted: true };
  dedupeId: string;
}

/** Why: the two activity types this module reads. */
export const MESSAGE_CHANGE_TYPES = new Set(['messageUpdate', 'messageDelete']);

const eventSchema = z.object({ eventType: z.enum(['editMessage', 'softDeleteMessage', 'undeleteMessage']).optional() }).passthrough();

/** Why: an edit or deletion of a person's reply in a channel reply chain → which message, which chain, now saying what. */
export function readChainChange(body: unknown): ChainMessageChange | null {
  const a = readPayload(activitySchema, body, 'message change');
  if (a.from.role === 'bot' || a.from.id === a.recipient.id) return null;
  const event = readPayload(eventSchema, a.channelData ?? {}, 'message change');
  if (event.eventType === 'undeleteMessage') return null;
  const base = basics(a, 'message change');
  const channel = channelOf(a, base.tenantId);
  const root = replyChainRoot(a.conversation.id);
  if (!channel || !root || root === a.id || !TEAMS_ID.activity.test(a.id)) return null;
  return {
    actor: base.actor,
    thread: replyChainKey(channel.channelId, root),
    messageId: a.id,
    ...(a.from.name ? { authorName: a.from.name } : {}),
    change: a.type === 'messageDelete' ? { deleted: true } : { text: a.text ?? '' },
    dedupeId: `${a.type}:${base.dedupeId}`,
  };
}

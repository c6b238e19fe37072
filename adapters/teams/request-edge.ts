/**
 * The first look at a POST /api/messages body, before authentication or any other work:
 * bounded size (413), bounded nesting (400, checked before JSON.parse), and the fields
 * every Bot Framework activity has and PreLetter relies on from the first step (400 when
 * missing): `type`, `id`, `channelId`, `serviceUrl`, `from.id` and `conversation.id`.
 * What an activity means is read later, by inbound.ts, with polite answers to the person.
 */
import type { IncomingMessage } from 'node:http';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { bodyRefusal, readJsonBody } from '../shared/json-body';

/** Largest activity accepted; Teams caps a message (with its cards) at about 28 KB. */
export const TEAMS_BODY_LIMIT_BYTES = 256 * 1024;

const required = (max: number) => z.string().min(1).max(max);

const edgeActivity = z
  .object({
    type: required(64),
    id: required(256),
    channelId: required(64),
    serviceUrl: required(2048),
    from: z.object({ id: required(512) }).passthrough(),
    conversation: z.object({ id: required(600) }).passthrough(),
  })
  .passthrough();

/**
 * Why: the activity as sent, or a refusal carrying its HTTP status (bodyRefusal: 413 too
 * large, 400 too deep, not JSON, not an activity, or missing one of the fields above).
 */
export async function readEdgeActivity(req: IncomingMessage): Promise<Activity> {
  const body = await readJsonBody(req, { limitBytes: TEAMS_BODY_LIMIT_BYTES });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bodyRefusal(400, 'not an activity');
  const parsed = edgeActivity.safeParse(body);
  if (!parsed.success) throw bodyRefusal(400, `activity.${parsed.error.issues[0]!.path.join('.')}`);
  return body as Activity;
}

/**
 * Validation at the edge: a payload a platform sent that PreLetter cannot read
 * becomes one polite sentence naming the field (and a log entry with the field only).
 */
import type { z } from 'zod';
import { refusal } from '../../src/bot/messages/catalogue';
import type { PreLetterError } from '../../src/domain/errors';

/** How much of a field name or problem a sentence repeats: validation messages may quote what was received. */
const ECHO_LIMIT = 120;

/** Why: a text cut to `max` whole characters (never half a surrogate pair), marked with an ellipsis when cut. */
export function clipChars(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

const clip = (text: string) => clipChars(text, ECHO_LIMIT);

/** Why: the sentence for a payload that failed validation, naming the platform and the field (both clipped). */
export function unreadablePayload(platform: 'Slack' | 'Teams', what: string, field: string, problem: string): PreLetterError {
  return refusal('invalid-input', { key: 'error.unreadable', platform: platform === 'Slack' ? 'slack' : 'teams', field: clip(field) }, { field: clip(field), what, problem: clip(problem) });
}

/** Why: parses with zod, or throws unreadablePayload for the first problem, naming its field. */
export function readPayloadOf<S extends z.ZodTypeAny>(platform: 'Slack' | 'Teams', root: string, schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw unreadablePayload(platform, what, issue.path.join('.') || root, issue.message);
}

/**
 * What a person reads, for assertions: a catalogue message or a card's segments as
 * text, with commands written as Slack writes them (`/preletter ack REF`) and mentions
 * as @name. Tests use it instead of reaching into a renderer's markup.
 */
import { commandText } from '../../adapters/slack/render';
import { voiceFor, type Voice } from '../../src/bot/messages/catalogue';
import type { Segment } from '../../src/bot/ports';
import type { Say } from '../../src/domain/errors';

/** Why: one paragraph as read, commands in backticks as Slack shows them. */
export function segmentsText(segments: Segment[]): string {
  return segments.map((s) => ('text' in s ? s.text : 'command' in s ? `\`${commandText(s.command)}\`` : `@${s.name}`)).join('');
}

/** Why: a message in a reader's language (English by default), as segmentsText reads it. */
export function wordsOf(message: Say, voice: Voice = voiceFor({ zone: 'Europe/Zurich' })): string {
  return segmentsText(voice.say(message));
}

/** Why: the English of a refusal: what a person with no locale is told. */
export function englishOf(err: unknown): string {
  const say = (err as { say?: Say }).say;
  if (!say) throw new Error(`expected a PreLetterError with words for the person, got ${String(err)}`);
  return wordsOf(say);
}

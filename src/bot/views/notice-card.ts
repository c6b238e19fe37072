import type { Voice } from '../messages/catalogue';
import type { NeutralCard, Segment } from '../ports';

/** A short message with no buttons: confirmations, thread notes, refusals. */
export function noticeCard(title: string, text: string | Segment[][], tone: NeutralCard['tone'] = 'info'): NeutralCard {
  return {
    title,
    body: typeof text === 'string' ? [[{ text }]] : text,
    fields: [],
    buttons: [],
    tone,
  };
}

/** What a person sees when their request could not be done: the sentence, in their words, nothing technical. */
export function errorCard(v: Voice, sentence: Segment[]): NeutralCard {
  return noticeCard(v.t('error.title'), [sentence], 'error');
}

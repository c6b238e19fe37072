/**
 * The answer to a dialog invoke (Teams' task module), for every form PreLetter shows in a
 * dialog: show a card in it (the form, or the same form again with its mistakes), or close it
 * with one sentence.
 */
import { ADAPTIVE_CARD_CONTENT_TYPE, type CardElement } from './render';

/** The body of a dialog invoke's answer: show (another) card in the dialog, or close it with a sentence. */
export type DialogResponse =
  | { task: { type: 'continue'; value: { title: string; width: 'medium' | 'large'; height: 'large'; card: { contentType: string; content: CardElement } } } }
  | { task: { type: 'message'; value: string } };

/** Why: closes the dialog with one sentence, the person's only answer to what they did there. */
export const closeDialog = (text: string): DialogResponse => ({ task: { type: 'message', value: text } });

/** Why: shows a card in the dialog under its title. */
export function showDialog(title: string, content: CardElement): DialogResponse {
  return { task: { type: 'continue', value: { title, width: 'medium', height: 'large', card: { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content } } } };
}

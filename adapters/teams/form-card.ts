/**
 * The shells every Teams form shares (the preview, the flag and the call for input): the
 * form card with its one submit action (a dialog's plain submit, or a chat card's Execute with
 * its Submit fallback), and the short card a command leaves in a channel whose button opens
 * the form as a dialog. Each form keeps its own fields; only the frame is written once.
 */
import { ADAPTIVE_CARD_VERSION, executeWithFallback, type CardElement } from './render';

/** Where a form is shown: in a dialog over the channel, or as a card in the person's chat. */
export type FormPlace = 'dialog' | 'chat';

/** What a form's submit carries: its signed token, and (for a dialog) which form the dialog is. */
export interface FormSubmit {
  title: string;
  token: string;
  /** The verb of the chat card's Execute action. */
  verb: string;
  /** The `dialog` value a dialog's submit carries, when the form is one of several dialogs. */
  dialog?: string;
}

/** Why: a form's card around its fields, with the one submit action that suits where it is shown. */
export function formCard(body: CardElement[], place: FormPlace, submit: FormSubmit): CardElement {
  const data = { form: submit.token, ...(submit.dialog ? { dialog: submit.dialog } : {}) };
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body,
    actions: [
      place === 'dialog'
        ? { type: 'Action.Submit', title: submit.title, data, style: 'positive' }
        : executeWithFallback(submit.title, submit.verb, { form: submit.token }, 'positive'),
    ],
    msteams: { width: 'Full' },
  };
}

/** Why: the card a command leaves in a channel: what it is, and a button that opens the form as a dialog (`task/fetch`). */
export function dialogOpenerCard(body: CardElement[], buttonTitle: string, data: Record<string, unknown>): CardElement {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body,
    actions: [{ type: 'Action.Submit', title: buttonTitle, data: { msteams: { type: 'task/fetch' }, ...data } }],
    msteams: { width: 'Full' },
  };
}

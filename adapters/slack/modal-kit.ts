/**
 * The pieces every PreLetter modal shares (the preview, the flag and the call for input):
 * Block Kit's limits for a modal's texts, an option, and the modal's frame with its title,
 * submit and cancel buttons and the metadata it carries back. Each form keeps its own blocks.
 */
import type { types } from '@slack/bolt';
import type { Voice } from '../../src/bot/messages/catalogue';
import { plainText } from './render';

/** Why: Block Kit's limits for the texts of a modal (option text, labels and hints, the modal's title, a section). */
export const MODAL_LIMITS = { option: 75, label: 2000, title: 24, section: 3000 } as const;

/** Why: one choice in a select, its text clipped to Block Kit's limit. */
export function modalOption(text: string, value: string): types.PlainTextOption {
  return { text: plainText(text, MODAL_LIMITS.option), value };
}

/** What frames a modal: which form it is, what it carries back, and its words. */
export interface ModalFrame {
  callbackId: string;
  metadata: unknown;
  title: string;
  submit: string;
  blocks: types.KnownBlock[];
}

/** Why: the modal around a form's blocks, with the reader's Cancel. */
export function modalView(frame: ModalFrame, v: Voice): types.ModalView {
  return {
    type: 'modal',
    callback_id: frame.callbackId,
    private_metadata: JSON.stringify(frame.metadata),
    title: plainText(frame.title, MODAL_LIMITS.title),
    submit: plainText(frame.submit, MODAL_LIMITS.title),
    close: plainText(v.t('button.cancel'), MODAL_LIMITS.title),
    blocks: frame.blocks,
  };
}

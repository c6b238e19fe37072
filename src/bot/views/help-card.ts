import { COMMAND_NAMES } from '../../domain/command';
import type { Voice } from '../messages/catalogue';
import type { NeutralCard } from '../ports';

/** The command list, from the grammar itself so help never drifts from what parses; each command written by the adapter. */
export function helpCard(v: Voice): NeutralCard {
  return {
    title: v.t('help.title'),
    body: [[{ text: v.t('help.intro') }], ...COMMAND_NAMES.map((name) => v.t('help.command', { name }))],
    fields: [],
    buttons: [],
    tone: 'info',
  };
}

import { COMMAND_NAMES, COMMAND_USAGE } from '../../domain/command';
import type { NeutralCard } from '../ports';

/** The command list, from the grammar itself so help never drifts from what parses. */
export function helpCard(prefix = '/preletter'): NeutralCard {
  return {
    title: 'PreLetter commands',
    body: [
      [{ text: 'PreLetter opens a thread for each letter preview, routes it to the right person at the company, and keeps the 60-day reply clock.' }],
    ],
    fields: COMMAND_NAMES.map((name) => ({
      label: `${prefix} ${COMMAND_USAGE[name].usage}`,
      value: COMMAND_USAGE[name].description,
    })),
    buttons: [],
    tone: 'info',
  };
}

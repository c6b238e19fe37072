/** Use case: show the commands, generated from the grammar so help cannot drift. */
import type { Voice } from './messages/catalogue';
import type { NeutralCard } from './ports';
import { helpCard } from './views/help-card';

/** Help for the help command (or an empty one), in the reader's words; each adapter writes the commands its own way. */
export function help(v: Voice): NeutralCard {
  return helpCard(v);
}

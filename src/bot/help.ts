/** Use case: show the commands, generated from the grammar so help cannot drift. */
import type { NeutralCard } from './ports';
import { helpCard } from './views/help-card';

/** Help for `/preletter help` (or an empty command); adapters pass their own prefix. */
export function help(prefix?: string): NeutralCard {
  return helpCard(prefix);
}

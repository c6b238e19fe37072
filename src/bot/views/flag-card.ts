/** The flag's card, as the mandate team (and admins) who receive it read it. */
import type { Flag } from '../../domain/flag';
import type { Company } from '../../domain/types';
import type { Voice } from '../messages/catalogue';
import type { NeutralCard } from '../ports';

/** Why: the flag as its readers see it: who raised it for which company, on what, and how urgent. */
export function flagCard(flag: Flag, company: Company, raisedBy: string, v: Voice): NeutralCard {
  const body = [[{ text: flag.summary }], [{ text: v.t('flag.topics', { topics: v.list(flag.topics) }) }]];
  if (flag.urgent) body.push([{ text: v.t('flag.urgent') }]);
  return { title: v.t('flag.title', { ref: flag.ref, company: company.name }), body, fields: [], buttons: [], footer: v.t('flag.footer', { name: raisedBy }), tone: flag.urgent ? 'warning' : 'info' };
}

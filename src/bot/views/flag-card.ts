/**
 * The cards of a flag: the one its mandates get (in their channel, or by direct message),
 * updated in place once a mandate acknowledges it; its line in a status list; and the card
 * `status FL-…` answers with. Confidential: only ever shown to the company's people, the
 * teams of the mandates it went to, and the admins.
 */
import type { Flag } from '../../domain/flag';
import type { Voice } from '../messages/catalogue';
import type { CardButton, CardField, NeutralCard } from '../ports';

/** Who acknowledged a flag, for which mandate, as the card names them. */
export interface FlagAcknowledgement {
  name: string;
  mandate: string;
}

/** How a flag's card is shown: who acknowledged it, once someone has, and whether its reader may act on it. */
export interface FlagCardOptions {
  acknowledgedBy?: FlagAcknowledgement;
  /** False for a reader who cannot acknowledge (the admins, for a flag no mandate covers): no button. */
  actionable?: boolean;
}

/** Why: the flag's own button while it waits: the mandate team acknowledges it where they read it. */
function flagButtons(flag: Flag, v: Voice, options: FlagCardOptions): CardButton[] {
  if (flag.acknowledged || options.actionable === false) return [];
  return [{ action: 'acknowledge-flag', label: v.t('button.acknowledge'), value: flag.ref, style: 'primary' }];
}

/** Why: the flag as its readers see it: who raised it for which company, on what, how urgent, and who acknowledged it. */
export function flagCard(flag: Flag, company: { name: string }, raisedBy: string, v: Voice, options: FlagCardOptions = {}): NeutralCard {
  const body = [[{ text: flag.summary }], [{ text: v.t('flag.topics', { topics: v.list(flag.topics) }) }]];
  if (flag.urgent) body.push([{ text: v.t('flag.urgent') }]);
  const fields: CardField[] = [];
  if (flag.acknowledged && options.acknowledgedBy) {
    const { name, mandate } = options.acknowledgedBy;
    fields.push({ label: v.t('label.acknowledged'), value: v.t('flag.acknowledged-by', { name, mandate, at: flag.acknowledged.at }) });
  }
  return {
    title: v.t('flag.title', { ref: flag.ref, company: company.name }),
    body,
    fields,
    buttons: flagButtons(flag, v, options),
    footer: v.t('flag.footer', { name: raisedBy }),
    tone: flag.acknowledged ? 'success' : flag.urgent ? 'warning' : 'info',
  };
}

/** Why: where a flag stands, in one phrase: waiting, or acknowledged by which mandate and when. */
export function flagStanding(flag: Flag, acknowledgedFor: string | undefined, v: Voice): string {
  if (!flag.acknowledged) return v.t('flag.awaiting');
  return v.t('flag.acknowledged', { mandate: acknowledgedFor ?? flag.acknowledged.mandateKey ?? v.t('flag.admins-title'), at: flag.acknowledged.at });
}

/** Why: one flag in a status list: its reference and company, and where it stands (never its text). */
export function flagLine(flag: Flag, company: string, acknowledgedFor: string | undefined, v: Voice): CardField {
  return { label: v.t('flag.title', { ref: flag.ref, company }), value: flagStanding(flag, acknowledgedFor, v) };
}

/** What `status FL-…` shows of one flag: names from the directory, and whether this reader may read its text. */
export interface FlagView {
  company: string;
  raisedBy: string;
  /** Titles of the mandates it went to. */
  mandates: string[];
  acknowledgedBy?: FlagAcknowledgement;
  showSummary: boolean;
}

/** Why: one flag's record for `status FL-…`: its facts for everyone who may know it, its text for those who may read it. */
export function flagRecordCard(flag: Flag, view: FlagView, v: Voice): NeutralCard {
  const fields: CardField[] = [
    { label: v.t('label.status'), value: flagStanding(flag, view.acknowledgedBy?.mandate, v) },
    { label: v.t('label.topics'), value: v.list(flag.topics) },
    { label: v.t('label.routed-to'), value: flag.routing.toAdmins ? v.t('flag.to-admins-short') : v.list(view.mandates) },
    { label: v.t('label.raised'), value: v.t('card.fact', { name: view.raisedBy, at: flag.raised.at }) },
  ];
  if (flag.acknowledged && view.acknowledgedBy) {
    fields.push({ label: v.t('label.acknowledged'), value: v.t('flag.acknowledged-by', { ...view.acknowledgedBy, at: flag.acknowledged.at }) });
  }
  const body = view.showSummary ? [[{ text: flag.summary }]] : [];
  if (flag.urgent) body.push([{ text: v.t('flag.urgent') }]);
  return { title: v.t('flag.title', { ref: flag.ref, company: view.company }), body, fields, buttons: [], tone: 'info' };
}

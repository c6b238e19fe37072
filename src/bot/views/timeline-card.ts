import { daysLeft } from '../../domain/deadline';
import type { ClockPolicy } from '../../domain/policy';
import { nameOf, stateOf, type LetterContext } from '../letter-context';
import type { Voice } from '../messages/catalogue';
import type { NeutralCard } from '../ports';

/** What the timeline lists: each fact once; routing and posting are shown by the card itself. */
const SHOWN = new Set(['previewed', 'unrouted-alert', 'acknowledged', 'formal-sent', 'replied', 'withdrawn']);

/** One letter's history for the status command, in the reader's words and zone; the summary only if they may read it. */
export function timelineCard(ctx: LetterContext, policy: ClockPolicy, now: Date, v: Voice, showContent: boolean): NeutralCard {
  const { letter, company, mandate } = ctx;
  const { status, deadline } = stateOf(letter, mandate, policy, now);
  const fields = [{ label: v.t('label.status'), value: v.t('letter.status', { status }) }];
  if (letter.officialSymbol) fields.push({ label: v.t('label.symbol'), value: letter.officialSymbol });
  if (deadline && (status === 'awaiting-reply' || status === 'overdue')) {
    fields.push({ label: v.t('label.reply-due'), value: v.t('card.due', { at: deadline, days: daysLeft(deadline, now, v.zone) }) });
  }
  // An entry whose action PreLetter no longer records is left out.
  for (const event of letter.audit.filter((e) => SHOWN.has(e.action))) {
    fields.push({ label: v.t('letter.event', { action: event.action }), value: v.t('card.fact', { name: nameOf(ctx, event.by), at: event.at }) });
  }
  const body = [[{ text: v.t('timeline.about', { type: letter.type, mandate: mandate.title, company: company.name }) }]];
  if (showContent) body.push([{ text: letter.summary }]);
  return { title: v.t('timeline.title', { ref: letter.ref }), body, fields, buttons: [], tone: status === 'overdue' ? 'warning' : 'info' };
}

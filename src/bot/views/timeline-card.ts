import { daysLeft } from '../../domain/deadline';
import type { ClockPolicy } from '../../domain/policy';
import type { AuditAction } from '../../domain/types';
import { formatDaysLeft, formatMoment, LETTER_TYPE_NAMES, STATUS_NAMES } from '../format';
import { nameOf, stateOf, type LetterContext } from '../letter-context';
import type { NeutralCard } from '../ports';

const ACTION_WORDS: Record<AuditAction, string> = {
  previewed: 'Previewed',
  routed: 'Routed',
  posted: 'Posted in the channel',
  'unrouted-alert': 'Admins alerted: nobody on file',
  acknowledged: 'Acknowledged',
  'formal-sent': 'Formal letter sent',
  replied: 'Reply recorded',
  withdrawn: 'Withdrawn',
};

/** One letter's history for `/preletter status REF`, in the reader's zone; the summary only if they may read it. */
export function timelineCard(ctx: LetterContext, policy: ClockPolicy, now: Date, zone: string, showContent: boolean): NeutralCard {
  const { letter, company, mandate } = ctx;
  const { status, deadline } = stateOf(letter, mandate, policy, now);
  const fields = [{ label: 'Status', value: STATUS_NAMES[status] }];
  if (letter.officialSymbol) fields.push({ label: 'Official symbol', value: letter.officialSymbol });
  if (deadline && (status === 'awaiting-reply' || status === 'overdue')) {
    fields.push({ label: 'Reply due', value: `${formatMoment(deadline, zone)} (${formatDaysLeft(daysLeft(deadline, now, zone))})` });
  }
  // An entry whose action has no words here (an action PreLetter no longer records) is left out.
  for (const event of letter.audit.filter((e) => e.action !== 'routed' && e.action !== 'posted' && Object.hasOwn(ACTION_WORDS, e.action))) {
    fields.push({ label: ACTION_WORDS[event.action], value: `${nameOf(ctx, event.by)}, ${formatMoment(event.at, zone)}` });
  }
  const body = [[{ text: `${LETTER_TYPE_NAMES[letter.type]} from ${mandate.title} to ${company.name}.` }]];
  if (showContent) body.push([{ text: letter.summary }]);
  return { title: `${letter.ref} timeline`, body, fields, buttons: [], tone: status === 'overdue' ? 'warning' : 'info' };
}

import { daysLeft } from '../../domain/deadline';
import type { ClockPolicy } from '../../domain/policy';
import type { Fact, Letter } from '../../domain/types';
import { formatDate, formatDaysLeft, formatMoment, joinNames, LETTER_TYPE_NAMES, STATUS_NAMES } from '../format';
import { nameOf, stateOf, type LetterContext } from '../letter-context';
import type { CardButton, CardField, NeutralCard } from '../ports';

const TERMINAL = new Set(['replied', 'withdrawn']);

function factLine(ctx: LetterContext, fact: Fact | undefined, zone: string): string | undefined {
  return fact ? `${nameOf(ctx, fact.by)}, ${formatMoment(fact.at, zone)}` : undefined;
}

/** The buttons that make sense in the letter's current state; roles are checked when pressed. */
export function letterButtons(letter: Letter, status: string): CardButton[] {
  if (TERMINAL.has(status)) return [];
  const buttons: CardButton[] = [];
  if (!letter.acknowledged) buttons.push({ action: 'acknowledge', label: 'Acknowledge', value: letter.ref, style: 'primary' });
  if (!letter.formalSent) buttons.push({ action: 'mark-sent', label: 'Mark formal letter sent', value: letter.ref });
  if (letter.formalSent) buttons.push({ action: 'record-reply', label: 'Record reply', value: letter.ref, style: 'primary' });
  buttons.push({
    action: 'withdraw',
    label: 'Withdraw',
    value: letter.ref,
    style: 'danger',
    confirm: {
      title: `Withdraw ${letter.ref}?`,
      text: 'The company will be told the letter will not be sent, and all reminders stop.',
      confirm: 'Withdraw',
      deny: 'Keep it',
    },
  });
  return buttons;
}

/**
 * The root card of a letter's thread: what it is, who it is routed to, where it
 * stands. Updated in place after every action. Confidential: only ever posted in
 * the company's bound channel or sent to people routed to the letter.
 */
export function letterCard(ctx: LetterContext, policy: ClockPolicy, now: Date): NeutralCard {
  const { letter, mandate, company } = ctx;
  const zone = mandate.timeZone;
  const { status, deadline } = stateOf(letter, mandate, policy, now);
  const owners = letter.routing.owners.map((k) => nameOf(ctx, k));
  const fields: CardField[] = [
    { label: 'Status', value: STATUS_NAMES[status] },
    { label: 'Type', value: `${LETTER_TYPE_NAMES[letter.type]} (${letter.type})${letter.urgent ? ', urgent' : ''}` },
    { label: 'Topics', value: letter.topics.join(', ') },
    { label: 'Routed to', value: letter.routing.unrouted ? 'Nobody on file yet: admins have been alerted' : joinNames(owners) },
  ];
  if (letter.expectedFormalDate && !letter.formalSent) {
    fields.push({ label: 'Formal letter expected', value: formatDate(letter.expectedFormalDate) });
  }
  const facts: Array<[string, Fact | undefined]> = [
    ['Acknowledged', letter.acknowledged],
    ['Formal letter sent', letter.formalSent],
    ['Reply recorded', letter.replied],
    ['Withdrawn', letter.withdrawn],
  ];
  for (const [label, fact] of facts) {
    const line = factLine(ctx, fact, zone);
    if (line) fields.push({ label, value: line });
  }
  if (letter.officialSymbol) fields.push({ label: 'Official symbol', value: letter.officialSymbol });
  if (deadline && !TERMINAL.has(status)) {
    fields.push({ label: 'Reply due', value: `${formatMoment(deadline, zone)} (${formatDaysLeft(daysLeft(deadline, now, zone))})` });
  }
  return {
    title: `${letter.ref} · ${LETTER_TYPE_NAMES[letter.type]} preview for ${company.name}`,
    body: [[{ text: `From ${mandate.title}.` }], [{ text: letter.summary }]],
    fields,
    buttons: letterButtons(letter, status),
    footer: `Confidential until published. Previewed by ${nameOf(ctx, letter.previewed.by)}, ${formatMoment(letter.previewed.at, zone)}.`,
    tone: status === 'overdue' ? 'warning' : status === 'withdrawn' ? 'error' : 'info',
  };
}

/**
 * Reminder and escalation cards. Each says which letter, how many days are left,
 * the deadline in the reader's own time zone and what is expected. No summary:
 * a nudge may be forwarded further than the letter itself.
 */
import { daysLeft } from '../../domain/deadline';
import type { ClockPolicy } from '../../domain/policy';
import type { NudgeKind } from '../../domain/schedule';
import { formatDaysLeft, formatMoment, joinNames, LETTER_TYPE_NAMES } from '../format';
import { stateOf, type LetterContext } from '../letter-context';
import type { CardButton, CardField, NeutralCard, Segment } from '../ports';

/** Someone already reminded, and when, so an escalation can say so. */
export interface Reminded {
  name: string;
  at: Date;
}

/** What a nudge card needs beyond the letter: its kind, step, the reader's zone, and earlier reminders. */
export interface NudgeView {
  kind: NudgeKind;
  step: string;
  zone: string;
  now: Date;
  reminded: Reminded[];
  /** Thread posts mention the people the nudge is for; direct messages do not. */
  mentions?: Segment[];
}

const ACK_KINDS = new Set<NudgeKind>(['ack-reminder', 'ack-escalation-backups', 'ack-escalation-executive']);

/** True for acknowledgement reminders and escalations, which stop once someone acknowledges. */
export function isAckKind(kind: NudgeKind): boolean {
  return ACK_KINDS.has(kind);
}

function headline(ref: string, kind: NudgeKind, left: number | undefined): string {
  switch (kind) {
    case 'ack-reminder':
      return `Reminder: please acknowledge ${ref}`;
    case 'ack-escalation-backups':
    case 'ack-escalation-executive':
      return `Escalation: ${ref} is not acknowledged yet`;
    case 'countdown':
    case 'due-day':
      // Worded from the reader's own calendar: the due day in Geneva can be "tomorrow" in Singapore.
      return (left ?? 0) > 0 ? `${ref}: ${formatDaysLeft(left ?? 0)} to reply` : `${ref}: the reply is due today`;
    case 'overdue':
      return `${ref}: the reply is overdue`;
    default:
      // Publication deliveries have cards of their own (publish-letter.ts).
      return ref;
  }
}

function expectation(ctx: LetterContext, view: NudgeView, deadlineText: string | undefined): string {
  const { company } = ctx;
  const reminded = view.reminded.length
    ? ` ${joinNames(view.reminded.map((r) => `${r.name} (reminded ${formatMoment(r.at, view.zone)})`))} ${view.reminded.length === 1 ? 'has' : 'have'} not acknowledged it.`
    : '';
  switch (view.kind) {
    case 'ack-reminder':
      return `This preview for ${company.name} is waiting for an acknowledgement. Please acknowledge it, or tell the mandate team in the thread who should own it.`;
    case 'ack-escalation-backups':
      return `You are a backup for this preview to ${company.name}.${reminded} Please make sure someone acknowledges it.`;
    case 'ack-escalation-executive':
      return `You are the escalation contact for ${company.name}.${reminded} Please make sure someone at ${company.name} acknowledges it.`;
    case 'overdue':
      return `The reply to the formal letter was due by ${deadlineText}. A late reply is still welcome, but replies after the deadline may not be reflected in the mandate's report.`;
    default:
      return `The company's reply to the formal letter is due by ${deadlineText}. Replies within the deadline are reflected in the mandate's report.`;
  }
}

/** The nudge as a person reads it, in their zone; buttons match what the nudge asks for. */
export function nudgeCard(ctx: LetterContext, policy: ClockPolicy, view: NudgeView): NeutralCard {
  const { letter, mandate, company } = ctx;
  const { deadline } = stateOf(letter, mandate, policy, view.now);
  const left = deadline ? daysLeft(deadline, view.now, view.zone) : undefined;
  const deadlineText = deadline ? formatMoment(deadline, view.zone) : undefined;
  const fields: CardField[] = [
    { label: 'Letter', value: `${letter.ref} · ${LETTER_TYPE_NAMES[letter.type]} from ${mandate.title}` },
    { label: 'Company', value: company.name },
  ];
  if (deadline && left !== undefined) fields.push({ label: 'Reply due', value: `${deadlineText} (${formatDaysLeft(left)})` });
  const buttons: CardButton[] = isAckKind(view.kind)
    ? [{ action: 'acknowledge', label: 'Acknowledge', value: letter.ref, style: 'primary' }]
    : [{ action: 'record-reply', label: 'Record reply', value: letter.ref }];
  const body: Segment[][] = [[{ text: expectation(ctx, view, deadlineText) }]];
  if (view.mentions?.length) body.unshift([{ text: 'For ' }, ...view.mentions, { text: ':' }]);
  return {
    title: headline(letter.ref, view.kind, left),
    body,
    fields,
    buttons,
    footer: `Times are in ${view.zone}.`,
    tone: view.kind === 'overdue' || view.kind.startsWith('ack-escalation') ? 'warning' : 'info',
  };
}

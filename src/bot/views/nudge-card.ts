/**
 * Reminder and escalation cards. Each says which letter, how many days are left,
 * the deadline in the reader's own time zone and what is expected. No summary:
 * a nudge may be forwarded further than the letter itself.
 */
import { daysLeft } from '../../domain/deadline';
import type { ClockPolicy } from '../../domain/policy';
import type { NudgeKind } from '../../domain/schedule';
import { stateOf, type LetterContext } from '../letter-context';
import type { Voice } from '../messages/catalogue';
import type { CardButton, CardField, NeutralCard, Segment } from '../ports';

/** Someone already reminded, and when, so an escalation can say so. */
export interface Reminded {
  name: string;
  at: Date;
}

/** What a nudge card needs beyond the letter: its kind, step, its reader's voice, and earlier reminders. */
export interface NudgeView {
  kind: NudgeKind;
  step: string;
  /** The reader: their language and zone (the channel's for a thread post). */
  voice: Voice;
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

function headline(ref: string, kind: NudgeKind, left: number | undefined, v: Voice): string {
  switch (kind) {
    case 'ack-reminder':
      return v.t('nudge.ack-title', { ref });
    case 'ack-escalation-backups':
    case 'ack-escalation-executive':
      return v.t('nudge.escalation-title', { ref });
    case 'countdown':
    case 'due-day':
      // Worded from the reader's own calendar: the due day in Geneva can be "tomorrow" in Singapore.
      return v.t('nudge.countdown-title', { ref, days: left ?? 0 });
    case 'overdue':
      return v.t('nudge.overdue-title', { ref });
    default:
      // Publication deliveries have cards of their own (publish-letter.ts).
      return ref;
  }
}

function expectation(ctx: LetterContext, view: NudgeView, deadline: Date | undefined): string {
  const company = ctx.company.name;
  const v = view.voice;
  switch (view.kind) {
    case 'ack-reminder':
      return v.t('nudge.ack', { company });
    case 'ack-escalation-backups':
      return v.t('nudge.backups', { company, reminded: view.reminded });
    case 'ack-escalation-executive':
      return v.t('nudge.executive', { company, reminded: view.reminded });
    case 'overdue':
      return v.t('nudge.overdue', { deadline: deadline! });
    default:
      return v.t('nudge.countdown', { deadline: deadline! });
  }
}

/** The nudge as a person reads it, in their language and zone; buttons match what the nudge asks for. */
export function nudgeCard(ctx: LetterContext, policy: ClockPolicy, view: NudgeView): NeutralCard {
  const { letter, mandate, company } = ctx;
  const v = view.voice;
  const { deadline } = stateOf(letter, mandate, policy, view.now);
  const left = deadline ? daysLeft(deadline, view.now, v.zone) : undefined;
  const fields: CardField[] = [
    { label: v.t('label.letter'), value: v.t('nudge.letter', { ref: letter.ref, type: letter.type, mandate: mandate.title }) },
    { label: v.t('label.company'), value: company.name },
  ];
  if (deadline && left !== undefined) fields.push({ label: v.t('label.reply-due'), value: v.t('card.due', { at: deadline, days: left }) });
  const buttons: CardButton[] = isAckKind(view.kind)
    ? [{ action: 'acknowledge', label: v.t('button.acknowledge'), value: letter.ref, style: 'primary' }]
    : [{ action: 'record-reply', label: v.t('button.record-reply'), value: letter.ref }];
  const body: Segment[][] = [[{ text: expectation(ctx, view, deadline) }]];
  if (view.mentions?.length) body.unshift(v.t('nudge.for', { people: view.mentions }));
  return {
    title: headline(letter.ref, view.kind, left, v),
    body,
    fields,
    buttons,
    footer: v.t('time.zone', { zone: v.zone }),
    tone: view.kind === 'overdue' || view.kind.startsWith('ack-escalation') ? 'warning' : 'info',
  };
}

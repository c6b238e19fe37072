import { daysLeft } from '../../domain/deadline';
import type { ClockPolicy } from '../../domain/policy';
import type { Fact, Letter, Person } from '../../domain/types';
import { actionsOpenTo } from '../../domain/lifecycle';
import { nameOf, rolesOf, stateOf, type LetterContext } from '../letter-context';
import type { Voice } from '../messages/catalogue';
import type { CardAudience, CardButton, CardField, NeutralCard } from '../ports';

const TERMINAL = new Set(['replied', 'withdrawn']);

/** The buttons that make sense in the letter's current state; roles are checked when pressed. */
export function letterButtons(letter: Letter, status: string, v: Voice): CardButton[] {
  if (TERMINAL.has(status)) return [];
  const buttons: CardButton[] = [];
  if (!letter.acknowledged) buttons.push({ action: 'acknowledge', label: v.t('button.acknowledge'), value: letter.ref, style: 'primary' });
  if (!letter.formalSent) buttons.push({ action: 'mark-sent', label: v.t('button.mark-sent'), value: letter.ref });
  if (letter.formalSent) buttons.push({ action: 'record-reply', label: v.t('button.record-reply'), value: letter.ref, style: 'primary' });
  buttons.push({
    action: 'withdraw',
    label: v.t('button.withdraw'),
    value: letter.ref,
    style: 'danger',
    confirm: {
      title: v.t('card.withdraw-title', { ref: letter.ref }),
      text: v.t('card.withdraw-text'),
      confirm: v.t('button.withdraw'),
      deny: v.t('button.keep'),
    },
  });
  return buttons;
}

/**
 * The root card of a letter's thread: what it is, who it is routed to, where it
 * stands. Updated in place after every action. Confidential: only ever posted in
 * the company's bound channel or sent to people routed to the letter. `v` is its
 * reader: the channel's (the company's language, the mandate's zone) or an owner's.
 */
export function letterCard(ctx: LetterContext, policy: ClockPolicy, now: Date, v: Voice): NeutralCard {
  const { letter, mandate, company } = ctx;
  const { status, deadline } = stateOf(letter, mandate, policy, now);
  const owners = letter.routing.owners.map((k) => nameOf(ctx, k));
  const fields: CardField[] = [
    { label: v.t('label.status'), value: v.t('letter.status', { status }) },
    { label: v.t('label.type'), value: v.t('card.type', { type: letter.type, urgent: letter.urgent }) },
    { label: v.t('label.topics'), value: v.list(letter.topics) },
    { label: v.t('label.routed-to'), value: letter.routing.unrouted ? v.t('card.unrouted') : v.list(owners) },
  ];
  if (letter.expectedFormalDate && !letter.formalSent) {
    fields.push({ label: v.t('label.expected'), value: v.day(letter.expectedFormalDate) });
  }
  const facts: Array<[string, Fact | undefined]> = [
    [v.t('label.acknowledged'), letter.acknowledged],
    [v.t('label.formal-sent'), letter.formalSent],
    [v.t('label.replied'), letter.replied],
    [v.t('label.withdrawn'), letter.withdrawn],
  ];
  for (const [label, fact] of facts) {
    if (fact) fields.push({ label, value: v.t('card.fact', { name: nameOf(ctx, fact.by), at: fact.at }) });
  }
  if (letter.officialSymbol) fields.push({ label: v.t('label.symbol'), value: letter.officialSymbol });
  if (deadline && !TERMINAL.has(status)) {
    fields.push({ label: v.t('label.reply-due'), value: v.t('card.due', { at: deadline, days: daysLeft(deadline, now, v.zone) }) });
  }
  return {
    title: v.t('card.title', { ref: letter.ref, type: letter.type, company: company.name }),
    body: [[{ text: v.t('card.from', { mandate: mandate.title }) }], [{ text: letter.summary }]],
    fields,
    buttons: letterButtons(letter, status, v),
    audience: audienceOf(ctx),
    footer: v.t('card.footer', { name: nameOf(ctx, letter.previewed.by), at: letter.previewed.at }),
    tone: status === 'overdue' ? 'warning' : status === 'withdrawn' ? 'error' : 'info',
  };
}

/**
 * Why: the people who could act on the letter now (its mandate team and the people it is
 * routed to, by the lifecycle's own rules), owners first, so a per-person view reaches
 * those who must acknowledge before anyone else when a platform caps the list.
 */
export function audienceOf(ctx: LetterContext): CardAudience {
  const { letter, mandate } = ctx;
  const keys = [...new Set([...letter.routing.owners, ...letter.routing.backups, ...letter.routing.escalation, ...mandate.team])];
  const viewers = keys
    .map((key) => ctx.people.get(key))
    .filter((person): person is Person => person !== undefined && actionsOpenTo(letter, rolesOf(ctx, person)).length > 0)
    .flatMap((person) => person.identities);
  return { ref: letter.ref, viewers };
}

/**
 * Why: the letter's card as one person sees it where views are per person: the same card,
 * with only the buttons their roles allow now; no buttons at all for anyone else.
 */
export function viewerCard(ctx: LetterContext, policy: ClockPolicy, now: Date, v: Voice, person: Person | null): NeutralCard {
  const card = letterCard(ctx, policy, now, v);
  const open = new Set<string>(person ? actionsOpenTo(ctx.letter, rolesOf(ctx, person)) : []);
  return { ...card, buttons: card.buttons.filter((b) => open.has(b.action)) };
}

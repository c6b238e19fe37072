/**
 * The lifecycle of a letter: its status derived from its facts, and the decision
 * whether an action may set a fact. Repeats are polite no-ops and refusals always
 * say what to do, so people are never met with a bare error.
 */
import type { Role } from './access';
import type { FactName, Letter, LetterStatus } from './types';

/** Status is computed, never stored, so it can never disagree with the facts or the clock. */
export function deriveStatus(letter: Pick<Letter, 'formalSent' | 'acknowledged' | 'replied' | 'withdrawn'>, now: Date, deadline?: Date): LetterStatus {
  if (letter.withdrawn) return 'withdrawn';
  if (letter.replied) return 'replied';
  if (letter.formalSent) return deadline && now > deadline ? 'overdue' : 'awaiting-reply';
  return letter.acknowledged ? 'acknowledged' : 'awaiting-ack';
}

/** The things a person can do to a letter, each setting exactly one fact. */
export type LetterAction = 'acknowledge' | 'mark-sent' | 'record-reply' | 'withdraw';

/** Why: why an action is refused or already done, as a catalogue key and its values; the bot words it for the reader. */
export type ActionNote =
  | { key: 'action.forbidden-owner' | 'action.forbidden-team'; ref: string; action: LetterAction }
  | { key: 'action.withdrawn' | 'action.replied'; ref: string; action: LetterAction; at: Date }
  | { key: 'action.already'; ref: string; action: LetterAction; name: string; at: Date }
  | { key: 'action.not-sent'; ref: string };

/** What the caller should do: write the fact atomically, answer politely, or refuse with a reason. */
export type ActionDecision =
  | { kind: 'apply'; fact: FactName; absent: FactName[] }
  | { kind: 'already'; say: ActionNote }
  | { kind: 'refused'; code: 'forbidden' | 'conflict'; say: ActionNote };

interface ActionRule {
  fact: FactName;
  /** Facts that, once set, forbid this action (first set one explains); also the store update's `absent` guard. */
  blockers: FactName[];
  roles: Role[];
}

const RULES: Record<LetterAction, ActionRule> = {
  acknowledge: {
    fact: 'acknowledged',
    blockers: ['withdrawn'],
    roles: ['owner', 'company-contact'],
  },
  'mark-sent': {
    fact: 'formalSent',
    blockers: ['withdrawn'],
    roles: ['mandate-team'],
  },
  'record-reply': {
    fact: 'replied',
    blockers: ['withdrawn'],
    roles: ['mandate-team'],
  },
  withdraw: {
    fact: 'withdrawn',
    blockers: ['replied'],
    roles: ['mandate-team'],
  },
};

/** Whether an action may proceed, from the letter and roles alone, so buttons and commands on both platforms agree. */
export function decideAction(
  letter: Letter,
  action: LetterAction,
  roles: ReadonlySet<Role>,
  people: (key: string) => string,
): ActionDecision {
  const rule = RULES[action];
  const { ref } = letter;
  if (!rule.roles.some((role) => roles.has(role))) {
    return { kind: 'refused', code: 'forbidden', say: { key: action === 'acknowledge' ? 'action.forbidden-owner' : 'action.forbidden-team', ref, action } };
  }
  const blocker = rule.blockers.find((name) => letter[name]);
  const blockingFact = blocker && letter[blocker];
  if (blocker && blockingFact) {
    return { kind: 'refused', code: 'conflict', say: { key: blocker === 'withdrawn' ? 'action.withdrawn' : 'action.replied', ref, action, at: blockingFact.at } };
  }
  const existing = letter[rule.fact];
  if (existing) return { kind: 'already', say: { key: 'action.already', ref, action, name: people(existing.by), at: existing.at } };
  if (action === 'record-reply' && !letter.formalSent) return { kind: 'refused', code: 'conflict', say: { key: 'action.not-sent', ref } };
  return { kind: 'apply', fact: rule.fact, absent: [...rule.blockers] };
}

/**
 * Why: the actions a person's roles would let them take on the letter as it stands, so a
 * per-person view offers exactly the buttons that would work, decided by the same rules.
 */
export function actionsOpenTo(letter: Letter, roles: ReadonlySet<Role>): LetterAction[] {
  return (Object.keys(RULES) as LetterAction[]).filter((action) => decideAction(letter, action, roles, (key) => key).kind === 'apply');
}

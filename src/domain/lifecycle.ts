/**
 * The lifecycle of a letter: its status derived from its facts, and the decision
 * whether an action may set a fact. Repeats are polite no-ops and refusals always
 * say what to do, so people are never met with a bare error.
 */
import { DateTime } from 'luxon';
import type { Role } from './access';
import type { Fact, FactName, Letter, LetterStatus } from './types';

/** Status is computed, never stored, so it can never disagree with the facts or the clock. */
export function deriveStatus(letter: Pick<Letter, 'formalSent' | 'acknowledged' | 'replied' | 'withdrawn'>, now: Date, deadline?: Date): LetterStatus {
  if (letter.withdrawn) return 'withdrawn';
  if (letter.replied) return 'replied';
  if (letter.formalSent) return deadline && now > deadline ? 'overdue' : 'awaiting-reply';
  return letter.acknowledged ? 'acknowledged' : 'awaiting-ack';
}

/** The things a person can do to a letter, each setting exactly one fact. */
export type LetterAction = 'acknowledge' | 'mark-sent' | 'record-reply' | 'withdraw';

/** What the caller should do: write the fact atomically, answer politely, or refuse with a reason. */
export type ActionDecision =
  | { kind: 'apply'; fact: FactName; absent: FactName[] }
  | { kind: 'already'; message: string }
  | { kind: 'refused'; code: 'forbidden' | 'conflict'; message: string };

interface ActionRule {
  fact: FactName;
  /** Facts that, once set, forbid this action (first set one explains); also the store update's `absent` guard. */
  blockers: FactName[];
  roles: Role[];
  /** Completes "you can no longer …" and "Only … can …". */
  phrase: string;
  /** Completes "<ref> was already …" / "The … for <ref> was already …". */
  done: (ref: string) => string;
}

const RULES: Record<LetterAction, ActionRule> = {
  acknowledge: {
    fact: 'acknowledged',
    blockers: ['withdrawn'],
    roles: ['owner', 'company-contact'],
    phrase: 'acknowledge it',
    done: (ref) => `${ref} was already acknowledged`,
  },
  'mark-sent': {
    fact: 'formalSent',
    blockers: ['withdrawn'],
    roles: ['mandate-team'],
    phrase: 'mark its formal letter as sent',
    done: (ref) => `The formal letter for ${ref} was already marked as sent`,
  },
  'record-reply': {
    fact: 'replied',
    blockers: ['withdrawn'],
    roles: ['mandate-team'],
    phrase: 'record a reply on it',
    done: (ref) => `The reply to ${ref} was already recorded`,
  },
  withdraw: {
    fact: 'withdrawn',
    blockers: ['replied'],
    roles: ['mandate-team'],
    phrase: 'withdraw it',
    done: (ref) => `${ref} was already withdrawn`,
  },
};

/** Readable day for people ("3 March 2026"), fixed to English so messages do not vary by host. */
export function formatDay(at: Date, zone = 'UTC'): string {
  return DateTime.fromJSDate(at, { zone }).setLocale('en-GB').toFormat('d LLLL yyyy');
}

/** How a sentence names a moment for its reader (the bot passes one with their time zone named). */
export type MomentText = (at: Date) => string;

function blockedMessage(ref: string, blocker: FactName, fact: Fact, phrase: string, when: MomentText): string {
  const day = when(fact.at);
  return blocker === 'withdrawn'
    ? `${ref} was withdrawn on ${day}, so you can no longer ${phrase}. If it is needed again, the mandate team can preview a new letter.`
    : `The reply to ${ref} was recorded on ${day}, so you can no longer ${phrase}. The reply stays on record.`;
}

function forbiddenMessage(ref: string, action: LetterAction, phrase: string): string {
  return action === 'acknowledge'
    ? `Only the people ${ref} is routed to, or its company's contacts, can ${phrase}. If it should be yours, ask your PreLetter admin to update the routing directory.`
    : `Only the mandate team of ${ref} can ${phrase}. If you are on that team, ask your PreLetter admin to add you to it.`;
}

/** Whether an action may proceed, from the letter and roles alone, so buttons and commands on both platforms agree. */
export function decideAction(
  letter: Letter,
  action: LetterAction,
  roles: ReadonlySet<Role>,
  people: (key: string) => string,
  when: MomentText = (at) => formatDay(at),
): ActionDecision {
  const rule = RULES[action];
  const { ref } = letter;
  if (!rule.roles.some((role) => roles.has(role))) {
    return { kind: 'refused', code: 'forbidden', message: forbiddenMessage(ref, action, rule.phrase) };
  }
  const blocker = rule.blockers.find((name) => letter[name]);
  const blockingFact = blocker && letter[blocker];
  if (blocker && blockingFact) {
    return { kind: 'refused', code: 'conflict', message: blockedMessage(ref, blocker, blockingFact, rule.phrase, when) };
  }
  const existing = letter[rule.fact];
  if (existing) {
    const message = `${rule.done(ref)} by ${people(existing.by)} on ${when(existing.at)}.`;
    return { kind: 'already', message };
  }
  if (action === 'record-reply' && !letter.formalSent) {
    const message = `The formal letter for ${ref} has not been marked as sent yet, so its reply cannot be recorded. Mark it sent first with \`/preletter sent ${ref}\`, then record the reply.`;
    return { kind: 'refused', code: 'conflict', message };
  }
  return { kind: 'apply', fact: rule.fact, absent: [...rule.blockers] };
}

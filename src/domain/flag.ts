/**
 * Flags: the dialogue's other direction. A company's people raise an issue with the
 * Special Procedures (topics, a summary, optionally the mandate they mean, urgency), and
 * it goes to the mandates whose topics match, or to the admins when none does. The
 * routing is decided once, when the flag is raised, and frozen on it, as for letters.
 */
import type { ChannelBinding, Fact, LetterThread, Mandate } from './types';

/** A flag raised by a company's person; confidential like a letter, mirrored: the company and the mandates it went to. */
export interface Flag {
  /** `FL-2026-0001`: its own series, so a flag is never mistaken for a letter. */
  ref: string;
  companyKey: string;
  topics: string[];
  summary: string;
  /** The mandate the company meant, when it said. */
  mandateKey?: string;
  urgent: boolean;
  routing: FlagRouting;
  /** Where it was raised (the company's bound channel), when it was raised in one. */
  channel?: ChannelBinding;
  raised: Fact;
  /** Who acknowledged it, for which mandate; no mandate when the admins acknowledged a flag none covers. */
  acknowledged?: Fact & { mandateKey?: string };
  threads: LetterThread[];
}

/** Who a flag went to, frozen when it is raised. */
export interface FlagRouting {
  /** Mandates whose topics match (or the one named, when its topics match), in the directory's order. */
  mandateKeys: string[];
  /** True when no mandate's topics match: the admins route it by hand. */
  toAdmins: boolean;
  matchedTopics: string[];
}

const normalize = (topic: string) => topic.trim().toLowerCase();

/**
 * Why: a flag reaches the mandates that cover its topics. A mandate the company named is
 * honoured when its topics match, so a company cannot send a flag to a mandate whose work it
 * is not; when it does not match, the flag goes by topic like any other, and nobody is dropped.
 */
export function routeFlag(mandates: readonly Mandate[], topics: readonly string[], namedMandateKey?: string): FlagRouting {
  const wanted = new Set(topics.map(normalize));
  const matches = (m: Mandate) => m.topics.map(normalize).filter((t) => wanted.has(t));
  const named = namedMandateKey ? mandates.find((m) => m.key === namedMandateKey) : undefined;
  const chosen = named && matches(named).length > 0 ? [named] : mandates.filter((m) => matches(m).length > 0);
  const matchedTopics = [...new Set(chosen.flatMap(matches))];
  return { mandateKeys: chosen.map((m) => m.key), toAdmins: chosen.length === 0, matchedTopics };
}

/** Why: a flag's reference is formatted once, like a letter's, so both read alike in every list. */
export function formatFlagRef(year: number, seq: number): string {
  return `FL-${year}-${String(seq).padStart(4, '0')}`;
}

const FLAG_REF = /^FL-\d{4}-\d{4}$/;

/** Why: commands, buttons and the scheduler tell a flag's reference from a letter's or a call's by its shape. */
export function isFlagRef(text: string): boolean {
  return FLAG_REF.test(text);
}

/** Why: what a flag is now, derived from its facts, never stored. */
export function flagStatus(flag: Pick<Flag, 'acknowledged'>): 'awaiting-ack' | 'acknowledged' {
  return flag.acknowledged ? 'acknowledged' : 'awaiting-ack';
}

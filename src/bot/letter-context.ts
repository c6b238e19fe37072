import { accessTo, rolesFor, type LetterAccess, type Role } from '../domain/access';
import { deadlineOf } from '../domain/deadline';
import { PreLetterError } from '../domain/errors';
import { deriveStatus } from '../domain/lifecycle';
import type { ClockPolicy } from '../domain/policy';
import type { Company, Letter, LetterStatus, Mandate, Person } from '../domain/types';
import type { BotDeps } from './deps';
import { refusal } from './messages/catalogue';

/** A letter with the directory entries every decision and view about it needs, loaded once. */
export interface LetterContext {
  letter: Letter;
  mandate: Mandate;
  company: Company;
  people: ReadonlyMap<string, Person>;
}

/** What a letter looks like right now: its status and deadline, derived, never stored. */
export interface LetterState {
  status: LetterStatus;
  deadline?: Date;
}

function keysOf(letter: Letter, mandate: Mandate): string[] {
  const facts = [letter.previewed, letter.acknowledged, letter.formalSent, letter.replied, letter.withdrawn];
  return [
    ...mandate.team,
    ...letter.routing.owners,
    ...letter.routing.backups,
    ...letter.routing.escalation,
    ...facts.flatMap((f) => (f ? [f.by] : [])),
  ];
}

/**
 * The one answer for a reference the asker cannot use: the same words whether the
 * letter does not exist or exists but is not theirs, so nobody learns a reference is real.
 */
export function letterNotFound(ref: string, context: Record<string, unknown> = {}): PreLetterError {
  return refusal('not-found', { key: 'letter.not-found', ref }, { ref, ...context });
}

/** Loads a letter and its directory context; an unknown reference gets the not-found sentence, not a crash. */
export async function loadLetterContext(deps: BotDeps, ref: string): Promise<LetterContext> {
  const letter = await deps.letters.get(ref);
  if (!letter) throw letterNotFound(ref);
  return withDirectory(deps, letter);
}

/**
 * Loads a letter for a person, refusing exactly as for an unknown reference when they
 * may not know it exists; returns their roles and what they may read.
 */
export async function loadVisibleLetter(deps: BotDeps, ref: string, person: Person): Promise<{ ctx: LetterContext; roles: Set<Role>; access: LetterAccess }> {
  const ctx = await loadLetterContext(deps, ref);
  const roles = rolesOf(ctx, person);
  const access = accessTo(roles);
  if (!access.see) throw letterNotFound(ref, { personKey: person.key });
  return { ctx, roles, access };
}

/** The one sentence for a letter whose mandate or company left the directory. */
export function directoryGap(ref: string, mandateKey: string, companyKey: string): PreLetterError {
  return refusal('internal', { key: 'letter.directory-gap', ref }, { ref, mandateKey, companyKey });
}

/** Adds mandate, company and people to a letter already in hand. */
export async function withDirectory(deps: BotDeps, letter: Letter): Promise<LetterContext> {
  const [mandate, company] = await Promise.all([
    deps.directory.getMandate(letter.mandateKey),
    deps.directory.getCompany(letter.companyKey),
  ]);
  if (!mandate || !company) throw directoryGap(letter.ref, letter.mandateKey, letter.companyKey);
  const people = await deps.directory.getPeople([...new Set(keysOf(letter, mandate))]);
  return { letter, mandate, company, people: new Map(people.map((p) => [p.key, p])) };
}

/** Name of a person key for sentences; "system" and unknown keys still read sensibly. */
export function nameOf(ctx: LetterContext, key: string): string {
  if (key === 'system') return 'PreLetter';
  return ctx.people.get(key)?.name ?? key;
}

/** The asker's roles on this letter, the only input to permission decisions. */
export function rolesOf(ctx: LetterContext, person: Person): Set<Role> {
  return rolesFor(person, ctx.letter, ctx.mandate, ctx.company);
}

/** Status and deadline at `now`, using the mandate's zone for the end of the deadline day. */
export function stateOf(letter: Pick<Letter, 'formalSent' | 'acknowledged' | 'replied' | 'withdrawn'>, mandate: Mandate, policy: ClockPolicy, now: Date): LetterState {
  const deadline = letter.formalSent
    ? deadlineOf(letter.formalSent.at, mandate.timeZone, policy.responseWindowDays)
    : undefined;
  return { status: deriveStatus(letter, now, deadline), deadline };
}

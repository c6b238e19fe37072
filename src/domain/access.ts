/**
 * Who may see and do what with a letter. Letters are confidential until published,
 * so every view and action first asks which roles a person holds on that letter.
 */
import type { Company, Letter, Mandate, Person } from './types';

/** The capacities a person can hold on one letter; actions and views are granted per role. */
export type Role = 'mandate-team' | 'owner' | 'company-contact' | 'admin';

/** Why: everyone a company lists anywhere, so its contacts can follow all of its letters (and answer its calls for input). */
export function companyPeople(company: Company): Set<string> {
  return new Set([
    ...company.defaultContacts,
    ...company.escalationContacts,
    ...company.urgentLine,
    ...company.routes.flatMap((route) => [...route.owners, ...route.backups]),
  ]);
}

/** A person's roles on one letter; the mandate and company passed must be the letter's own. */
export function rolesFor(
  person: Person,
  letter: Letter,
  mandate: Mandate | null,
  company: Company | null,
): Set<Role> {
  const roles = new Set<Role>();
  const { owners, backups, escalation } = letter.routing;
  if (mandate?.key === letter.mandateKey && mandate.team.includes(person.key)) roles.add('mandate-team');
  if ([...owners, ...backups, ...escalation].includes(person.key)) roles.add('owner');
  if (company?.key === letter.companyKey && companyPeople(company).has(person.key)) roles.add('company-contact');
  if (person.admin) roles.add('admin');
  return roles;
}

/**
 * What a person may know of one letter: that it exists and where it stands (`see`),
 * and its text (`read`). This is the whole confidentiality rule; every command,
 * button and view asks it, so Slack and Teams cannot drift apart.
 */
export interface LetterAccess {
  see: boolean;
  read: boolean;
}

/**
 * The rule as written: a letter's text goes only to its mandate team and the people it
 * is routed to (owners, backups, escalation contacts). Its bound channel is the third
 * place, and the mandate team's own channel (where a bridged letter is mirrored) the
 * fourth, both handled where cards are posted and messages relayed. The company's other
 * contacts and the admins follow its status without the text. Anyone else may not know it exists.
 */
export function accessTo(roles: ReadonlySet<Role>): LetterAccess {
  return {
    see: roles.size > 0,
    read: roles.has('mandate-team') || roles.has('owner'),
  };
}

/** Anyone with a role may know the letter exists and follow its status. */
export function canSeeLetter(roles: ReadonlySet<Role>): boolean {
  return accessTo(roles).see;
}

/**
 * Who may see and do what with a letter. Letters are confidential until published,
 * so every view and action first asks which roles a person holds on that letter.
 */
import type { Company, Letter, Mandate, Person } from './types';

/** The capacities a person can hold on one letter; actions and views are granted per role. */
export type Role = 'mandate-team' | 'owner' | 'company-contact' | 'admin';

/** Everyone a company lists anywhere, so its contacts can follow all of its letters. */
function companyPeople(company: Company): Set<string> {
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

/** Anyone with a role may know the letter exists and follow its status. */
export function canSeeLetter(roles: ReadonlySet<Role>): boolean {
  return roles.size > 0;
}

/** The summary is confidential: company contacts not routed to the letter see status only. */
export function canSeeContent(roles: ReadonlySet<Role>): boolean {
  return roles.has('mandate-team') || roles.has('owner') || roles.has('admin');
}

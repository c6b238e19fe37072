/**
 * Who is who in the confidentiality matrix: one person per role a person can have
 * towards a Northwind letter of the freedom-of-expression mandate, on both platforms.
 * The shared test directory has all of them but a member of another mandate's team,
 * so this file adds one (Lin, of a business-and-human-rights working group that
 * writes to Kestrel), and the Teams account of that person.
 */
import type { Directory, Person } from '../../../src/domain/types';
import { AAD, TENANT } from '../../adapters/teams/support/teams-directory';
import { TEST_DIRECTORY } from '../../support/test-directory';

/** The rows of the matrix. */
export type RoleId = 'team' | 'otherTeam' | 'owner' | 'backup' | 'escalation' | 'colleague' | 'otherCompany' | 'admin' | 'unknown';

/** One row: the role, the directory person who holds it, and where they act from. */
export interface CastMember {
  role: RoleId;
  /** Row label, and the subject of test names. */
  label: string;
  /** Directory key (the unknown account has none). */
  key?: string;
  slackUser: string;
  teamsAad: string;
  /** The company channel they work in: Northwind's, or Kestrel's for the outsiders. */
  home: 'northwind' | 'kestrel';
}

/** Lin's accounts: a mandate team member with no part in Northwind letters. */
export const LIN = { slackUser: 'U0LIN', teamsAad: 'a0000000-0000-4000-8000-0000000000b1' } as const;

/** The rows, in print order. */
export const CAST: readonly CastMember[] = [
  { role: 'team', label: 'mandate team (Tom)', key: 'tom', slackUser: 'U0TOM', teamsAad: AAD.tom, home: 'northwind' },
  { role: 'otherTeam', label: "other mandate's team (Lin)", key: 'lin', slackUser: LIN.slackUser, teamsAad: LIN.teamsAad, home: 'kestrel' },
  { role: 'owner', label: 'routed owner (Ana)', key: 'ana', slackUser: 'U0ANA', teamsAad: AAD.ana, home: 'northwind' },
  { role: 'backup', label: 'backup (Bea)', key: 'bea', slackUser: 'U0BEA', teamsAad: AAD.bea, home: 'northwind' },
  { role: 'escalation', label: 'escalation contact (Eli)', key: 'eli', slackUser: 'U0ELI', teamsAad: AAD.eli, home: 'northwind' },
  { role: 'colleague', label: 'same company, not routed (Dana)', key: 'dana', slackUser: 'U0DANA', teamsAad: AAD.dana, home: 'northwind' },
  { role: 'otherCompany', label: 'other company (Kai)', key: 'kai', slackUser: 'U0KAI', teamsAad: AAD.kai, home: 'kestrel' },
  { role: 'admin', label: 'admin (Robin)', key: 'root', slackUser: 'U0ROOT', teamsAad: AAD.root, home: 'northwind' },
  { role: 'unknown', label: 'unknown account', slackUser: 'U0NOBODY', teamsAad: AAD.stranger, home: 'northwind' },
];

/**
 * People who may read a Northwind content-moderation letter, written out from the rule
 * (not computed by the code under test): its mandate team (Mara, Tom) and the people it
 * is routed to (owners Ana and Wei, backup Bea, escalation contact Eli).
 */
export const READERS: ReadonlySet<string> = new Set(['mara', 'tom', 'ana', 'wei', 'bea', 'eli']);

/** In every Northwind letter's summary, so any copy of the text is found wherever it went. */
export const MARKER = 'Quokka7731Zanzibar';

/** A reference that does not exist: refusals of invisible letters must read exactly like its answer. */
export const MISSING_REF = 'PL-2099-9999';
/** The company name `status <company>` asks about, and one no directory knows. */
export const COMPANY_NAME = 'Northwind';
export const UNKNOWN_COMPANY_NAME = 'Nonesuch';

const lin: Person = {
  key: 'lin',
  name: 'Lin Okafor',
  email: 'lin@example.org',
  timeZone: 'Europe/Zurich',
  identities: [
    { platform: 'slack', workspaceId: 'T0TEST', userId: LIN.slackUser },
    { platform: 'teams', workspaceId: TENANT, userId: LIN.teamsAad },
  ],
  admin: false,
};

/** Applied on top of the platform's test directory (upserts only: nothing else changes). */
export const EXTRA_DIRECTORY: Directory = {
  people: [lin],
  mandates: [
    {
      key: 'wg-business',
      title: 'Working Group on business and human rights',
      timeZone: 'Europe/Zurich',
      team: ['lin'],
      topics: ['surveillance'],
    },
  ],
  companies: [],
};

/** The row of a role. */
export function castOf(role: RoleId): CastMember {
  return CAST.find((c) => c.role === role)!;
}

const ACCOUNTS = new Map<string, string>([
  ...TEST_DIRECTORY.people.map((p): [string, string] => [p.identities[0]!.userId, p.key]),
  ...Object.entries(AAD).map(([key, aad]): [string, string] => [aad, key]),
  [LIN.slackUser, 'lin'],
  [LIN.teamsAad, 'lin'],
]);

/** Directory key of a Slack user id or Teams AAD object id ('stranger' for the unknown account), else the id itself. */
export function personOfAccount(account: string): string {
  return ACCOUNTS.get(account) ?? account;
}

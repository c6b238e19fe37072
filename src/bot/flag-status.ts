/**
 * Where flags stand, for `status`: a company's people see their company's newest flags; a
 * mandate team sees the flags sent to its mandates that still await acknowledgement; and
 * `status FL-…` shows one flag to anyone who may know it (mayKnowFlag), its text only to those
 * it is for. Anyone else is answered exactly as for a reference that does not exist. Lists
 * read one small list document per company or mandate, then each flag shown, by `_id`.
 */
import type { Flag } from '../domain/flag';
import type { Person } from '../domain/types';
import { mayKnowFlag } from './acknowledge-flag';
import type { BotDeps } from './deps';
import { refusal, type Voice } from './messages/catalogue';
import type { CardField, NeutralCard } from './ports';
import { companyScope, mandateScope } from './repositories';
import { flagLine, flagRecordCard } from './views/flag-card';

/** The most flags one status list shows. */
export const FLAG_LIST_LIMIT = 10;

/** Why: the title of the mandate that acknowledged a flag, read through the cached directory. */
async function acknowledgedFor(deps: BotDeps, flag: Flag): Promise<string | undefined> {
  const key = flag.acknowledged?.mandateKey;
  return key ? ((await deps.directory.getMandate(key))?.title ?? key) : undefined;
}

/** Why: the flags a person's status lists: their companies' newest, and those awaiting their mandates' acknowledgement, newest first. */
export async function flagLines(deps: BotDeps, person: Person, v: Voice): Promise<CardField[]> {
  const [companies, mandates] = await Promise.all([deps.directory.companiesOfPerson(person.key), deps.directory.mandatesOfPerson(person.key)]);
  const lists = await Promise.all([
    ...companies.map((c) => deps.flags.list({ scope: companyScope(c.key), limit: FLAG_LIST_LIMIT })),
    ...mandates.map((m) => deps.flags.list({ scope: mandateScope(m.key), openOnly: true, limit: FLAG_LIST_LIMIT })),
  ]);
  const byRef = new Map(lists.flat().map((flag) => [flag.ref, flag]));
  const shown = [...byRef.values()].sort((a, b) => (a.ref < b.ref ? 1 : -1)).slice(0, FLAG_LIST_LIMIT);
  return Promise.all(
    shown.map(async (flag) => {
      const company = await deps.directory.getCompany(flag.companyKey);
      return flagLine(flag, company?.name ?? flag.companyKey, await acknowledgedFor(deps, flag), v);
    }),
  );
}

/**
 * Why: `status FL-…`. Everyone who may know the flag sees where it stands; its text is for
 * the company's people and the teams of the mandates it went to (and the admins when it
 * went to them), as a letter's text is for those it is routed to.
 */
export async function oneFlag(deps: BotDeps, person: Person, ref: string, v: Voice): Promise<NeutralCard> {
  const flag = await deps.flags.get(ref);
  if (!flag || !(await mayKnowFlag(deps, flag, person))) throw refusal('not-found', { key: 'flag.not-found', ref }, { ref });
  const [companies, ownMandates, company, raiser, routed] = await Promise.all([
    deps.directory.companiesOfPerson(person.key),
    deps.directory.mandatesOfPerson(person.key),
    deps.directory.getCompany(flag.companyKey),
    deps.directory.getPerson(flag.raised.by),
    Promise.all(flag.routing.mandateKeys.map((key) => deps.directory.getMandate(key))),
  ]);
  const showSummary =
    companies.some((c) => c.key === flag.companyKey) || ownMandates.some((m) => flag.routing.mandateKeys.includes(m.key)) || (person.admin && flag.routing.toAdmins);
  const mandateTitle = await acknowledgedFor(deps, flag);
  const acknowledger = flag.acknowledged ? await deps.directory.getPerson(flag.acknowledged.by) : null;
  return flagRecordCard(
    flag,
    {
      company: company?.name ?? flag.companyKey,
      raisedBy: raiser?.name ?? flag.raised.by,
      mandates: routed.map((m, i) => m?.title ?? flag.routing.mandateKeys[i]!),
      ...(flag.acknowledged && mandateTitle ? { acknowledgedBy: { name: acknowledger?.name ?? flag.acknowledged.by, mandate: mandateTitle } } : {}),
      showSummary,
    },
    v,
  );
}

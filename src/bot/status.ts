/**
 * Use case: where do my letters stand? Answers are scoped to what the asker may
 * see: their mandates' letters, their companies' letters, letters routed to them;
 * admins see all of them, but never a letter's text. A letter or company the asker
 * may not see is answered exactly as one that does not exist. Lists read the asker's
 * list documents and the letters shown, never the whole history.
 */
import { daysLeft } from '../domain/deadline';
import { PreLetterError } from '../domain/errors';
import type { Company, Mandate, Person, PlatformIdentity } from '../domain/types';
import { resolveActor } from './actor';
import { inUnitOfWork, type BotDeps } from './deps';
import { formatDaysLeft, formatMoment, STATUS_NAMES } from './format';
import { directoryGap, loadVisibleLetter, stateOf } from './letter-context';
import { ALL_SCOPE, companyScope, mandateScope, personScope, type ListedLetter } from './repositories';
import type { CardField, NeutralCard } from './ports';
import { timelineCard } from './views/timeline-card';
import { noticeCard } from './views/notice-card';

/** A status question: everything visible, one letter, or one company's letters. */
export interface StatusRequest {
  actor: PlatformIdentity;
  ref?: string;
  company?: string;
}

/** The most letters one list shows. */
export const LIST_LIMIT = 25;

/** The list scopes a person sees, and the companies they belong to (they may ask about those by name). */
async function scopesOf(deps: BotDeps, person: Person): Promise<{ scopes: string[]; companies: Set<string> }> {
  const [mandates, companies] = await Promise.all([
    deps.directory.mandatesOfPerson(person.key),
    deps.directory.companiesOfPerson(person.key),
  ]);
  const own = new Set(companies.map((c) => c.key));
  if (person.admin) return { scopes: [ALL_SCOPE], companies: own };
  return {
    scopes: [...mandates.map((m) => mandateScope(m.key)), ...companies.map((c) => companyScope(c.key)), personScope(person.key)],
    companies: own,
  };
}

async function oneLetter(deps: BotDeps, person: Person, ref: string, zone: string): Promise<NeutralCard> {
  const { ctx, access } = await loadVisibleLetter(deps, ref, person);
  return timelineCard(ctx, deps.policy, deps.clock.now(), zone, access.read);
}

/** The same words for a company that is not in the directory and one the asker has nothing to do with. */
function unknownCompany(name: string): PreLetterError {
  return new PreLetterError(
    'not-found',
    `I don't know a company called "${name}" among the companies you work with. Try its name as it appears on the letter cards, or \`/preletter status\` for all your letters.`,
    {},
  );
}

/** The letter's mandate and company, read once per answer through the cached directory. */
async function lookup(deps: BotDeps, letter: ListedLetter): Promise<{ mandate: Mandate; company: Company }> {
  const [mandate, company] = await Promise.all([deps.directory.getMandate(letter.mandateKey), deps.directory.getCompany(letter.companyKey)]);
  if (!mandate || !company) throw directoryGap(letter.ref, letter.mandateKey, letter.companyKey);
  return { mandate, company };
}

async function letterLine(deps: BotDeps, letter: ListedLetter, zone: string, platform: PlatformIdentity['platform']): Promise<CardField> {
  const ctx = await lookup(deps, letter);
  const now = deps.clock.now();
  const { status, deadline } = stateOf(letter, ctx.mandate, deps.policy, now);
  const parts = [STATUS_NAMES[status]];
  if (deadline && (status === 'awaiting-reply' || status === 'overdue')) {
    parts.push(`${formatDaysLeft(daysLeft(deadline, now, zone))} (due ${formatMoment(deadline, zone)})`);
  }
  const thread = letter.threads.find((t) => t.platform === platform);
  const link = thread ? await deps.platforms[platform]?.threadLink(thread.threadRef) : undefined;
  if (link) parts.push(link);
  return { label: `${letter.ref} · ${ctx.company.name} · ${ctx.mandate.title}`, value: parts.join(' · ') };
}

/** Answers `/preletter status [REF|company]` privately. */
export async function status(base: BotDeps, request: StatusRequest): Promise<NeutralCard> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, request.actor);
  const zone = person.timeZone ?? deps.policy.defaultTimeZone;
  if (request.ref) return oneLetter(deps, person, request.ref, zone);

  const { scopes, companies } = await scopesOf(deps, person);
  let title = 'Your letters';
  let companyKey: string | undefined;
  if (request.company) {
    const company = await deps.directory.findCompanyByName(request.company);
    if (!company) throw unknownCompany(request.company);
    companyKey = company.key;
    title = `Your letters to ${company.name}`;
  }
  const letters = await deps.letters.list({ scopes, limit: LIST_LIMIT, ...(companyKey ? { within: companyScope(companyKey) } : {}) });
  // A company is named back only to its own people, admins, and those who have letters with it.
  if (request.company && companyKey && letters.length === 0 && !person.admin && !companies.has(companyKey)) {
    throw unknownCompany(request.company);
  }
  if (letters.length === 0) {
    return noticeCard(title, companyKey ? 'There are no letters to this company that you can see.' : 'There are no letters you can see yet. Mandate teams open one with `/preletter preview` in a company\'s channel.');
  }
  const fields = await Promise.all(letters.map((l) => letterLine(deps, l, zone, request.actor.platform)));
  return {
    title,
    body: [[{ text: `${letters.length} letter${letters.length === 1 ? '' : 's'}, newest first. Times are in ${zone}.` }]],
    fields,
    buttons: [],
    tone: 'info',
  };
}

/**
 * Use case: where do my letters stand? Answers are scoped to what the asker may
 * see: their mandates' letters, their companies' letters, letters routed to them (and
 * the flags their company raised or their mandates must acknowledge, flag-status.ts);
 * admins see all of them, but never a letter's text. A letter or company the asker
 * may not see is answered exactly as one that does not exist. Lists read the asker's
 * list documents and the letters shown, never the whole history.
 */
import { isFlagRef } from '../domain/flag';
import { daysLeft } from '../domain/deadline';
import type { PreLetterError } from '../domain/errors';
import type { Company, Mandate, Person, PlatformIdentity } from '../domain/types';
import { resolveActor } from './actor';
import { inUnitOfWork, type BotDeps } from './deps';
import { refusal, type Voice } from './messages/catalogue';
import { personVoice } from './voices';
import { directoryGap, loadVisibleLetter, stateOf } from './letter-context';
import { flagLines, oneFlag } from './flag-status';
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

async function oneLetter(deps: BotDeps, person: Person, ref: string, v: Voice): Promise<NeutralCard> {
  const { ctx, access } = await loadVisibleLetter(deps, ref, person);
  return timelineCard(ctx, deps.policy, deps.clock.now(), v, access.read);
}

/** The same words for a company that is not in the directory and one the asker has nothing to do with. */
function unknownCompany(name: string): PreLetterError {
  return refusal('not-found', { key: 'status.unknown-company', name }, {});
}

/** The letter's mandate and company, read once per answer through the cached directory. */
async function lookup(deps: BotDeps, letter: ListedLetter): Promise<{ mandate: Mandate; company: Company }> {
  const [mandate, company] = await Promise.all([deps.directory.getMandate(letter.mandateKey), deps.directory.getCompany(letter.companyKey)]);
  if (!mandate || !company) throw directoryGap(letter.ref, letter.mandateKey, letter.companyKey);
  return { mandate, company };
}

async function letterLine(deps: BotDeps, letter: ListedLetter, v: Voice, platform: PlatformIdentity['platform']): Promise<CardField> {
  const ctx = await lookup(deps, letter);
  const now = deps.clock.now();
  const { status, deadline } = stateOf(letter, ctx.mandate, deps.policy, now);
  const parts = [v.t('letter.status', { status })];
  if (deadline && (status === 'awaiting-reply' || status === 'overdue')) {
    parts.push(v.t('status.due', { at: deadline, days: daysLeft(deadline, now, v.zone) }));
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
  const v = personVoice(deps, person);
  if (request.ref) return isFlagRef(request.ref) ? oneFlag(deps, person, request.ref, v) : oneLetter(deps, person, request.ref, v);

  const { scopes, companies } = await scopesOf(deps, person);
  let title = v.t('status.title');
  let companyKey: string | undefined;
  if (request.company) {
    const company = await deps.directory.findCompanyByName(request.company);
    if (!company) throw unknownCompany(request.company);
    companyKey = company.key;
    title = v.t('status.company-title', { company: company.name });
  }
  const letters = await deps.letters.list({ scopes, limit: LIST_LIMIT, ...(companyKey ? { within: companyScope(companyKey) } : {}) });
  // A company is named back only to its own people, admins, and those who have letters with it.
  if (request.company && companyKey && letters.length === 0 && !person.admin && !companies.has(companyKey)) {
    throw unknownCompany(request.company);
  }
  // Flags are listed with everything a person sees, not with one company's letters.
  const flags = companyKey ? [] : await flagLines(deps, person, v);
  if (letters.length === 0 && flags.length === 0) {
    return noticeCard(title, [companyKey ? [{ text: v.t('status.none-company') }] : v.t('status.none')]);
  }
  const fields = await Promise.all(letters.map((l) => letterLine(deps, l, v, request.actor.platform)));
  const counts = [
    ...(letters.length > 0 ? [v.t('status.count', { count: letters.length, zone: v.zone })] : []),
    ...(flags.length > 0 ? [v.t('flag.count', { count: flags.length })] : []),
  ];
  return {
    title,
    body: counts.map((text) => [{ text }]),
    linkLabel: v.t('button.open-thread'),
    fields: [...fields, ...flags],
    buttons: [],
    tone: 'info',
  };
}

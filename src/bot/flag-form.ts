/**
 * The flag form's rules, kept once for both platforms: who may open it (a company's listed
 * people only, each told why not otherwise), for which company, what it offers (the topics
 * the directory's mandates cover, and the mandates themselves), and what each field must
 * hold. Each adapter reads its own payload at the edge (a Slack view submission, a Teams
 * card or dialog) into FlagAnswers, shows the errors next to its fields in the person's
 * language, and renders its own form.
 */
import type { ChannelBinding, Company, Person, PlatformIdentity } from '../domain/types';
import { resolveActor } from './actor';
import { inUnitOfWork, type BotDeps } from './deps';
import { refusal, type Message } from './messages/catalogue';
import { isFormTopic, MAX_TOPICS, SUMMARY_MAX_LENGTH } from './preview-letter';
import type { FlagInput } from './raise-flag';

/** The form's fields, in the order both platforms show them. */
export const FLAG_FIELDS = ['topics', 'summary', 'mandate', 'urgent'] as const;

/** One field of the flag form. */
export type FlagField = (typeof FLAG_FIELDS)[number];

/** What the flag form offers this person, in their language, for which company (and the channel it is raised in, if any). */
export interface FlagFormOptions {
  /** The person's directory locale: the form is written in their language. */
  locale?: string;
  company: { key: string; name: string };
  /** The company's bound channel the form was asked for in; absent anywhere else. */
  channel?: ChannelBinding;
  /** Every topic a mandate in the directory covers, sorted. */
  topics: string[];
  /** Every mandate, for the optional "which mandate" choice. */
  mandates: Array<{ key: string; title: string }>;
}

/** Why: the one sentence for someone who is not a company's person: a mandate team member is told what they can do instead. */
async function notACompanyPerson(deps: BotDeps, person: Person): Promise<never> {
  const onATeam = (await deps.directory.mandatesOfPerson(person.key)).length > 0;
  throw refusal('forbidden', { key: onATeam ? 'flag.team-not-company' : 'flag.company-only' }, { personKey: person.key });
}

/**
 * Why: which company a flag comes from. In a company's bound channel, that company, if it
 * lists the person; anywhere else (a direct message, a channel bound to no company), the
 * one company that lists them. The channel is kept only when it is the company's own.
 */
export async function flagCompany(deps: BotDeps, person: Person, channel?: ChannelBinding): Promise<{ company: Company; channel?: ChannelBinding }> {
  const theirs = await deps.directory.companiesOfPerson(person.key);
  const bound = channel ? await deps.directory.findCompanyByChannel(channel) : null;
  if (bound) {
    if (!theirs.some((c) => c.key === bound.key)) return notACompanyPerson(deps, person);
    return { company: bound, channel };
  }
  if (theirs.length > 1) throw refusal('invalid-input', { key: 'flag.which-company' }, { personKey: person.key });
  if (theirs.length === 0) return notACompanyPerson(deps, person);
  return { company: theirs[0]! };
}

/**
 * Checks the person before a form is shown, so nobody fills in a form that cannot be used,
 * and gathers what it offers: every topic the mandates cover, and the mandates.
 */
export async function flagFormOptions(base: BotDeps, actor: PlatformIdentity, channel?: ChannelBinding): Promise<FlagFormOptions> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, actor);
  const { company, channel: raisedIn } = await flagCompany(deps, person, channel);
  const mandates = await deps.directory.listMandates();
  const topics = [...new Set(mandates.flatMap((m) => m.topics))].filter(isFormTopic).sort();
  if (topics.length === 0) throw refusal('invalid-input', { key: 'flag.no-topics-offered' }, { field: 'topics' });
  return {
    ...(person.locale ? { locale: person.locale } : {}),
    company: { key: company.key, name: company.name },
    ...(raisedIn ? { channel: raisedIn } : {}),
    topics,
    mandates: mandates.map((m) => ({ key: m.key, title: m.title })),
  };
}

/** What a person entered, read from either platform's payload (absent when left empty). */
export interface FlagAnswers {
  topics: string[];
  summary?: string;
  mandate?: string;
  urgent?: boolean;
}

/** Why: the answers as a flag, or the sentence for each field at fault. */
export type FlagFormCheck =
  | { ok: true; input: Omit<FlagInput, 'actor' | 'channel'> }
  | { ok: false; errors: Partial<Record<FlagField, Message>> };

/**
 * Why: every rule of the flag form in one place. `unreadable` are fields the adapter could
 * not read at all (their sentence wins). `offered`, when the adapter has it (re-read from the
 * directory at submit time), is all the form may return: a form whose answers travel through
 * the person's client is checked against it (a forged value, a topic gone since).
 */
export function checkFlagForm(answers: FlagAnswers, context: { offered?: Pick<FlagFormOptions, 'topics' | 'mandates'>; unreadable?: ReadonlySet<FlagField> }): FlagFormCheck {
  const errors: Partial<Record<FlagField, Message>> = {};
  for (const field of context.unreadable ?? []) errors[field] = { key: 'form.unreadable', field };
  const open = (field: FlagField) => errors[field] === undefined;

  const topics = [...new Set(answers.topics.map((t) => t.trim()).filter(Boolean))];
  const { offered } = context;
  const notOffered = offered ? topics.find((t) => !offered.topics.includes(t)) : undefined;
  if (open('topics') && topics.length === 0) errors.topics = { key: 'form.choose-topic' };
  else if (open('topics') && notOffered !== undefined) errors.topics = { key: 'flag.topic-not-offered', topic: notOffered };
  else if (open('topics') && topics.length > MAX_TOPICS) errors.topics = { key: 'flag.too-many-topics', max: MAX_TOPICS };
  const summary = (answers.summary ?? '').trim();
  if (open('summary') && summary === '') errors.summary = { key: 'flag.write-summary' };
  if (open('summary') && summary.length > SUMMARY_MAX_LENGTH) errors.summary = { key: 'form.summary-long', length: summary.length, max: SUMMARY_MAX_LENGTH };
  const mandateKey = answers.mandate?.trim() || undefined;
  if (open('mandate') && mandateKey !== undefined && offered && !offered.mandates.some((m) => m.key === mandateKey)) errors.mandate = { key: 'flag.mandate-not-offered' };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { topics, summary, urgent: answers.urgent === true, ...(mandateKey ? { mandateKey } : {}) } };
}

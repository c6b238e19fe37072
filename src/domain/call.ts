/**
 * Calls for input: a mandate team asks every company whose routes cover its topics for
 * input by a deadline (a consultation for a thematic report, say). Each company answers for
 * itself ("we will contribute", "submitted", "not for us") and is reminded by the letters'
 * countdown rules until it has submitted or declined. Routing is decided once, at
 * publication, and frozen on the call, as for letters and flags.
 */
import { DateTime } from 'luxon';
import { companyPeople } from './access';
import { atLocalHour, atLocalStartOnOrBefore, localDateOf, plusDays, type LocalDate } from './calendar';
import type { ClockPolicy } from './policy';
import { bestRoute } from './routing';
import type { ChannelBinding, Company, Fact, LetterThread, Mandate, Person, Platform } from './types';

/** What a company can say to a call: it will contribute, it has submitted, or the call is not for it. */
export type CallAnswer = 'contribute' | 'submitted' | 'declined';

/** Why: the answers in the order cards offer them, for buttons, forms and validation at the edge. */
export const CALL_ANSWERS: readonly CallAnswer[] = ['contribute', 'submitted', 'declined'];

/** A company's answer: what, who (person key) and when. */
export interface CallAnswerFact extends Fact {
  answer: CallAnswer;
}

/** One answer as it happened, kept in order so a report can tell when a company first answered. */
export interface CallAnswerEvent extends CallAnswerFact {
  companyKey: string;
}

/** A card sent to one owner by direct message (a company with no bound channel), so it can be updated in place. */
export interface CallCopy {
  personKey: string;
  platform: Platform;
  messageRef: string;
}

/** A company the call went to, frozen at publication. */
export interface CallRecipient {
  companyKey: string;
  /** Owners of the company's best matching route: who is reminded when the company has no channel. */
  owners: string[];
  /** The call's topics that the company's routes cover: why it received the call. */
  matchedTopics: string[];
  /** The company's bound channel its card goes to; absent: its owners get the card directly. */
  channel?: ChannelBinding;
  /** Where its card is in that channel, once posted. */
  thread?: LetterThread;
  /** The owners' copies of the card, when it went by direct message. */
  copies?: CallCopy[];
}

/**
 * A call for input. Public-ish: its title, link and topics may be seen by every company it
 * went to. One company's answer is seen only by that company's people and the mandate team.
 */
export interface CallForInput {
  /** `CI-2026-0001`: its own yearly series, never mistaken for a letter or a flag. */
  ref: string;
  mandateKey: string;
  title: string;
  /** An https URL: where the call is published. */
  link: string;
  topics: string[];
  /** The last instant that counts: the end of the deadline day in the mandate's zone. */
  deadline: Date;
  published: Fact;
  recipients: CallRecipient[];
  /** The latest answer of each company that answered, by company key. */
  answers: Record<string, CallAnswerFact>;
  /** Every answer, oldest first. */
  history: CallAnswerEvent[];
  /** The card in the mandate's own channel, where the team follows the answers. */
  mandateThread?: LetterThread;
  /** Withdrawn by the mandate team: no more answers or reminders. */
  closed?: Fact;
}

/** Where a call stands as a whole, derived from its facts and the time, never stored. */
export type CallStatus = 'open' | 'past-deadline' | 'closed';

const normalize = (topic: string) => topic.trim().toLowerCase();

/** Why: a call's reference is formatted once, like letters' and flags', so all read alike in lists. */
export function formatCallRef(year: number, seq: number): string {
  return `CI-${year}-${String(seq).padStart(4, '0')}`;
}

const CALL_REF = /^CI-\d{4}-\d{4,}$/;

/** Why: commands and buttons tell a call's reference from a letter's or a flag's by its shape. */
export function isCallRef(text: string): boolean {
  return CALL_REF.test(text);
}

/** The longest link a call may carry: what every chat renders without cutting it. */
export const CALL_LINK_MAX_LENGTH = 2000;

/** Why: a call's link is shown to companies as is, so only a plain https address with a host is accepted (no credentials, no spaces). */
export function isCallLink(link: string): boolean {
  if (link.length === 0 || link.length > CALL_LINK_MAX_LENGTH || /\s/.test(link)) return false;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Why: a valid calendar day written `yyyy-mm-dd`, as date pickers send it. */
export function isLocalDate(text: string): text is LocalDate {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/** Why: "by 30 April" means until the end of that day where the mandate works, whatever the season (DST). */
export function callDeadline(day: LocalDate, mandateTimeZone: string): Date {
  return new Date(atLocalHour(plusDays(day, 1), mandateTimeZone, 0).getTime() - 1);
}

/**
 * Why: a call goes to every company with a route on one of its topics, once, with the owners
 * of its most specific route (as a letter would be routed); a company no route of which
 * matches never receives it. `usable` says which bound channels can be posted in (the
 * platform is connected); the first usable one carries the card.
 */
export function routeCall(companies: readonly Company[], topics: readonly string[], usable: (channel: ChannelBinding) => boolean = () => true): CallRecipient[] {
  const wanted = topics.map(normalize);
  const recipients: CallRecipient[] = [];
  for (const company of companies) {
    const route = bestRoute(company.routes, [...topics]);
    if (!route) continue;
    const covered = new Set(company.routes.flatMap((r) => r.topics.map(normalize)));
    const matchedTopics = topics.filter((_, i) => covered.has(wanted[i]!));
    const channel = company.channels.find(usable);
    recipients.push({ companyKey: company.key, owners: [...new Set(route.owners)], matchedTopics, ...(channel ? { channel } : {}) });
  }
  return recipients;
}

/** Why: what a call is now, derived from its facts and the time. */
export function callStatus(call: Pick<CallForInput, 'closed' | 'deadline'>, now: Date): CallStatus {
  if (call.closed) return 'closed';
  return now > call.deadline ? 'past-deadline' : 'open';
}

/**
 * Why: who may answer a call for a company: a company the call went to, and a person that
 * company lists anywhere (contacts, routes' owners and backups) or one of the owners frozen
 * on the call when it was published.
 */
export function mayAnswerFor(call: Pick<CallForInput, 'recipients'>, company: Company, personKey: string): boolean {
  const recipient = call.recipients.find((r) => r.companyKey === company.key);
  return recipient !== undefined && (recipient.owners.includes(personKey) || companyPeople(company).has(personKey));
}

/** Why: a call's table of answers is the mandate team's (and the admins'): one company's answer is never shown to another. */
export function maySeeAnswers(call: Pick<CallForInput, 'mandateKey'>, person: Pick<Person, 'key' | 'admin'>, mandate: Pick<Mandate, 'key' | 'team'> | null): boolean {
  return person.admin || (mandate !== null && mandate.key === call.mandateKey && mandate.team.includes(person.key));
}

/** Why: a company that submitted or declined is done: nothing more is asked of it. */
export function isDoneAnswer(answer: CallAnswer | undefined): boolean {
  return answer === 'submitted' || answer === 'declined';
}

/** Why: the report counts how quickly companies answered: the first answer a company gave, if any. */
export function firstAnswerOf(call: Pick<CallForInput, 'history'>, companyKey: string): CallAnswerEvent | undefined {
  return call.history.find((event) => event.companyKey === companyKey);
}

/** Why a call reminder is sent: a countdown mark before the deadline, or the deadline day itself. */
export type CallReminderKind = 'countdown' | 'due-day';

/** One reminder a call's facts call for; its key is the claim that makes it happen once. */
export interface PlannedCallReminder {
  /** `<ref>:<kind>:<step>:<companyKey>` in the company's channel, `<ref>:<kind>:<step>:<companyKey>/<personKey>` by direct message. */
  key: string;
  callRef: string;
  kind: CallReminderKind;
  /** `30d`, `7d`… (days left), or `due`. */
  step: string;
  companyKey: string;
  /** The company's key for a post in its thread, else the owner's person key. */
  recipientKey: string;
  via: 'channel' | 'direct';
  dueAt: Date;
}

/** The directory data the reminder plan needs, passed in so the rules stay free of I/O. */
export interface CallScheduleContext {
  policy: ClockPolicy;
  /** The recipients' companies, by key (a company gone from the directory reads the default zone). */
  companies: ReadonlyMap<string, Company>;
  /** The owners of the recipients without a channel, by key. */
  people: ReadonlyMap<string, Person>;
}

type Reminder = Omit<PlannedCallReminder, 'key' | 'callRef'>;

/**
 * Countdown marks and the due day for one recipient, at the start of their working day in
 * their zone, moved back before a weekend and never at or after the deadline, exactly as a
 * letter's countdown; marks already past at publication are skipped, and when two land on
 * the same morning only the later one is kept.
 */
function countdown(base: Omit<Reminder, 'kind' | 'step' | 'dueAt'>, zone: string, call: CallForInput, policy: ClockPolicy): Reminder[] {
  const lastDay = localDateOf(call.deadline, zone);
  const at = (date: LocalDate) => atLocalStartOnOrBefore(date, zone, policy.workdayStartHour, call.deadline);
  const reminders: Reminder[] = [
    ...policy.countdownDaysLeft.map((k) => ({ ...base, kind: 'countdown' as const, step: `${k}d`, dueAt: at(plusDays(lastDay, -k)) })),
    { ...base, kind: 'due-day' as const, step: 'due', dueAt: at(lastDay) },
  ]
    .filter((r) => r.dueAt >= call.published.at)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return reminders.filter((r, i) => reminders[i + 1]?.dueAt.getTime() !== r.dueAt.getTime());
}

/** Why: the recipient part of a reminder's key; an owner's carries the company too, since one person may own a topic at two companies. */
function recipientPart(r: Pick<Reminder, 'via' | 'companyKey' | 'recipientKey'>): string {
  return r.via === 'channel' ? r.companyKey : `${r.companyKey}/${r.recipientKey}`;
}

/**
 * Every reminder due by `until` that the call still calls for, earliest first: for each
 * company that has neither submitted nor declined, one post in its channel when it has
 * one (at the company's working hour), else one message to each owner (at theirs). Nothing
 * once the call is closed.
 */
export function planCallReminders(call: CallForInput, ctx: CallScheduleContext, until: Date): PlannedCallReminder[] {
  if (call.closed) return [];
  const { policy } = ctx;
  const reminders: Reminder[] = [];
  for (const recipient of call.recipients) {
    if (isDoneAnswer(call.answers[recipient.companyKey]?.answer)) continue;
    const company = ctx.companies.get(recipient.companyKey);
    const companyZone = company?.timeZone ?? policy.defaultTimeZone;
    const companyKey = recipient.companyKey;
    if (recipient.channel) {
      reminders.push(...countdown({ companyKey, recipientKey: companyKey, via: 'channel' }, companyZone, call, policy));
      continue;
    }
    for (const owner of recipient.owners) {
      const zone = ctx.people.get(owner)?.timeZone ?? companyZone;
      reminders.push(...countdown({ companyKey, recipientKey: owner, via: 'direct' }, zone, call, policy));
    }
  }
  return reminders
    .filter((r) => r.dueAt <= until)
    .map((r) => ({ key: `${call.ref}:${r.kind}:${r.step}:${recipientPart(r)}`, callRef: call.ref, ...r }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : Number(a.key > b.key)));
}

/** Why: when the call next needs the scheduler (strictly after `after`), so it can be put on the agenda instead of rescanned; null when nothing is left. */
export function nextCallReminderAt(call: CallForInput, ctx: CallScheduleContext, after: Date): Date | null {
  return planCallReminders(call, ctx, call.deadline).find((r) => r.dueAt > after)?.dueAt ?? null;
}

/** Why: a sweep that finds several steps due for one recipient (after an outage) sends only the latest: an outdated count would mislead. */
export function latestCallReminders(due: readonly PlannedCallReminder[]): PlannedCallReminder[] {
  const latest = new Map<string, PlannedCallReminder>();
  for (const r of due) latest.set(recipientPart(r), r);
  return due.filter((r) => latest.get(recipientPart(r)) === r);
}

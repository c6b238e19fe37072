/**
 * Use case: a mandate team member (or an admin) publishes a call for input. It goes, by
 * topic, to every company whose routes cover one of its topics (src/domain/call.ts): one
 * card in the company's bound channel, or to its owners directly when PreLetter has no
 * channel with it; the mandate's own channel gets the table of answers. Nobody else is
 * messaged. The publisher is told privately where it went.
 */
import { DateTime } from 'luxon';
import { routeCall, type CallForInput } from '../domain/call';
import type { Mandate, Person, PlatformIdentity } from '../domain/types';
import { resolveActor } from './actor';
import { loadCallContext, type CallDelivery } from './call-delivery';
import { deliverCallNow } from './deliver-call';
import { CALL_FIELDS, callTopicsOf, checkCallForm, deadlineRange, type CallField } from './call-form';
import { inUnitOfWork, type BotDeps } from './deps';
import { refusal, type Message, type Voice } from './messages/catalogue';
import type { NeutralCard, Segment } from './ports';
import { noticeCard } from './views/notice-card';
import { personVoice } from './voices';

/** What the call form or command collected; the adapter read it at its edge. */
export interface CallInput {
  actor: PlatformIdentity;
  /** Which mandate publishes it; needed only when the person is on several teams (or is an admin). */
  mandateKey?: string;
  title: string;
  link: string;
  topics: string[];
  /** The deadline day, `yyyy-mm-dd`, in the mandate's calendar. */
  deadline: string;
}

/** Choices for the call form, so it only offers what this person may publish, in their language. */
export interface CallFormOptions {
  /** The person's directory locale: the form is written in their language. */
  locale?: string;
  /** The mandates they may publish for, each with its topics and the deadline days it accepts. */
  mandates: Array<{ key: string; title: string; topics: string[]; deadlines: { first: string; last: string } }>;
  /** Every topic of those mandates, for a form that shows one list. */
  topics: string[];
}

/** The mandates a person may publish for: their teams', or every mandate for an admin. */
async function publishingMandates(deps: BotDeps, person: Person): Promise<Mandate[]> {
  const mandates = person.admin ? await deps.directory.listMandates() : await deps.directory.mandatesOfPerson(person.key);
  if (mandates.length === 0) throw refusal('forbidden', { key: 'call.not-team' }, { personKey: person.key });
  return mandates;
}

/** Why: checks the person before a form is shown, so nobody fills in a form they cannot use. */
export async function callFormOptions(base: BotDeps, actor: PlatformIdentity): Promise<CallFormOptions> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, actor);
  const mandates = await publishingMandates(deps, person);
  const topics = [...new Set(mandates.flatMap(callTopicsOf))].sort();
  if (topics.length === 0) throw refusal('invalid-input', { key: 'call.no-topics' }, { field: 'topics' });
  const now = deps.clock.now();
  return {
    ...(person.locale ? { locale: person.locale } : {}),
    mandates: mandates.map((m) => ({ key: m.key, title: m.title, topics: callTopicsOf(m), deadlines: deadlineRange(m, now) })),
    topics,
  };
}

function chooseMandate(mandates: Mandate[], key: string | undefined): Mandate {
  if (key) {
    const chosen = mandates.find((m) => m.key === key);
    if (!chosen) throw refusal('forbidden', { key: 'call.not-your-mandate' }, { mandateKey: key });
    return chosen;
  }
  if (mandates.length > 1) throw refusal('invalid-input', { key: 'call.which-mandate' }, { field: 'mandate' });
  return mandates[0]!;
}

/** Why: the routing test both checks share: a call that would reach no company is refused before anything is saved. */
async function routed(deps: BotDeps, topics: string[]) {
  return routeCall(await deps.directory.listCompanies(), topics, (channel) => deps.platforms[channel.platform] !== undefined);
}

/**
 * Why: a form shows every mistake at once, each beside its field, before anything is
 * published (publishCall refuses with the first). Without a mandate chosen, only the title
 * and the link can be judged: the topics and the deadline days are the mandate's.
 */
export async function checkCallInput(base: BotDeps, input: CallInput): Promise<Partial<Record<CallField, Message>>> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, input.actor);
  const mandates = await publishingMandates(deps, person);
  const chosen = input.mandateKey ? mandates.find((m) => m.key === input.mandateKey) : mandates.length === 1 ? mandates[0] : undefined;
  const errors: Partial<Record<CallField, Message>> = {};
  if (!chosen) errors.mandate = { key: input.mandateKey ? 'call.not-your-mandate' : 'call.which-mandate' };
  const checked = checkCallForm(input, { mandate: chosen ?? mandates[0]!, now: deps.clock.now() });
  if (!checked.ok) {
    for (const field of chosen ? CALL_FIELDS : (['title', 'link'] as const)) if (checked.errors[field]) errors[field] = checked.errors[field];
  } else if (chosen && (await routed(deps, checked.value.topics)).length === 0) {
    errors.topics = { key: 'call.no-companies' };
  }
  return errors;
}

function summary(delivery: CallDelivery, names: (key: string) => string, v: Voice): NeutralCard {
  const { call } = delivery;
  const all = call.recipients.map((r) => names(r.companyKey));
  const body: Segment[][] = [[{ text: v.t('call.published', { ref: call.ref, count: all.length, names: all, deadline: call.deadline }) }]];
  if (delivery.direct.length > 0) body.push([{ text: v.t('call.published-direct', { names: delivery.direct.map(names) }) }]);
  if (delivery.failed.length > 0) body.push([{ text: v.t('call.not-delivered', { names: delivery.failed.map(names) }) }]);
  return noticeCard(v.t('call.published-title', { ref: call.ref }), body, delivery.failed.length > 0 ? 'warning' : 'success');
}

/**
 * Why: publishes the call once (checked, routed, saved), then delivers its cards; a card that
 * cannot be delivered is named in the publisher's answer and never undoes the call. Refusals
 * name the field at fault (the first, in the form's order) and publish nothing.
 */
export async function publishCall(base: BotDeps, input: CallInput): Promise<{ call: CallForInput; delivery: CallDelivery; reply: NeutralCard }> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, input.actor);
  const mandate = chooseMandate(await publishingMandates(deps, person), input.mandateKey);
  const now = deps.clock.now();
  const checked = checkCallForm(input, { mandate, now });
  if (!checked.ok) {
    const field = CALL_FIELDS.find((f) => checked.errors[f])!;
    throw refusal('invalid-input', checked.errors[field]!, { field });
  }
  const recipients = await routed(deps, checked.value.topics);
  if (recipients.length === 0) throw refusal('invalid-input', { key: 'call.no-companies' }, { field: 'topics' });
  const ref = await deps.calls.nextRef(DateTime.fromJSDate(now, { zone: 'Europe/Zurich' }).year);
  const call: CallForInput = {
    ref,
    mandateKey: mandate.key,
    ...checked.value,
    published: { at: now, by: person.key },
    recipients,
    answers: {},
    history: [],
  };
  // On the agenda before it exists, held for a lease while this instance posts its cards: if the
  // process stops in between, a sweep posts them after the lease, and no sweep posts them meanwhile.
  const entry = await deps.schedule.lower(ref, new Date(now.getTime() + deps.delivery.leaseMs));
  await deps.calls.create(call);
  deps.logger.info({ ref, mandateKey: mandate.key, companies: recipients.length }, 'call for input published');
  const run = await deliverCallNow(deps, ref, undefined, entry, true);
  const ctx = run.ctx ?? (await loadCallContext(deps, call));
  const delivery = run.delivery ?? { call: ctx.call, inChannel: [], direct: [], failed: ctx.call.recipients.map((r) => r.companyKey) };
  const names = (key: string) => ctx.companies.get(key)?.name ?? key;
  return { call: delivery.call, delivery, reply: summary(delivery, names, personVoice(deps, person)) };
}

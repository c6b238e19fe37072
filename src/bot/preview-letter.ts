/**
 * Use case: a mandate team member previews a letter in a company's bound channel.
 * The letter is saved first, together with the plan to publish it (its root card,
 * the owners' mention in its thread and their direct messages, the admins' alert when
 * nobody is on file); then that plan is carried out at once by the same durable
 * machinery as reminders, so an outage only delays it, and the person is told the truth.
 */
import { DateTime } from 'luxon';
import type { PreLetterError } from '../domain/errors';
import { resolveRouting } from '../domain/routing';
import { CHANNEL_RECIPIENT, deliveryKey, isPosted, ONCE } from '../domain/schedule';
import type { ChannelBinding, Company, Letter, LetterType, Mandate, Person, PlatformIdentity } from '../domain/types';
import { resolveActor } from './actor';
import type { DeliveryOutcome } from './claims';
import { deliverNewLetter, type NewLetterDelivery } from './deliver-letter';
import { inUnitOfWork, type BotDeps } from './deps';
import { withDirectory, type LetterContext } from './letter-context';
import { refusal, type Voice } from './messages/catalogue';
import { personVoice } from './voices';
import { noticeCard } from './views/notice-card';
import type { NeutralCard } from './ports';

/** The longest summary a preview may carry: a preview is a heads-up, not the letter itself. */
export const SUMMARY_MAX_LENGTH = 1500;

/** What the preview form collected, already validated at the adapter's edge. */
export interface PreviewInput {
  actor: PlatformIdentity;
  channel: ChannelBinding;
  type: LetterType;
  topics: string[];
  summary: string;
  urgent: boolean;
  expectedFormalDate?: string;
  mandateKey?: string;
}

/** Choices for the preview form, so it only offers what this person and channel allow, in their language. */
export interface PreviewFormOptions {
  /** The person's directory locale: the form is written in their language. */
  locale?: string;
  company: { key: string; name: string };
  mandates: Array<{ key: string; title: string }>;
  topics: string[];
}

async function boundCompany(deps: BotDeps, channel: ChannelBinding): Promise<Company> {
  const company = await deps.directory.findCompanyByChannel(channel);
  if (!company) {
    throw refusal('not-bound', { key: 'preview.not-bound' }, { platform: channel.platform, channelId: channel.channelId });
  }
  return company;
}

async function teamMandates(deps: BotDeps, person: Person): Promise<Mandate[]> {
  const mandates = await deps.directory.mandatesOfPerson(person.key);
  if (mandates.length === 0) {
    throw refusal('forbidden', { key: 'preview.not-team' }, { personKey: person.key });
  }
  return mandates;
}

/**
 * Checks the person and the channel before a form is shown, so nobody fills in a form
 * that cannot be used. The person first: a company's people, who may type the command in
 * the channel they share (perhaps from their own workspace), are told that only the
 * mandate team previews letters, which is the real reason, rather than anything about the channel.
 */
export async function previewFormOptions(
  deps: BotDeps,
  actor: PlatformIdentity,
  channel: ChannelBinding,
): Promise<PreviewFormOptions> {
  deps = inUnitOfWork(deps);
  const person = await resolveActor(deps, actor);
  const mandates = await teamMandates(deps, person);
  const company = await boundCompany(deps, channel);
  const topics = offeredTopics(mandates, company);
  if (topics.length === 0) {
    throw refusal('invalid-input', { key: 'preview.no-topics', company: company.name }, { companyKey: company.key, field: 'topics' });
  }
  return {
    ...(person.locale ? { locale: person.locale } : {}),
    company: { key: company.key, name: company.name },
    mandates: mandates.map((m) => ({ key: m.key, title: m.title })),
    topics,
  };
}

/** The longest topic a form can offer: Slack's limit for an option's text. */
export const MAX_TOPIC_LENGTH = 150;

/**
 * Why: a topic every form can show and send back unchanged. Slack cuts option texts
 * after 150 characters, and Teams returns a multi-select as one comma-separated string.
 * The directory import refuses other topics; older directories may still hold some.
 */
export function isFormTopic(topic: string): boolean {
  return topic.length > 0 && topic.length <= MAX_TOPIC_LENGTH && !topic.includes(',');
}

/** The topics a preview may carry: its mandates' and the company's routes' that every form can show. */
function offeredTopics(mandates: Mandate[], company: Company): string[] {
  const topics = new Set<string>();
  for (const m of mandates) m.topics.forEach((t) => topics.add(t));
  for (const r of company.routes) r.topics.forEach((t) => topics.add(t));
  return [...topics].filter(isFormTopic).sort();
}

/** The most topics one preview may carry. */
export const MAX_TOPICS = 20;

/**
 * The forms only offer the directory's topics, but their answers travel through the
 * person's client: a topic that was not offered is refused here, naming the field.
 */
function checkTopics(topics: string[], mandates: Mandate[], company: Company): void {
  const offered = new Set(offeredTopics(mandates, company));
  const unknown = topics.find((t) => !offered.has(t));
  if (topics.length === 0 || topics.length > MAX_TOPICS || unknown !== undefined) {
    const shown = unknown === undefined ? {} : { unknown: `${[...unknown].slice(0, 40).join('')}${[...unknown].length > 40 ? '…' : ''}` };
    throw refusal('invalid-input', { key: 'preview.topics', company: company.name, max: MAX_TOPICS, ...shown }, { field: 'topics' });
  }
}

function chooseMandate(mandates: Mandate[], key: string | undefined): Mandate {
  if (key) {
    const chosen = mandates.find((m) => m.key === key);
    if (!chosen) {
      throw refusal('forbidden', { key: 'preview.not-your-mandate' }, { mandateKey: key });
    }
    return chosen;
  }
  if (mandates.length > 1) {
    throw refusal('invalid-input', { key: 'preview.which-mandate' }, { field: 'mandate' });
  }
  return mandates[0]!;
}

/**
 * The channel's company and the person, read at once; when both are wrong, the
 * channel is named first, as when they were read one after the other.
 */
async function companyAndPerson(deps: BotDeps, channel: ChannelBinding, actor: PlatformIdentity): Promise<[Company, Person]> {
  const [company, person] = await Promise.allSettled([boundCompany(deps, channel), resolveActor(deps, actor)]);
  if (company.status === 'rejected') throw company.reason;
  if (person.status === 'rejected') throw person.reason;
  return [company.value, person.value];
}

/**
 * Opens a letter from a bound channel and answers the person privately with what happened.
 * The answer comes from what publishing it just did; only what that run did not make
 * itself (another instance took a step, or the run failed) is read back.
 */
export async function previewLetter(base: BotDeps, input: PreviewInput): Promise<{ letter: Letter; reply: NeutralCard }> {
  // One unit of work: what is read here (the person, the channel's company, the mandates) answers publishing's lookups too.
  const deps = inUnitOfWork(base);
  const [company, person] = await companyAndPerson(deps, input.channel, input.actor);
  const v = personVoice(deps, person, company);
  const mandates = await teamMandates(deps, person);
  const mandate = chooseMandate(mandates, input.mandateKey);
  checkTopics(input.topics, mandates, company);
  const now = deps.clock.now();
  const urgent = input.urgent || input.type === 'UA';
  const routing = resolveRouting(company, input.topics, urgent);
  const year = DateTime.fromJSDate(now, { zone: mandate.timeZone }).year;
  const ref = await deps.letters.nextRef(year);
  const letter: Letter = {
    ref,
    type: input.type,
    urgent,
    mandateKey: mandate.key,
    companyKey: company.key,
    topics: input.topics,
    summary: input.summary,
    ...(input.expectedFormalDate ? { expectedFormalDate: input.expectedFormalDate } : {}),
    routing,
    channel: input.channel,
    ...mirrorOf(mandate, input.channel),
    previewed: { at: now, by: person.key },
    threads: [],
    audit: [
      { at: now, by: person.key, action: 'previewed', detail: input.type },
      { at: now, by: 'system', action: 'routed', detail: routing.unrouted ? 'unrouted' : routing.owners.join(',') },
    ],
  };
  const entry = await deps.letters.create(letter);
  deps.logger.info({ ref, companyKey: company.key, mandateKey: mandate.key, unrouted: routing.unrouted }, 'letter previewed');
  const rootKey = deliveryKey(ref, 'post-root', ONCE, CHANNEL_RECIPIENT);
  let delivered: NewLetterDelivery | undefined;
  try {
    delivered = await deliverNewLetter(deps, await withDirectory(deps, letter), entry);
  } catch (err) {
    // Saved and planned: the scheduler carries on from here. The answer below says where it stands.
    deps.logger.warn({ ref, code: (err as PreLetterError).code ?? 'internal' }, 'publishing the new letter did not finish');
  }
  try {
    // This run's own outcome for the root card is the truth about it; without one, read the letter.
    const ctx = delivered?.outcomes.has(rootKey) ? delivered.ctx : await withDirectory(deps, (await deps.letters.get(ref)) ?? letter);
    const reply = await previewReply(deps, ctx, company, v, delivered?.report.failures[rootKey], delivered?.outcomes);
    return { letter: ctx.letter, reply };
  } catch (err) {
    // The letter is saved: whatever fails now must not reach the person as "nothing was changed".
    deps.logger.warn({ ref, code: (err as PreLetterError).code ?? 'internal' }, 'new letter saved, but where it stands could not be read back');
    return { letter, reply: notConfirmedCard(letter, v) };
  }
}

/**
 * Owners whose direct message has not gone out (no account here, or still being retried):
 * known from the outcomes of the run that just made them, else read from their records.
 */
async function unreachedOwners(deps: BotDeps, ctx: LetterContext, made?: ReadonlyMap<string, DeliveryOutcome>): Promise<{ lost: string[]; later: string[] }> {
  const lost: string[] = [];
  const later: string[] = [];
  for (const key of ctx.letter.routing.owners) {
    const dmKey = deliveryKey(ctx.letter.ref, 'owner-dm', ONCE, key);
    const status = made?.get(dmKey) ?? (await deps.deliveries.get(dmKey).catch(() => null))?.status;
    const name = ctx.people.get(key)?.name ?? key;
    if (status === 'failed') lost.push(name);
    else if (status !== 'sent') later.push(name);
  }
  return { lost, later };
}

/** A saved letter whose card may or may not be in its channel yet (no answer, or its record failed): only what is known is said. */
function notConfirmedCard(letter: Letter, v: Voice): NeutralCard {
  return noticeCard(v.t('preview.saved-title', { ref: letter.ref }), v.t('preview.not-confirmed', { ref: letter.ref }), 'warning');
}

/** What the person is told, in their words: exactly where the letter stands, including what is still to come. */
async function previewReply(
  deps: BotDeps,
  ctx: LetterContext,
  company: Company,
  v: Voice,
  failure?: { code: string; reason?: string },
  made?: ReadonlyMap<string, DeliveryOutcome>,
): Promise<NeutralCard> {
  const { letter } = ctx;
  const { ref } = letter;
  const platform = letter.channel?.platform ?? 'slack';
  if (!isPosted(letter) && failure?.reason === 'no-access') {
    return noticeCard(v.t('preview.saved-title', { ref }), v.t('preview.no-access', { ref, platform }), 'warning');
  }
  // Only a platform that answered "no" proves the card is not there. No answer (a timeout), a
  // server error, a failure after the post, or a post still in another instance's hands may
  // each have put it in the channel already: then say only what is known.
  const refused = failure?.code === 'platform' && failure.reason !== 'unreachable';
  if (!isPosted(letter) && refused) {
    return noticeCard(v.t('preview.saved-title', { ref }), v.t('preview.refused', { ref, platform }), 'warning');
  }
  if (!isPosted(letter)) return notConfirmedCard(letter, v);
  const owners = letter.routing.owners.map((k) => ctx.people.get(k)?.name ?? k);
  const lines = letter.routing.unrouted
    ? [v.t('preview.unrouted', { ref, company: company.name, topics: letter.topics })]
    : [v.t('preview.open', { ref, names: owners })];
  const { lost, later } = await unreachedOwners(deps, ctx, made);
  if (lost.length > 0) lines.push(v.t('preview.dm-lost', { names: lost }));
  if (later.length > 0) lines.push(v.t('preview.dm-later', { names: later }));
  const tone = letter.routing.unrouted || lost.length + later.length > 0 ? 'warning' : 'success';
  return noticeCard(v.t('preview.opened-title', { ref }), lines.map((text) => [{ text }]), tone);
}

/**
 * Why: the bridge's one decision, made at the preview: a mandate with its own channel on the
 * other platform than the company's gets the letter mirrored there.
 */
export function mirrorOf(mandate: Mandate, channel: ChannelBinding): { mirror?: ChannelBinding } {
  return mandate.channel && mandate.channel.platform !== channel.platform ? { mirror: mandate.channel } : {};
}

/**
 * Use case: a mandate team member previews a letter in a company's bound channel.
 * The letter is saved first (nothing is lost), then posted, the owners mentioned in
 * its thread and direct-messaged; an unrouted letter is flagged and admins alerted.
 */
import { DateTime } from 'luxon';
import { PreLetterError } from '../domain/errors';
import { resolveRouting } from '../domain/routing';
import type { ChannelBinding, Company, Letter, LetterType, Mandate, Person, PlatformIdentity } from '../domain/types';
import { identityOn, resolveActor } from './actor';
import type { BotDeps } from './deps';
import { joinNames } from './format';
import { withDirectory, type LetterContext } from './letter-context';
import { previewDirectCard, threadIntroSegments, unroutedAlertCard } from './views/preview-cards';
import { letterCard } from './views/letter-card';
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

/** Choices for the preview form, so it only offers what this person and channel allow. */
export interface PreviewFormOptions {
  company: { key: string; name: string };
  mandates: Array<{ key: string; title: string }>;
  topics: string[];
}

async function boundCompany(deps: BotDeps, channel: ChannelBinding): Promise<Company> {
  const company = await deps.directory.findCompanyByChannel(channel);
  if (!company) {
    throw new PreLetterError(
      'not-bound',
      "This channel is not bound to a company in the PreLetter directory, so nothing was created. Preview the letter in the channel you share with the company, or ask your PreLetter admin to bind this channel.",
      { platform: channel.platform, channelId: channel.channelId },
    );
  }
  return company;
}

async function teamMandates(deps: BotDeps, person: Person): Promise<Mandate[]> {
  const mandates = await deps.directory.mandatesOfPerson(person.key);
  if (mandates.length === 0) {
    throw new PreLetterError(
      'forbidden',
      'Only members of a mandate team can preview letters. If you support a mandate, ask your PreLetter admin to add you to its team.',
      { personKey: person.key },
    );
  }
  return mandates;
}

/** Checks the channel and the person before a form is shown, so nobody fills in a form that cannot be used. */
export async function previewFormOptions(
  deps: BotDeps,
  actor: PlatformIdentity,
  channel: ChannelBinding,
): Promise<PreviewFormOptions> {
  const company = await boundCompany(deps, channel);
  const person = await resolveActor(deps, actor);
  const mandates = await teamMandates(deps, person);
  const topics = new Set<string>();
  for (const m of mandates) m.topics.forEach((t) => topics.add(t));
  for (const r of company.routes) r.topics.forEach((t) => topics.add(t));
  return {
    company: { key: company.key, name: company.name },
    mandates: mandates.map((m) => ({ key: m.key, title: m.title })),
    topics: [...topics].sort(),
  };
}

function chooseMandate(mandates: Mandate[], key: string | undefined): Mandate {
  if (key) {
    const chosen = mandates.find((m) => m.key === key);
    if (!chosen) {
      throw new PreLetterError('forbidden', "You are not on the team of the mandate you chose, so nothing was created. Choose one of your own mandates.", { mandateKey: key });
    }
    return chosen;
  }
  if (mandates.length > 1) {
    throw new PreLetterError('invalid-input', 'Mandate: you are on several mandate teams, so choose which mandate this letter comes from.', {});
  }
  return mandates[0]!;
}

/** Posts the root card, the owners' mentions and their direct messages; returns who could not be reached. */
async function publish(deps: BotDeps, ctx: LetterContext, channel: ChannelBinding): Promise<string[]> {
  const platform = deps.platforms[channel.platform];
  const now = deps.clock.now();
  const log = deps.logger.child({ ref: ctx.letter.ref, platform: channel.platform });
  if (!platform) throw new PreLetterError('unavailable', `${ctx.letter.ref} is saved, but this chat platform is not connected right now.`, {});
  const root = await platform.postRoot(channel, letterCard(ctx, deps.policy, now));
  const thread = { platform: channel.platform, channel, threadRef: root.threadRef, rootMessageRef: root.messageRef };
  await deps.letters.addThread(ctx.letter.ref, thread, { at: now, by: 'system', action: 'posted', detail: channel.platform });
  await platform.postInThread(root.threadRef, noticeCard('Routing', threadIntroSegments(ctx, channel.platform)));
  const link = await platform.threadLink(root.threadRef);
  const unreached: string[] = [];
  const notify = async (person: Person, card: NeutralCard) => {
    const identity = identityOn(person, channel.platform);
    if (!identity) return void unreached.push(person.name);
    try {
      await platform.sendDirect(identity, { ...card, threadLink: link });
    } catch (err) {
      log.warn({ personKey: person.key, code: (err as PreLetterError).code }, 'direct message failed');
      unreached.push(person.name);
    }
  };
  for (const key of ctx.letter.routing.owners) {
    const person = ctx.people.get(key);
    if (person) await notify(person, previewDirectCard(ctx, deps.policy, now));
  }
  if (ctx.letter.routing.unrouted) {
    for (const admin of await deps.directory.listAdmins()) await notify(admin, unroutedAlertCard(ctx));
    await deps.letters.appendAudit(ctx.letter.ref, { at: now, by: 'system', action: 'unrouted-alert' });
  }
  return unreached;
}

/** Opens a letter from a bound channel and answers the person privately with what happened. */
export async function previewLetter(deps: BotDeps, input: PreviewInput): Promise<{ letter: Letter; reply: NeutralCard }> {
  const company = await boundCompany(deps, input.channel);
  const person = await resolveActor(deps, input.actor);
  const mandate = chooseMandate(await teamMandates(deps, person), input.mandateKey);
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
    expectedFormalDate: input.expectedFormalDate,
    routing,
    previewed: { at: now, by: person.key },
    threads: [],
    audit: [
      { at: now, by: person.key, action: 'previewed', detail: input.type },
      { at: now, by: 'system', action: 'routed', detail: routing.unrouted ? 'unrouted' : routing.owners.join(',') },
    ],
  };
  await deps.letters.create(letter);
  deps.logger.info({ ref, companyKey: company.key, mandateKey: mandate.key, unrouted: routing.unrouted }, 'letter previewed');
  const ctx = await withDirectory(deps, letter);
  let unreached: string[];
  try {
    unreached = await publish(deps, ctx, input.channel);
  } catch (err) {
    deps.logger.error({ ref, code: (err as PreLetterError).code }, 'letter saved but not posted');
    throw new PreLetterError(
      'platform',
      `${ref} is saved, but I could not post it in this channel. Nothing is lost: try \`/preletter status ${ref}\` in a minute, and tell your PreLetter admin if it is still not posted.`,
      { ref },
      { cause: err },
    );
  }
  return { letter, reply: previewReply(ctx, company, unreached) };
}

function previewReply(ctx: LetterContext, company: Company, unreached: string[]): NeutralCard {
  const { letter } = ctx;
  const owners = joinNames(letter.routing.owners.map((k) => ctx.people.get(k)?.name ?? k));
  const lines = letter.routing.unrouted
    ? [`${letter.ref} is saved and posted, but nobody at ${company.name} is on file for ${letter.topics.join(', ')}. The PreLetter admins have been alerted; the letter waits in this channel until someone acknowledges it.`]
    : [`${letter.ref} is open in this channel and routed to ${owners}.`];
  if (unreached.length > 0) lines.push(`I could not send a direct message to ${joinNames(unreached)}; they will still see the mention in the thread.`);
  return noticeCard(`Preview ${letter.ref} opened`, lines.map((text) => [{ text }]), letter.routing.unrouted ? 'warning' : 'success');
}

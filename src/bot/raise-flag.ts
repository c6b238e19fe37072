/**
 * Use case: a company's person raises an issue with the Special Procedures (a flag). It is
 * routed by topic to the mandates that cover it (src/domain/flag.ts), posted in each such
 * mandate's own channel (or sent to its team by direct message when it has none), or sent to
 * the admins when no mandate covers it; the person is told privately where it went.
 * Confidential, mirrored from letters: the company and the mandates it went to only.
 */
import { DateTime } from 'luxon';
import { routeFlag, type Flag } from '../domain/flag';
import { PreLetterError } from '../domain/errors';
import type { ChannelBinding, Company, Mandate, Person, PlatformIdentity } from '../domain/types';
import { errorDetails } from '../logger';
import { identityOn, resolveActor } from './actor';
import { inUnitOfWork, type BotDeps } from './deps';
import { flagCompany } from './flag-form';
import { refusal } from './messages/catalogue';
import type { NeutralCard } from './ports';
import { flagCard } from './views/flag-card';
import { SUMMARY_MAX_LENGTH } from './preview-letter';
import { channelVoice, personVoice } from './voices';
import { noticeCard } from './views/notice-card';

/** What a company's person said about the issue; the adapter read it at its edge. */
export interface FlagInput {
  actor: PlatformIdentity;
  /** Where it was asked for: the company's bound channel names the company; anywhere else, the person's only company. */
  channel?: ChannelBinding;
  topics: string[];
  summary: string;
  mandateKey?: string;
  urgent: boolean;
}

/**
 * Why: each routed mandate gets the flag where its team works: its own channel (in the
 * company's language and the mandate's zone, as a letter's channel card), else each member
 * directly, in their own words; each with the Acknowledge button. The admins' copy has none.
 */
async function deliver(deps: BotDeps, flag: Flag, company: Company, raisedBy: string, mandates: Mandate[]): Promise<Flag> {
  let current = flag;
  const directly = async (people: Person[], actionable: boolean) => {
    for (const person of people) {
      const platform = (['slack', 'teams'] as const).find((p) => deps.platforms[p] && identityOn(person, p));
      if (!platform) continue;
      await deps.platforms[platform]!.sendDirect(identityOn(person, platform)!, flagCard(current, company, raisedBy, personVoice(deps, person, company), { actionable }));
    }
  };
  for (const mandate of mandates) {
    try {
      const channel = mandate.channel;
      const platform = channel ? deps.platforms[channel.platform] : undefined;
      if (channel && platform) {
        const root = await platform.postRoot(channel, flagCard(current, company, raisedBy, channelVoice({ company, mandate })), current.ref);
        const thread = { platform: channel.platform, channel, threadRef: root.threadRef, rootMessageRef: root.messageRef, ...(root.threadKey ? { threadKey: root.threadKey } : {}) };
        current = (await deps.flags.addThread(current.ref, thread)) ?? current;
      } else {
        await directly(await deps.directory.getPeople(mandate.team), true);
      }
    } catch (err) {
      deps.logger.warn({ ref: flag.ref, mandateKey: mandate.key, code: (err as PreLetterError).code, ...errorDetails(err) }, 'flag delivery failed');
    }
  }
  if (flag.routing.toAdmins) await directly(await deps.directory.listAdmins(), false).catch((err: unknown) => deps.logger.warn({ ref: flag.ref, ...errorDetails(err) }, 'flag delivery to admins failed'));
  return current;
}

/** Why: raises the flag once, routes and delivers it, and answers the person privately with where it went. */
export async function raiseFlag(base: BotDeps, input: FlagInput): Promise<{ flag: Flag; reply: NeutralCard }> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, input.actor);
  const { company, channel } = await flagCompany(deps, person, input.channel);
  const v = personVoice(deps, person, company);
  const topics = [...new Set(input.topics.map((t) => t.trim()).filter(Boolean))];
  if (topics.length === 0) throw refusal('invalid-input', { key: 'flag.no-topic' }, { field: 'topics' });
  const summary = input.summary.trim();
  if (summary === '' || summary.length > SUMMARY_MAX_LENGTH) throw refusal('invalid-input', { key: 'flag.no-summary', max: SUMMARY_MAX_LENGTH }, { field: 'summary' });
  const mandates = await deps.directory.listMandates();
  const routing = routeFlag(mandates, topics, input.mandateKey);
  const now = deps.clock.now();
  const ref = await deps.flags.nextRef(DateTime.fromJSDate(now, { zone: 'Europe/Zurich' }).year);
  const flag: Flag = {
    ref,
    companyKey: company.key,
    topics,
    summary,
    ...(input.mandateKey ? { mandateKey: input.mandateKey } : {}),
    urgent: input.urgent,
    routing,
    ...(channel ? { channel } : {}),
    raised: { at: now, by: person.key },
    threads: [],
  };
  await deps.flags.create(flag);
  deps.logger.info({ ref, companyKey: company.key, mandates: routing.mandateKeys.length, toAdmins: routing.toAdmins }, 'flag raised');
  const routed = mandates.filter((m) => routing.mandateKeys.includes(m.key));
  const delivered = await deliver(deps, flag, company, person.name, routed);
  const to = v.list(routed.map((m) => m.title));
  const text = routing.toAdmins ? [{ text: v.t('flag.to-admins', { ref }) }] : v.t('flag.raised', { ref, to });
  return { flag: delivered, reply: noticeCard(v.t('flag.raised-title', { ref }), [text], 'success') };
}

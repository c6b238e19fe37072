/**
 * Use case: a company's person raises an issue with the Special Procedures (a flag). It is
 * routed by topic to the mandates that cover it (src/domain/flag.ts), posted in each such
 * mandate's own channel (or sent to its team by direct message when it has none), or sent to
 * the admins when no mandate covers it; the person is told privately where it went.
 * Confidential, mirrored from letters: the company and the mandates it went to only.
 */
import { DateTime } from 'luxon';
import { routeFlag, type Flag } from '../domain/flag';
import type { ChannelBinding, PlatformIdentity } from '../domain/types';
import { errorDetails } from '../logger';
import { resolveActor } from './actor';
import { deliverFlag } from './deliver-flag';
import { inUnitOfWork, type BotDeps } from './deps';
import { flagCompany } from './flag-form';
import { refusal } from './messages/catalogue';
import type { NeutralCard } from './ports';
import { SUMMARY_MAX_LENGTH } from './preview-letter';
import { personVoice } from './voices';
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
  // On the agenda before it exists: if this process stops in between, a sweep still delivers it.
  const entry = await deps.schedule.lower(ref, now);
  await deps.flags.create(flag);
  deps.logger.info({ ref, companyKey: company.key, mandates: routing.mandateKeys.length, toAdmins: routing.toAdmins }, 'flag raised');
  const made = await deliverFlag(deps, ref, undefined, entry).catch((err: unknown) => {
    deps.logger.warn({ ref, ...errorDetails(err) }, 'flag delivery deferred to the sweep');
    return undefined;
  });
  const routed = mandates.filter((m) => routing.mandateKeys.includes(m.key));
  const to = v.list(routed.map((m) => m.title));
  const text = routing.toAdmins ? [{ text: v.t('flag.to-admins', { ref }) }] : v.t('flag.raised', { ref, to });
  const waiting = !made || [...made.outcomes.values()].some((o) => o !== 'sent');
  const body = waiting ? [text, v.t('flag.delayed')] : [text];
  return { flag: made?.flag ?? flag, reply: noticeCard(v.t('flag.raised-title', { ref }), body, 'success') };
}

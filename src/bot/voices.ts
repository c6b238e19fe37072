/**
 * Who reads a card decides its language and clock: a person reads in their directory
 * locale and zone; a channel post reads in the company's language and the mandate's
 * zone (the zone the deadline is kept in, named on every moment).
 */
import type { Company, Person, PlatformIdentity } from '../domain/types';
import type { BotDeps } from './deps';
import type { LetterContext } from './letter-context';
import { voiceFor, type Voice } from './messages/catalogue';

/** Why: a person's words: their locale, and their zone, else their company's, else the configured default. */
export function personVoice(deps: Pick<BotDeps, 'policy'>, person: Pick<Person, 'locale' | 'timeZone'> | undefined, company?: Pick<Company, 'timeZone'>): Voice {
  return voiceFor({ locale: person?.locale, zone: person?.timeZone ?? company?.timeZone ?? deps.policy.defaultTimeZone });
}

/** Why: a post everyone in the company's channel reads: the company's language, the mandate's zone. */
export function channelVoice(ctx: Pick<LetterContext, 'company' | 'mandate'>): Voice {
  return voiceFor({ locale: ctx.company.locale, zone: ctx.mandate.timeZone });
}

/**
 * Why: the voice for whoever a turn answers, found from their platform account; a
 * stranger, or a directory that cannot be read, gets `fallbackLocale` (what their client
 * said, when it says) and the default zone, so even a failure is told in words they read.
 */
export async function voiceOfAccount(deps: BotDeps, identity: PlatformIdentity | undefined, fallbackLocale?: string): Promise<Voice> {
  const person = identity ? await deps.directory.findPersonByIdentity(identity).catch(() => null) : null;
  return person ? personVoice(deps, person) : voiceFor({ locale: fallbackLocale, zone: deps.policy.defaultTimeZone });
}

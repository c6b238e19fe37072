/**
 * Use case: a mandate team member acknowledges a flag sent to their mandate. One
 * acknowledgement per flag, kept by the database whoever races; the person who raised it
 * is told, in their own words, who acknowledged it for which mandate. Someone who may not
 * know the flag exists is answered as for an unknown reference.
 */
import type { Flag } from '../domain/flag';
import type { Person, PlatformIdentity } from '../domain/types';
import { errorDetails } from '../logger';
import { identityOn, resolveActor } from './actor';
import { inUnitOfWork, type BotDeps } from './deps';
import { refusal } from './messages/catalogue';
import type { ActionOutcome } from './letter-action';
import { personVoice } from './voices';
import { noticeCard } from './views/notice-card';

/** Why: who may know a flag exists: its company's listed people, the teams of the mandates it went to, and the admins. */
export async function mayKnowFlag(deps: BotDeps, flag: Flag, person: Person): Promise<boolean> {
  if (person.admin) return true;
  const companies = await deps.directory.companiesOfPerson(person.key);
  if (companies.some((c) => c.key === flag.companyKey)) return true;
  const mandates = await deps.directory.mandatesOfPerson(person.key);
  return mandates.some((m) => flag.routing.mandateKeys.includes(m.key));
}

async function tellRaiser(deps: BotDeps, flag: Flag, by: Person, mandateTitle: string | undefined): Promise<void> {
  const raiser = await deps.directory.getPerson(flag.raised.by);
  const platform = raiser && (['slack', 'teams'] as const).find((p) => deps.platforms[p] && identityOn(raiser, p));
  if (!raiser || !platform) return;
  const v = personVoice(deps, raiser);
  const told = mandateTitle ? v.t('flag.ack-told', { ref: flag.ref, name: by.name, mandate: mandateTitle }) : v.t('flag.ack-told-admins', { ref: flag.ref, name: by.name });
  const card = noticeCard(v.t('flag.ack-title', { ref: flag.ref }), told, 'success');
  await deps.platforms[platform]!.sendDirect(identityOn(raiser, platform)!, card).catch((err: unknown) => {
    deps.logger.warn({ ref: flag.ref, ...errorDetails(err) }, 'flag acknowledgement not told to its raiser');
  });
}

/** Why: records the acknowledgement once; a repeat gets "already acknowledged by …". */
export async function acknowledgeFlag(base: BotDeps, request: { actor: PlatformIdentity; ref: string }): Promise<ActionOutcome> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, request.actor);
  const flag = await deps.flags.get(request.ref);
  if (!flag || !(await mayKnowFlag(deps, flag, person))) throw refusal('not-found', { key: 'flag.not-found', ref: request.ref }, { ref: request.ref });
  const v = personVoice(deps, person);
  const mandate = (await deps.directory.mandatesOfPerson(person.key)).find((m) => flag.routing.mandateKeys.includes(m.key));
  // A flag no mandate covers is the admins' to pass on, so an admin acknowledges it for them all.
  const forAdmins = !mandate && flag.routing.toAdmins && person.admin;
  if (!mandate && !forAdmins) throw refusal('forbidden', { key: 'flag.ack-team-only', ref: flag.ref }, { ref: flag.ref });
  const result = await deps.flags.acknowledge(flag.ref, { at: deps.clock.now(), by: person.key, ...(mandate ? { mandateKey: mandate.key } : {}) });
  if (!result.applied) {
    const by = result.flag?.acknowledged ? ((await deps.directory.getPerson(result.flag.acknowledged.by))?.name ?? result.flag.acknowledged.by) : '';
    return { reply: noticeCard(v.t('flag.ack-title', { ref: flag.ref }), v.t('flag.ack-already', { ref: flag.ref, name: by })), changed: false };
  }
  deps.logger.info({ ref: flag.ref, mandateKey: mandate?.key ?? null }, 'flag acknowledged');
  await tellRaiser(deps, flag, person, mandate?.title);
  return { reply: noticeCard(v.t('flag.ack-title', { ref: flag.ref }), v.t('flag.ack-done', { ref: flag.ref }), 'success'), changed: true };
}

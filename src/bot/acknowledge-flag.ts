/**
 * Use case: a mandate team member acknowledges a flag sent to their mandate, by command
 * (`ack FL-…`) or with the button on the flag's card. One acknowledgement per flag, kept by
 * the database whoever races; every card posted in a mandate's channel then shows who
 * acknowledged it for which mandate, without the button, and the person who raised it is
 * told in their own words. Someone who may not know the flag exists is answered as for an
 * unknown reference.
 */
import type { Flag } from '../domain/flag';
import { PreLetterError } from '../domain/errors';
import { sameChannel } from '../domain/schedule';
import type { Person, Platform, PlatformIdentity } from '../domain/types';
import { errorDetails } from '../logger';
import { resolveActor } from './actor';
import { inUnitOfWork, type BotDeps } from './deps';
import { connectedPlatform, reachPerson } from './reach';
import { refusal, voiceFor, type Voice } from './messages/catalogue';
import type { ActionOutcome } from './letter-action';
import { personVoice } from './voices';
import { flagContext, flagScheduleContext, mandateVoice, type FlagContext } from './deliver-flag';
import { planFlagDeliveries } from '../domain/flag-schedule';
import { flagCard } from './views/flag-card';
import { noticeCard } from './views/notice-card';

/** Why: who may know a flag exists: its company's listed people, the teams of the mandates it went to, and the admins. */
export async function mayKnowFlag(deps: BotDeps, flag: Flag, person: Person): Promise<boolean> {
  if (person.admin) return true;
  const companies = await deps.directory.companiesOfPerson(person.key);
  if (companies.some((c) => c.key === flag.companyKey)) return true;
  const mandates = await deps.directory.mandatesOfPerson(person.key);
  return mandates.some((m) => flag.routing.mandateKeys.includes(m.key));
}

async function tellRaiser(deps: BotDeps, flag: Flag, raiser: Person | null, by: Person, mandateTitle: string | undefined): Promise<void> {
  const target = raiser && reachPerson(deps, raiser);
  if (!raiser || !target) return;
  const v = personVoice(deps, raiser);
  const told = mandateTitle ? v.t('flag.ack-told', { ref: flag.ref, name: by.name, mandate: mandateTitle }) : v.t('flag.ack-told-admins', { ref: flag.ref, name: by.name });
  const card = noticeCard(v.t('flag.ack-title', { ref: flag.ref }), told, 'success');
  await target.platform.sendDirect(target.identity, card).catch((err: unknown) => {
    deps.logger.warn({ ref: flag.ref, ...errorDetails(err) }, 'flag acknowledgement not told to its raiser');
  });
}

/**
 * Why: every copy of the flag's card is updated in place, in the words it was sent in: the
 * card in each mandate's channel, each team member's and admin's direct copy (their delivery
 * records keep where it is), and the copy the person clicked, so nobody is left looking at a
 * button that no longer applies. A failure is logged; it never undoes the acknowledgement.
 */
async function refreshCards(deps: BotDeps, ctx: FlagContext, by: { name: string; mandate?: string }, copy?: FlagCopy): Promise<void> {
  const { flag, company } = ctx;
  const updates: Array<{ platform: Platform; messageRef: string; v: Voice }> = flag.threads.map((thread) => {
    const mandate = [...ctx.mandates.values()].find((m) => m.channel && sameChannel(m.channel, thread.channel));
    const v = mandate ? mandateVoice(mandate, ctx.people) : voiceFor({ locale: company.locale, zone: deps.policy.defaultTimeZone });
    return { platform: thread.platform, messageRef: thread.rootMessageRef, v };
  });
  for (const d of await directCopies(deps, ctx)) updates.push(d);
  // The copy the person clicked is theirs: their words.
  if (copy && !updates.some((u) => u.messageRef === copy.messageRef)) updates.push({ platform: copy.platform, messageRef: copy.messageRef, v: copy.voice });
  for (const { platform: name, messageRef, v } of updates) {
    try {
      const acknowledgedBy = { name: by.name, mandate: by.mandate ?? v.t('flag.admins-title') };
      await connectedPlatform(deps, name, flag.ref).updateMessage(messageRef, flagCard(flag, company, ctx.raisedBy, v, { acknowledgedBy }));
    } catch (err) {
      deps.logger.warn({ ref: flag.ref, platform: name, code: (err as PreLetterError).code, ...errorDetails(err) }, 'flag card update failed');
    }
  }
}

/** The direct copies of the flag's card that were sent (to a team without a channel, or to the admins), found by their delivery keys. */
async function directCopies(deps: BotDeps, ctx: FlagContext): Promise<Array<{ platform: Platform; messageRef: string; v: Voice }>> {
  // The publication's direct deliveries are planned whether or not the flag is acknowledged, at the moment it was raised.
  const sent = planFlagDeliveries(ctx.flag, flagScheduleContext(deps, ctx), ctx.flag.raised.at).filter((p) => p.kind === 'flag-dm' || p.kind === 'flag-admins');
  const records = await Promise.all(sent.map((d) => deps.deliveries.get(d.key)));
  return sent.flatMap((d, i) => {
    const messageRef = records[i]?.messageRef;
    const person = ctx.people.get(d.recipientKey) ?? ctx.admins.find((a) => a.key === d.recipientKey);
    const target = person && reachPerson(deps, person);
    return messageRef && person && target ? [{ platform: target.platform.platform, messageRef, v: personVoice(deps, person) }] : [];
  });
}

/** A copy of the flag's card a person acted on (a direct message), as the adapter names it. */
interface FlagCopy {
  platform: Platform;
  messageRef: string;
  voice: Voice;
}

/** Who acknowledges which flag; `copy` is the card they pressed its button on, when the adapter can name it. */
export interface FlagAckRequest {
  actor: PlatformIdentity;
  ref: string;
  copy?: string;
}

/** Why: records the acknowledgement once; a repeat gets "already acknowledged by …". */
export async function acknowledgeFlag(base: BotDeps, request: FlagAckRequest): Promise<ActionOutcome> {
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
  // One read of what the cards name (the company, the mandates' teams, the raiser, the admins) serves the cards and the raiser's note.
  const ctx = await flagContext(deps, result.flag ?? flag);
  const raiser = ctx ? (ctx.people.get(flag.raised.by) ?? null) : await deps.directory.getPerson(flag.raised.by);
  const copy = request.copy ? { platform: request.actor.platform, messageRef: request.copy, voice: personVoice(deps, person, ctx?.company) } : undefined;
  if (ctx) await refreshCards(deps, ctx, { name: person.name, mandate: mandate?.title }, copy);
  await tellRaiser(deps, flag, raiser, person, mandate?.title);
  return { reply: noticeCard(v.t('flag.ack-title', { ref: flag.ref }), v.t('flag.ack-done', { ref: flag.ref }), 'success'), changed: true };
}

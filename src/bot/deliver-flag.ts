/**
 * Use case: make what is due for one flag, once, through the same claims as letters
 * (src/bot/claims.ts): its card in each routed mandate's channel (or to each of its team),
 * the admins' copy when no mandate covers it, the team's reminders to acknowledge, and the
 * admins told when nobody has. The flag's agenda entry then moves to its next delivery.
 * The sweep runs this for due flags; raising a flag runs it at once.
 */
import type { Flag } from '../domain/flag';
import { nextFlagDueAt, planFlagDeliveries, type FlagScheduleContext } from '../domain/flag-schedule';
import { PreLetterError } from '../domain/errors';
import { sameChannel, type PlannedDelivery } from '../domain/schedule';
import type { Company, Mandate, Person } from '../domain/types';
import { identityOn } from './actor';
import { DeliveryClaims, emptyReport, type DeliveryOutcome, type DeliveryReport } from './claims';
import type { BotDeps } from './deps';
import { postedThread, reachPerson } from './reach';
import { voiceFor, type Voice } from './messages/catalogue';
import type { NeutralCard, Segment } from './ports';
import type { ScheduleEntry } from './repositories';
import { flagCard } from './views/flag-card';
import { noticeCard } from './views/notice-card';
import { personVoice } from './voices';

/** The flag and the directory entries its deliveries read, read once per run. */
export interface FlagContext {
  flag: Flag;
  company: Company;
  raisedBy: string;
  mandates: Map<string, Mandate>;
  people: Map<string, Person>;
  admins: Person[];
}

/** Why: a mandate's channel reads in its holder's language (the first of its team) and the mandate's zone. */
export function mandateVoice(mandate: Mandate, people: ReadonlyMap<string, Person>): Voice {
  return voiceFor({ locale: people.get(mandate.team[0] ?? '')?.locale, zone: mandate.timeZone });
}

/** Why: reads what a flag's deliveries need; null when its company is gone from the directory. */
export async function flagContext(deps: BotDeps, flag: Flag): Promise<FlagContext | null> {
  const company = await deps.directory.getCompany(flag.companyKey);
  if (!company) return null;
  const mandates = new Map<string, Mandate>();
  for (const key of flag.routing.mandateKeys) {
    const mandate = await deps.directory.getMandate(key);
    if (mandate) mandates.set(key, mandate);
  }
  const keys = [...new Set([flag.raised.by, ...[...mandates.values()].flatMap((m) => m.team)])];
  const people = new Map((await deps.directory.getPeople(keys)).map((p) => [p.key, p]));
  const admins = await deps.directory.listAdmins();
  return { flag, company, raisedBy: people.get(flag.raised.by)?.name ?? flag.raised.by, mandates, people, admins };
}

/** Why: the flag's plan reads the directory entries its run already holds. */
export function flagScheduleContext(deps: BotDeps, ctx: FlagContext): FlagScheduleContext {
  return { policy: deps.policy, mandates: ctx.mandates, adminKeys: ctx.admins.map((a) => a.key) };
}

function mandateOf(ctx: FlagContext, d: PlannedDelivery): Mandate {
  const key = d.step.includes('@') ? d.step.slice(d.step.indexOf('@') + 1) : d.recipientKey;
  const mandate = ctx.mandates.get(key);
  if (!mandate) throw new PreLetterError('not-found', 'The mandate is no longer in the directory.', { ref: ctx.flag.ref, mandateKey: key });
  return mandate;
}

/** Direct-messages one person on the first platform they and this instance share; returns the message's ref. */
async function direct(deps: BotDeps, ctx: FlagContext, person: Person | undefined, card: (v: Voice) => NeutralCard): Promise<string> {
  const target = person && reachPerson(deps, person);
  if (!person || !target) throw new PreLetterError('not-found', 'This person has no chat account PreLetter can message.', { ref: ctx.flag.ref });
  return target.platform.sendDirect(target.identity, card(personVoice(deps, person)));
}

function personOf(ctx: FlagContext, key: string): Person | undefined {
  return ctx.people.get(key) ?? ctx.admins.find((a) => a.key === key);
}

/** Posts the flag's card in the mandate's channel (after an unknown outcome, finds the card it may have left first). */
async function postInChannel(deps: BotDeps, ctx: FlagContext, mandate: Mandate, attempts: number): Promise<Flag> {
  const channel = mandate.channel!;
  const platform = deps.platforms[channel.platform];
  if (!platform) throw new PreLetterError('platform', 'The mandate channel\'s platform is not connected.', { ref: ctx.flag.ref, reason: 'unreachable' });
  const card = flagCard(ctx.flag, ctx.company, ctx.raisedBy, mandateVoice(mandate, ctx.people));
  const found = attempts > 1 && platform.findRoot ? await platform.findRoot(channel, ctx.flag.ref, ctx.flag.raised.at) : undefined;
  const root = found ?? (await platform.postRoot(channel, card, ctx.flag.ref));
  const thread = postedThread(channel, root);
  return (await deps.flags.addThread(ctx.flag.ref, thread)) ?? { ...ctx.flag, threads: [...ctx.flag.threads, thread] };
}

function reminderCard(ctx: FlagContext, v: Voice, who: Segment[]): NeutralCard {
  const { flag } = ctx;
  return noticeCard(v.t('flag.reminder-title', { ref: flag.ref }), [v.t('flag.reminder', { ref: flag.ref, company: ctx.company.name, since: flag.raised.at, who })], 'warning');
}

/** A reminder in the mandate's thread names its team with real mentions on the thread's platform. */
function teamMentions(ctx: FlagContext, mandate: Mandate): Segment[] {
  const platform = mandate.channel!.platform;
  return mandate.team.flatMap((key, i) => {
    const person = ctx.people.get(key);
    const identity = person && identityOn(person, platform);
    const sep: Segment[] = i > 0 ? [{ text: ', ' }] : [];
    return identity ? [...sep, { mention: identity, name: person.name }] : [];
  });
}

/** Makes one delivery; returns the flag as it is afterwards and the copy of the card it left, if any. */
async function send(deps: BotDeps, ctx: FlagContext, d: PlannedDelivery, attempts: number): Promise<{ flag: Flag; messageRef?: string }> {
  const { flag } = ctx;
  const card = (v: Voice) => flagCard(flag, ctx.company, ctx.raisedBy, v);
  switch (d.kind) {
    case 'flag-post':
      return { flag: await postInChannel(deps, ctx, mandateOf(ctx, d), attempts) };
    case 'flag-dm':
    case 'flag-admins':
      return { flag, messageRef: await direct(deps, ctx, personOf(ctx, d.recipientKey), card) };
    case 'flag-reminder': {
      const mandate = flag.routing.toAdmins ? undefined : mandateOf(ctx, d);
      const channel = mandate?.channel;
      const thread = channel && flag.threads.find((t) => sameChannel(t.channel, channel));
      if (mandate && thread) {
        await deps.platforms[thread.platform]!.postInThread(thread.threadRef, reminderCard(ctx, mandateVoice(mandate, ctx.people), teamMentions(ctx, mandate)));
        return { flag };
      }
      return { flag, messageRef: await direct(deps, ctx, personOf(ctx, d.recipientKey), (v) => reminderCard(ctx, v, [])) };
    }
    case 'flag-escalation': {
      const mandates = [...ctx.mandates.values()].map((m) => m.title);
      const text = (v: Voice) => v.t('flag.escalation', { ref: flag.ref, company: ctx.company.name, since: flag.raised.at, mandates });
      return { flag, messageRef: await direct(deps, ctx, personOf(ctx, d.recipientKey), (v) => noticeCard(v.t('flag.escalation-title', { ref: flag.ref }), text(v), 'warning')) };
    }
    default:
      throw new PreLetterError('internal', 'Not a flag delivery.', { key: d.key });
  }
}

/** What delivering a flag left: the flag as it is now, and the outcome of each delivery made. */
export interface FlagDelivery {
  flag: Flag | null;
  outcomes: ReadonlyMap<string, DeliveryOutcome>;
  report: DeliveryReport;
}

/** A flag no reminder waits on keeps its delivery records for the retention period, then leaves the agenda. */
async function finish(deps: BotDeps, flag: Flag, entry: ScheduleEntry, report: DeliveryReport): Promise<void> {
  const pruneAt = new Date(flag.acknowledged!.at.getTime() + deps.delivery.retentionMs);
  if (pruneAt > deps.clock.now()) return void (await deps.schedule.reschedule(flag.ref, pruneAt, entry.version));
  await deps.deliveries.pruneLetter(flag.ref);
  if (await deps.schedule.reschedule(flag.ref, null, entry.version)) report.pruned += 1;
}

/**
 * Why: makes what is due for one flag now and moves its agenda entry. `entry` is the
 * agenda entry the caller read (its version guards the reschedule); without one it is
 * read here, and a flag with none is made due first.
 */
export async function deliverFlag(deps: BotDeps, ref: string, report: DeliveryReport = emptyReport(), entry?: ScheduleEntry): Promise<FlagDelivery> {
  const seen = entry ?? (await deps.schedule.entry(ref)) ?? (await deps.schedule.lower(ref, deps.clock.now()));
  const claims = new DeliveryClaims(deps, report);
  const stored = await deps.flags.get(ref);
  const ctx = stored && (await flagContext(deps, stored));
  if (!stored || !ctx) {
    await deps.schedule.reschedule(ref, null, seen.version);
    return { flag: stored, outcomes: claims.outcomes, report };
  }
  report.letters += 1;
  const due = planFlagDeliveries(ctx.flag, flagScheduleContext(deps, ctx), claims.now);
  await claims.claimAll(due);
  for (const d of due) {
    const attempts = await claims.claim(d);
    if (attempts === null) continue;
    await claims.attempt(d.key, attempts, async () => {
      const made = await send(deps, ctx, d, attempts);
      ctx.flag = made.flag;
      return made.messageRef;
    }, async () => deps.logger.error({ key: d.key, ref }, 'flag delivery given up'));
  }
  const next = claims.nextLook(nextFlagDueAt(ctx.flag, flagScheduleContext(deps, ctx), claims.now));
  if (next === null && ctx.flag.acknowledged) await finish(deps, ctx.flag, seen, report);
  else await deps.schedule.reschedule(ref, next, seen.version);
  return { flag: ctx.flag, outcomes: claims.outcomes, report };
}

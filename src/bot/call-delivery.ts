/**
 * Where a call for input's cards go, shared by publishing, answering and reminding: each
 * company's card in its bound channel (or to its owners directly when it has none), the
 * mandate team's table of answers in the mandate's own channel, and keeping both up to date.
 * A platform failure is logged and reported back, never undoes what the store recorded.
 */
import type { CallCopy, CallForInput } from '../domain/call';
import { PreLetterError } from '../domain/errors';
import type { ChannelBinding, Company, LetterThread, Mandate, Person } from '../domain/types';
import { errorDetails } from '../logger';
import type { BotDeps } from './deps';
import { connectedPlatform, postedThread, reachPerson } from './reach';
import { voiceFor, type Voice } from './messages/catalogue';
import type { NeutralCard } from './ports';
import { callAnswersCard, callCard, type CallView } from './views/call-card';
import { noticeCard } from './views/notice-card';
import { personVoice } from './voices';

/** A call with the directory entries its cards name: its mandate, its companies and the people involved, by key. */
export interface CallContext {
  call: CallForInput;
  mandate: Mandate;
  companies: ReadonlyMap<string, Company>;
  people: ReadonlyMap<string, Person>;
}

/** Why: everything a call's cards and reminders read, in one pass over the directory; a mandate gone from it reads as its key. */
export async function loadCallContext(deps: BotDeps, call: CallForInput): Promise<CallContext> {
  const stored = await deps.directory.getMandate(call.mandateKey);
  const mandate = stored ?? { key: call.mandateKey, title: call.mandateKey, timeZone: deps.policy.defaultTimeZone, team: [], topics: [] };
  const companies = await Promise.all(call.recipients.map((r) => deps.directory.getCompany(r.companyKey)));
  const keys = new Set([call.published.by, ...call.recipients.flatMap((r) => r.owners), ...call.history.map((e) => e.by)]);
  const people = await deps.directory.getPeople([...keys]);
  return {
    call,
    mandate,
    companies: new Map(companies.flatMap((c) => (c ? [[c.key, c]] : []))),
    people: new Map(people.map((p) => [p.key, p])),
  };
}

/** Why: a call's cards for one reader, with names from the context. */
export function callView(deps: BotDeps, ctx: CallContext, voice: Voice): CallView {
  return { call: ctx.call, mandateTitle: ctx.mandate.title, nameOf: (key) => ctx.people.get(key)?.name ?? key, now: deps.clock.now(), voice };
}

/** Why: a post everyone in a company's channel reads: the company's language, the mandate's zone (as letters' channel cards). */
export function companyChannelVoice(ctx: CallContext, companyKey: string): Voice {
  return voiceFor({ locale: ctx.companies.get(companyKey)?.locale, zone: ctx.mandate.timeZone });
}

/** Why: the mandate's own channel reads the mandate's zone (the directory gives mandates no language: English). */
export function mandateChannelVoice(ctx: CallContext): Voice {
  return voiceFor({ zone: ctx.mandate.timeZone });
}

/** Why: a company's name on the mandate team's table; the key stands in for a company gone from the directory. */
export function companyNameIn(ctx: CallContext): (key: string) => string {
  return (key) => ctx.companies.get(key)?.name ?? key;
}

/**
 * Posts a card in a channel. `since` is set on a second try: an earlier attempt may have
 * posted the card before its answer was lost, so the card it left is looked for first
 * (where the platform lets a bot look), and a second card is never posted beside it.
 */
async function postIn(deps: BotDeps, channel: ChannelBinding, card: NeutralCard, marker: string, since?: Date): Promise<LetterThread> {
  const platform = connectedPlatform(deps, channel.platform);
  const found = since && platform.findRoot ? await platform.findRoot(channel, marker, since) : undefined;
  if (found) return postedThread(channel, found);
  await deps.delivery.pace(`${channel.platform}:${channel.workspaceId}:${channel.channelId}`);
  return postedThread(channel, await platform.postRoot(channel, card, marker));
}

/** Which companies got their card where, after a delivery. */
export interface CallDelivery {
  call: CallForInput;
  /** Company keys whose card is in their channel. */
  inChannel: string[];
  /** Company keys whose owners got the card directly (no channel). */
  direct: string[];
  /** Company keys whose card could not be delivered. */
  failed: string[];
}

async function sendCopies(deps: BotDeps, ctx: CallContext, companyKey: string, owners: string[]): Promise<CallCopy[]> {
  const company = ctx.companies.get(companyKey);
  const copies: CallCopy[] = [];
  for (const key of owners) {
    const person = ctx.people.get(key);
    const target = person && reachPerson(deps, person);
    if (!person || !target) continue;
    try {
      await deps.delivery.pace(`${target.identity.platform}:dm:${target.identity.userId}`);
      const card = callCard(callView(deps, ctx, personVoice(deps, person, company)), companyKey);
      copies.push({ personKey: key, platform: target.platform.platform, messageRef: await target.platform.sendDirect(target.identity, card) });
    } catch (err) {
      deps.logger.warn({ ref: ctx.call.ref, companyKey, code: (err as PreLetterError).code, ...errorDetails(err) }, 'call card not sent to an owner');
    }
  }
  return copies;
}

/**
 * Why: posts every card the call does not have yet (so calling it again after a failure
 * retries only what is missing): each company's card, and the table in the mandate's own
 * channel. A card posted but not recorded (a crash in between) is posted again on a retry.
 */
export async function deliverCall(deps: BotDeps, ctx: CallContext, retry = false): Promise<CallDelivery> {
  const since = retry ? ctx.call.published.at : undefined;
  let call = ctx.call;
  const result: CallDelivery = { call, inChannel: [], direct: [], failed: [] };
  for (const recipient of ctx.call.recipients) {
    const key = recipient.companyKey;
    if (recipient.thread || recipient.copies) {
      (recipient.thread ? result.inChannel : result.direct).push(key);
      continue;
    }
    try {
      if (!ctx.companies.has(key)) throw new PreLetterError('not-found', 'The directory no longer lists this company.', { companyKey: key });
      if (recipient.channel) {
        const thread = await postIn(deps, recipient.channel, callCard(callView(deps, { ...ctx, call }, companyChannelVoice(ctx, key)), key), call.ref, since);
        call = (await deps.calls.setThread(call.ref, key, thread)).call ?? call;
        result.inChannel.push(key);
      } else {
        const copies = await sendCopies(deps, { ...ctx, call }, key, recipient.owners);
        if (copies.length === 0) throw new PreLetterError('not-found', 'Nobody of this company can be reached directly.', { companyKey: key });
        call = (await deps.calls.setCopies(call.ref, key, copies)).call ?? call;
        result.direct.push(key);
      }
    } catch (err) {
      result.failed.push(key);
      deps.logger.warn({ ref: call.ref, companyKey: key, code: (err as PreLetterError).code, ...errorDetails(err) }, 'call card not delivered');
    }
  }
  const channel = ctx.mandate.channel;
  if (channel && !call.mandateThread) {
    try {
      const current = { ...ctx, call };
      const thread = await postIn(deps, channel, callAnswersCard(callView(deps, current, mandateChannelVoice(ctx)), companyNameIn(ctx)), call.ref, since);
      call = (await deps.calls.setMandateThread(call.ref, thread)).call ?? call;
    } catch (err) {
      deps.logger.warn({ ref: call.ref, mandateKey: ctx.mandate.key, code: (err as PreLetterError).code, ...errorDetails(err) }, 'call table not posted in the mandate channel');
    }
  }
  return { ...result, call };
}

async function attempt(deps: BotDeps, ref: string, work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    deps.logger.warn({ ref, code: (err as PreLetterError).code, ...errorDetails(err) }, 'call card update failed');
    return false;
  }
}

/** Why: a company's card (in its channel, and each owner's copy) shows the call as it is now; false when a copy could not be updated. */
export async function refreshCompanyCard(deps: BotDeps, ctx: CallContext, companyKey: string): Promise<boolean> {
  const recipient = ctx.call.recipients.find((r) => r.companyKey === companyKey);
  if (!recipient) return true;
  let complete = true;
  const thread = recipient.thread;
  if (thread) {
    const card = callCard(callView(deps, ctx, companyChannelVoice(ctx, companyKey)), companyKey);
    complete = await attempt(deps, ctx.call.ref, () => connectedPlatform(deps, thread.platform).updateMessage(thread.rootMessageRef, card));
  }
  for (const copy of recipient.copies ?? []) {
    const card = callCard(callView(deps, ctx, personVoice(deps, ctx.people.get(copy.personKey), ctx.companies.get(companyKey))), companyKey);
    complete = (await attempt(deps, ctx.call.ref, () => connectedPlatform(deps, copy.platform).updateMessage(copy.messageRef, card))) && complete;
  }
  return complete;
}

/** Why: the mandate team follows the answers in its own channel: the table updated in place, and a note in its thread. */
export async function tellMandateChannel(deps: BotDeps, ctx: CallContext, note?: string): Promise<boolean> {
  const thread = ctx.call.mandateThread;
  if (!thread) return true;
  const v = mandateChannelVoice(ctx);
  return attempt(deps, ctx.call.ref, async () => {
    const platform = connectedPlatform(deps, thread.platform);
    await platform.updateMessage(thread.rootMessageRef, callAnswersCard(callView(deps, ctx, v), companyNameIn(ctx)));
    if (note) await platform.postInThread(thread.threadRef, noticeCard(v.t('call.answers-title', { ref: ctx.call.ref, title: ctx.call.title }), note));
  });
}

/**
 * The shared mechanism behind every button and command that adds a fact to a
 * letter: who may, the atomic write, the idempotent repeat, the card refresh and
 * the thread note. Each use case module only supplies its words.
 */
import { PreLetterError } from '../domain/errors';
import { errorDetails } from '../logger';
import { decideAction, type LetterAction } from '../domain/lifecycle';
import { deliveryKey, ONCE } from '../domain/schedule';
import type { AuditAction, FactName, PlatformIdentity } from '../domain/types';
import { resolveActor } from './actor';
import { inUnitOfWork, type BotDeps } from './deps';
import { loadVisibleLetter, nameOf, type LetterContext } from './letter-context';
import type { NeutralCard } from './ports';
import { refusal, type Voice } from './messages/catalogue';
import { channelVoice, personVoice } from './voices';
import { letterCard } from './views/letter-card';
import { noticeCard } from './views/notice-card';
import { previewDirectCard } from './views/preview-cards';

/** Who acted, on which letter, with the optional words some actions carry. */
export interface ActionRequest {
  actor: PlatformIdentity;
  ref: string;
  officialSymbol?: string;
  reason?: string;
}

/** The words of one action, each for its reader: the thread note the channel reads and the private confirmation. */
export interface ActionWording {
  title(v: Voice): string;
  threadNote(ctx: LetterContext, actorName: string, v: Voice): string;
  /** The private confirmation, in the person's language and zone. */
  confirmation(ctx: LetterContext, v: Voice): string;
}

/** What the person who acted is told, and whether this call changed anything. */
export interface ActionOutcome {
  reply: NeutralCard;
  changed: boolean;
}

/**
 * The owners' copies of the card (the direct messages that told them of the letter),
 * refreshed like the root card, so nobody is left looking at a button that no longer
 * applies. Each copy's ref was kept with its delivery; a failure is logged, never undoes the fact.
 */
async function refreshCopies(deps: BotDeps, ctx: LetterContext): Promise<boolean> {
  const { letter } = ctx;
  const name = letter.channel?.platform ?? letter.threads[0]?.platform;
  const platform = name ? deps.platforms[name] : undefined;
  if (!platform) return true;
  const records = await Promise.all(
    letter.routing.owners.map(async (owner) => ({ owner, record: await deps.deliveries.get(deliveryKey(letter.ref, 'owner-dm', ONCE, owner)) })),
  );
  const copies = records.flatMap(({ owner, record }) => (record?.messageRef ? [{ owner, messageRef: record.messageRef }] : []));
  if (copies.length === 0) return true;
  const thread = letter.threads.find((t) => t.platform === name);
  const link = thread ? await platform.threadLink(thread.threadRef).catch(() => undefined) : undefined;
  let complete = true;
  for (const { owner, messageRef } of copies) {
    // Each copy is its owner's: their language and zone.
    const v = personVoice(deps, ctx.people.get(owner), ctx.company);
    const card = { ...previewDirectCard(ctx, deps.policy, deps.clock.now(), v), ...(link ? { threadLink: { url: link, label: v.t('button.open-thread') } } : {}) };
    try {
      await platform.updateMessage(messageRef, card);
    } catch (err) {
      complete = false;
      deps.logger.warn({ ref: letter.ref, platform: name, code: (err as PreLetterError).code, ...errorDetails(err) }, 'owner message update failed');
    }
  }
  return complete;
}

/** Refreshes root cards and posts the thread note; a platform hiccup here never undoes the fact. */
async function announce(deps: BotDeps, ctx: LetterContext, note: NeutralCard): Promise<boolean> {
  const card = letterCard(ctx, deps.policy, deps.clock.now(), channelVoice(ctx));
  let complete = true;
  for (const thread of ctx.letter.threads) {
    const platform = deps.platforms[thread.platform];
    try {
      if (!platform) throw new PreLetterError('unavailable', 'This chat platform is not connected.', { platform: thread.platform });
      await platform.updateMessage(thread.rootMessageRef, card);
      await platform.postInThread(thread.threadRef, note);
    } catch (err) {
      complete = false;
      deps.logger.warn({ ref: ctx.letter.ref, platform: thread.platform, code: (err as PreLetterError).code, ...errorDetails(err) }, 'thread update failed');
    }
  }
  return (await refreshCopies(deps, ctx)) && complete;
}

/** Runs one lifecycle action end to end and returns the private answer for the person. */
export async function runLetterAction(
  deps: BotDeps,
  action: LetterAction,
  request: ActionRequest,
  wording: ActionWording,
): Promise<ActionOutcome> {
  deps = inUnitOfWork(deps);
  const person = await resolveActor(deps, request.actor);
  const { ctx, roles } = await loadVisibleLetter(deps, request.ref, person);
  const v = personVoice(deps, person);
  const names = (key: string) => nameOf(ctx, key);
  const decision = decideAction(ctx.letter, action, roles, names);
  if (decision.kind === 'refused') throw refusal(decision.code, decision.say, { ref: request.ref, action });
  if (decision.kind === 'already') return { reply: noticeCard(wording.title(v), [v.say(decision.say)]), changed: false };

  const now = deps.clock.now();
  const result = await deps.letters.setFact(ctx.letter.ref, decision.fact, { at: now, by: person.key }, {
    absent: decision.absent,
    audit: { at: now, by: person.key, action: auditActionOf(decision.fact) },
    officialSymbol: request.officialSymbol,
    withdrawReason: request.reason,
  });
  if (!result.applied) {
    // Someone else acted between our read and our write: answer as for a repeat.
    const again = decideAction(result.letter ?? ctx.letter, action, roles, names);
    if (again.kind === 'refused') throw refusal(again.code, again.say, { ref: request.ref, action });
    const message = again.kind === 'already' ? v.say(again.say) : v.say({ key: 'action.changed', ref: request.ref });
    return { reply: noticeCard(wording.title(v), [message]), changed: false };
  }
  // Reminders the fact makes moot stop by themselves: every delivery is planned again from the facts before it is made.
  deps.logger.info({ ref: ctx.letter.ref, action, personKey: person.key }, 'letter action applied');
  const updated: LetterContext = { ...ctx, letter: result.letter! };
  const channel = channelVoice(updated);
  const shown = await announce(deps, updated, noticeCard(wording.title(channel), wording.threadNote(updated, person.name, channel)));
  const lines = [wording.confirmation(updated, v)];
  if (!shown) lines.push(v.t('action.thread-behind'));
  return { reply: noticeCard(wording.title(v), lines.map((text) => [{ text }]), 'success'), changed: true };
}

function auditActionOf(fact: FactName): AuditAction {
  return fact === 'formalSent' ? 'formal-sent' : fact;
}

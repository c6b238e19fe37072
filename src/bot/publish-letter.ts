/**
 * Use case: publish a saved letter. Each step is a durable delivery planned from the
 * letter itself (domain/schedule.ts) and made by the same claim-and-retry machinery as
 * reminders (deliver-letter.ts): the root card in the bound channel, the routing note
 * in its thread, the owners' direct messages, and the admins' alert when nobody is on
 * file. An outage or a crash delays them; it never loses or doubles them.
 */
import { PreLetterError } from '../domain/errors';
import { errorDetails } from '../logger';
import type { PlannedDelivery } from '../domain/schedule';
import type { Letter, Person } from '../domain/types';
import { identityOn } from './actor';
import type { BotDeps } from './deps';
import { connectedPlatform, postedThread } from './reach';
import type { LetterContext } from './letter-context';
import type { ChatPlatform, PostedRoot } from './ports';
import { channelVoice, personVoice } from './voices';
import { letterCard } from './views/letter-card';
import { noticeCard } from './views/notice-card';
import { previewDirectCard, threadIntroSegments, unroutedAlertCard } from './views/preview-cards';

function threadOf(ctx: LetterContext) {
  const thread = ctx.letter.threads.find((t) => t.platform === ctx.letter.channel?.platform) ?? ctx.letter.threads[0];
  if (!thread) throw new PreLetterError('unavailable', 'The letter is not posted yet.', { ref: ctx.letter.ref });
  return thread;
}

/**
 * Posts the root card, unless an earlier attempt already did: from the second attempt
 * on (the first one timed out, or its instance died) the platform is asked for the
 * bot's own post carrying the reference, and that post is adopted instead.
 */
async function postRoot(deps: BotDeps, ctx: LetterContext, attempt: number): Promise<Letter> {
  const { letter } = ctx;
  const channel = letter.channel!;
  const platform = connectedPlatform(deps, channel.platform, letter.ref);
  let root: PostedRoot | undefined;
  if (attempt > 1 && platform.findRoot) {
    root = await platform.findRoot(channel, letter.ref, letter.previewed.at);
    if (root) deps.logger.info({ ref: letter.ref, platform: channel.platform }, 'earlier root card found and adopted');
  }
  root ??= await platform.postRoot(channel, letterCard(ctx, deps.policy, deps.clock.now(), channelVoice(ctx)), letter.ref);
  const thread = postedThread(channel, root);
  const updated = await deps.letters.addThread(letter.ref, thread, { at: deps.clock.now(), by: 'system', action: 'posted', detail: channel.platform });
  return updated ?? { ...letter, threads: [...letter.threads, thread] };
}

/**
 * Why: the bridge's copy of the card in the mandate's own channel (letter.mirror, on the other
 * platform), then a note in its thread saying that the two threads are relayed both ways.
 * The note only explains: if it fails, the mirror stands and the failure is logged.
 */
async function postMirror(deps: BotDeps, ctx: LetterContext): Promise<Letter> {
  const { letter } = ctx;
  const mirror = letter.mirror!;
  const platform = connectedPlatform(deps, mirror.platform, letter.ref);
  const v = channelVoice(ctx);
  const root = await platform.postRoot(mirror, letterCard(ctx, deps.policy, deps.clock.now(), v), letter.ref);
  const thread = postedThread(mirror, root);
  const updated = await deps.letters.addThread(letter.ref, thread, { at: deps.clock.now(), by: 'system', action: 'posted', detail: `mirror:${mirror.platform}` });
  const where = v.t('platform.name', { platform: letter.channel?.platform ?? mirror.platform });
  await platform.postInThread(root.threadRef, noticeCard(v.t('bridge.title'), v.t('bridge.mirrored', { company: ctx.company.name, platform: where }))).catch((err: unknown) => {
    deps.logger.warn({ ref: letter.ref, platform: mirror.platform, code: (err as PreLetterError).code, ...errorDetails(err) }, 'mirror note failed');
  });
  return updated ?? { ...letter, threads: [...letter.threads, thread] };
}

/** The thread links one run of publication has asked the platform for, by thread: each owner's message carries the same one. */
export type ThreadLinks = Map<string, Promise<string | undefined>>;

function linkOf(platform: ChatPlatform, threadRef: string, links: ThreadLinks): Promise<string | undefined> {
  let link = links.get(threadRef);
  if (!link) {
    link = platform.threadLink(threadRef);
    links.set(threadRef, link);
    link.catch(() => links.delete(threadRef)); // a failed ask is not remembered
  }
  return link;
}

async function directMessage(deps: BotDeps, ctx: LetterContext, person: Person | undefined, key: string, links: ThreadLinks): Promise<string> {
  const thread = threadOf(ctx);
  const identity = person && identityOn(person, thread.platform);
  if (!person || !identity) {
    throw new PreLetterError('not-found', 'This person has no chat account PreLetter can message.', { ref: ctx.letter.ref, personKey: key });
  }
  const platform = connectedPlatform(deps, thread.platform, ctx.letter.ref);
  const link = await linkOf(platform, thread.threadRef, links);
  const v = personVoice(deps, person, ctx.company);
  return platform.sendDirect(identity, { ...previewDirectCard(ctx, deps.policy, deps.clock.now(), v), ...(link ? { threadLink: { url: link, label: v.t('button.open-thread') } } : {}) });
}

/** Alerts every admin who can be reached; fails (to be retried) only when none could be. */
async function alertAdmins(deps: BotDeps, ctx: LetterContext): Promise<void> {
  const thread = threadOf(ctx);
  const platform = connectedPlatform(deps, thread.platform, ctx.letter.ref);
  const admins = await deps.directory.listAdmins();
  let reached = 0;
  let failure: unknown;
  for (const admin of admins) {
    const identity = identityOn(admin, thread.platform);
    if (!identity) continue;
    try {
      await platform.sendDirect(identity, unroutedAlertCard(ctx, personVoice(deps, admin)));
      reached += 1;
    } catch (err) {
      failure = err;
      deps.logger.warn({ ref: ctx.letter.ref, personKey: admin.key, code: (err as PreLetterError).code, ...errorDetails(err) }, 'unrouted alert to an admin failed');
    }
  }
  if (reached === 0 && failure) throw failure;
  await deps.letters.appendAudit(ctx.letter.ref, { at: deps.clock.now(), by: 'system', action: 'unrouted-alert', detail: String(reached) });
}

/** What one publication delivery did: the letter as it is afterwards, and the copy of its card it left, if any. */
export interface PublicationMade {
  letter: Letter;
  messageRef?: string;
}

/**
 * Makes one publication delivery. Returns the letter as it is afterwards (the root
 * card adds a thread), so the caller can plan the next steps from it, and an owner's
 * message's ref, so later changes update that copy too. `links` keeps the thread links
 * asked for during one run, so the owners' messages ask once.
 */
export async function sendPublication(deps: BotDeps, ctx: LetterContext, d: PlannedDelivery, attempt: number, links: ThreadLinks = new Map()): Promise<PublicationMade> {
  switch (d.kind) {
    case 'post-root':
      return { letter: await postRoot(deps, ctx, attempt) };
    case 'post-mirror':
      return { letter: await postMirror(deps, ctx) };
    case 'thread-intro': {
      const thread = threadOf(ctx);
      const platform = connectedPlatform(deps, thread.platform, ctx.letter.ref);
      const v = channelVoice(ctx);
      await platform.postInThread(thread.threadRef, noticeCard(v.t('thread.title'), threadIntroSegments(ctx, thread.platform, v)));
      return { letter: ctx.letter };
    }
    case 'owner-dm':
      return { letter: ctx.letter, messageRef: await directMessage(deps, ctx, ctx.people.get(d.recipientKey), d.recipientKey, links) };
    case 'unrouted-alert':
      await alertAdmins(deps, ctx);
      return { letter: ctx.letter };
    default:
      throw new PreLetterError('internal', 'Not a publication delivery.', { key: d.key });
  }
}

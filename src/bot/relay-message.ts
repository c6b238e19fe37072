/**
 * Use case: the bridge between a letter's two threads (the company's channel on one
 * platform, the mandate team's own channel on the other). A person's message in either
 * thread is posted in the other with the author's name; its edits and deletions follow.
 * A relayed message is only ever plain text (each adapter escapes it, so nothing in it
 * mentions, links or broadcasts), it goes only to the letter's own threads whose channel
 * is still the company's or the mandate's in the directory, and PreLetter's own posts are
 * never relayed (adapters ignore the bot's messages), so nothing loops.
 */
import { PreLetterError } from '../domain/errors';
import { sameChannel } from '../domain/schedule';
import type { ChannelBinding, LetterThread, Platform, PlatformIdentity } from '../domain/types';
import { errorDetails } from '../logger';
import { inUnitOfWork, type BotDeps } from './deps';
import { withDirectory, type LetterContext } from './letter-context';
import type { NeutralCard } from './ports';
import type { RelayCopy } from './repositories';
import { channelVoice } from './voices';
import { noticeCard } from './views/notice-card';

/** What someone wrote in a letter's thread, as an adapter read it. */
export interface ThreadMessage {
  platform: Platform;
  /** The thread as the adapter names it: its thread ref or its thread key. */
  thread: string;
  /** The platform's id of the message, unique within its channel. */
  messageId: string;
  author: PlatformIdentity;
  /** The name the platform shows for the author, when it says (used only for someone the directory does not know). */
  authorName?: string;
  text: string;
}

/** An original message changed after it was relayed: new words, or gone. */
export interface ThreadMessageChange extends Omit<ThreadMessage, 'text'> {
  change: { text: string } | { deleted: true };
}


/** Why: a letter's text may only be in its company's bound channels and its mandate's own channel, as the directory says now. */
function stillAllowed(ctx: LetterContext, channel: ChannelBinding): boolean {
  return ctx.company.channels.some((c) => sameChannel(c, channel)) || (ctx.mandate.channel !== undefined && sameChannel(ctx.mandate.channel, channel));
}

/** Why: the original's key names its platform, workspace and channel, since message ids are unique only within a channel. */
function originalKey(thread: LetterThread, messageId: string): string {
  return `${thread.channel.platform}:${thread.channel.workspaceId}:${thread.channel.channelId}:${messageId}`;
}

async function bridged(deps: BotDeps, threadName: string): Promise<{ ctx: LetterContext; source: LetterThread; targets: LetterThread[] } | null> {
  const letter = await deps.letters.findByThread(threadName);
  if (!letter || letter.threads.length < 2) return null;
  const source = letter.threads.find((t) => t.threadRef === threadName || t.threadKey === threadName);
  if (!source) return null;
  const ctx = await withDirectory(deps, letter);
  const targets = letter.threads.filter((t) => t !== source && stillAllowed(ctx, t.channel));
  return targets.length > 0 && stillAllowed(ctx, source.channel) ? { ctx, source, targets } : null;
}

/** Why: a copy names its author (the directory's name, else the platform's) and where they wrote; the words are plain text. */
async function relayCard(deps: BotDeps, ctx: LetterContext, message: Omit<ThreadMessage, 'text'>, paragraphs: string[]): Promise<NeutralCard> {
  const v = channelVoice(ctx);
  const person = await deps.directory.findPersonByIdentity(message.author);
  const platform = v.t('platform.name', { platform: message.platform });
  const name = person?.name ?? message.authorName?.trim();
  const title = name ? v.t('relay.title', { name, platform }) : v.t('relay.someone', { platform });
  return noticeCard(title, paragraphs.map((text) => [{ text }]));
}

/**
 * Why: posts the message in the letter's other thread(s) and remembers where; returns how
 * many copies were made (0 when the thread is no bridged letter's). `firstTime` is asked only
 * for a bridged letter's message, so ordinary thread talk costs one read and no write. A copy
 * that cannot be posted is logged and skipped: the original stays where it was written.
 */
export async function relayMessage(base: BotDeps, message: ThreadMessage, firstTime: () => Promise<boolean>): Promise<number> {
  const deps = inUnitOfWork(base);
  const found = await bridged(deps, message.thread);
  if (!found || message.text.trim() === '' || !(await firstTime())) return 0;
  const { ctx, source, targets } = found;
  const card = await relayCard(deps, ctx, message, [message.text]);
  const copies: RelayCopy[] = [];
  for (const target of targets) {
    const platform = deps.platforms[target.platform];
    try {
      if (!platform) throw new PreLetterError('unavailable', 'This chat platform is not connected.', { platform: target.platform });
      copies.push({ platform: target.platform, messageRef: await platform.postInThread(target.threadRef, card) });
    } catch (err) {
      deps.logger.warn({ ref: ctx.letter.ref, platform: target.platform, code: (err as PreLetterError).code, ...errorDetails(err) }, 'relay failed');
    }
  }
  if (copies.length > 0) await deps.relays.record(originalKey(source, message.messageId), ctx.letter.ref, copies, deps.clock.now());
  deps.logger.info({ ref: ctx.letter.ref, from: message.platform, copies: copies.length }, 'message relayed');
  return copies.length;
}

/** Why: an edit or deletion of a relayed original is shown on every copy, marked as such; returns how many copies were changed. */
export async function relayChange(base: BotDeps, change: ThreadMessageChange, firstTime: () => Promise<boolean>): Promise<number> {
  const deps = inUnitOfWork(base);
  const found = await bridged(deps, change.thread);
  if (!found || !(await firstTime())) return 0;
  const { ctx, source } = found;
  const copies = await deps.relays.copiesOf(originalKey(source, change.messageId));
  if (copies.length === 0) return 0;
  const v = channelVoice(ctx);
  const card = await relayCard(deps, ctx, change, 'deleted' in change.change ? [v.t('relay.deleted')] : [change.change.text, v.t('relay.edited')]);
  let changed = 0;
  for (const copy of copies) {
    const platform = deps.platforms[copy.platform];
    if (!platform) continue;
    try {
      await platform.updateMessage(copy.messageRef, card);
      changed += 1;
    } catch (err) {
      deps.logger.warn({ ref: ctx.letter.ref, platform: copy.platform, code: (err as PreLetterError).code, ...errorDetails(err) }, 'relayed copy not updated');
    }
  }
  return changed;
}

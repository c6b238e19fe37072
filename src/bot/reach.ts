/**
 * How the core reaches the chat platforms, shared by every delivery (letters, flags, calls
 * for input): the platform a thread or channel is on, a person on the first platform they and
 * this deployment share, and the thread a posted root card opens.
 */
import { PreLetterError } from '../domain/errors';
import type { ChannelBinding, LetterThread, Person, Platform, PlatformIdentity } from '../domain/types';
import { identityOn } from './actor';
import type { BotDeps } from './deps';
import type { ChatPlatform, PostedRoot } from './ports';

/** Why: a platform this deployment does not run is "unavailable" (retried, then reported), never a crash. */
export function connectedPlatform(deps: Pick<BotDeps, 'platforms'>, name: Platform, ref?: string): ChatPlatform {
  const platform = deps.platforms[name];
  if (!platform) throw new PreLetterError('unavailable', 'This chat platform is not connected right now.', { ...(ref ? { ref } : {}), platform: name });
  return platform;
}

/** Why: a person is reached on the platforms given first (where their item lives), then on any other connected one. */
export function reachPerson(deps: Pick<BotDeps, 'platforms'>, person: Person, first: readonly Platform[] = []): { platform: ChatPlatform; identity: PlatformIdentity } | undefined {
  for (const name of [...first, 'slack' as const, 'teams' as const]) {
    const platform = deps.platforms[name];
    const identity = identityOn(person, name);
    if (platform && identity) return { platform, identity };
  }
  return undefined;
}

/** Why: the thread a posted root card opens, as letters, flags and calls keep it. */
export function postedThread(channel: ChannelBinding, root: PostedRoot): LetterThread {
  return { platform: channel.platform, channel, threadRef: root.threadRef, rootMessageRef: root.messageRef, ...(root.threadKey ? { threadKey: root.threadKey } : {}) };
}

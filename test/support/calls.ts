/** Calls for input in use-case tests: publishing one as the mandate team would, and directory variants the stories need. */
import { publishCall, type CallInput } from '../../src/bot/publish-call';
import type { ChannelBinding, Directory } from '../../src/domain/types';
import type { BotHarness } from './bot-harness';
import { TEST_DIRECTORY, USERS } from './test-directory';

/** The mandate team's own channel, when a test gives the mandate one. */
export const MANDATE_CHANNEL: ChannelBinding = { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0MANDATE' };

/** Where calls are published, as the link a card shows. */
export const CALL_LINK = 'https://www.ohchr.org/en/calls-for-input/2026/elections';

/** Why: a variant of the test directory: the mandate with its own channel, or Kestrel without a bound channel. */
export function directoryWith(options: { mandateChannel?: boolean; kestrelUnbound?: boolean; edit?: (d: Directory) => Directory } = {}): Directory {
  const d: Directory = {
    ...TEST_DIRECTORY,
    mandates: TEST_DIRECTORY.mandates.map((m) => (options.mandateChannel ? { ...m, channel: MANDATE_CHANNEL } : m)),
    companies: TEST_DIRECTORY.companies.map((c) => (options.kestrelUnbound && c.key === 'kestrel' ? { ...c, channels: [] } : c)),
  };
  return options.edit ? options.edit(d) : d;
}

/** Why: a call from Mara (sr-expression) on both of the mandate's topics, due on 30 April 2026, unless told otherwise. */
export function publish(h: BotHarness, overrides: Partial<CallInput> = {}): ReturnType<typeof publishCall> {
  return publishCall(h.deps, {
    actor: USERS.mara,
    title: 'Content moderation during elections',
    link: CALL_LINK,
    topics: ['content-moderation', 'surveillance'],
    deadline: '2026-04-30',
    ...overrides,
  });
}

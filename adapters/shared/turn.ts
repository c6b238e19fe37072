/**
 * The turn helpers both adapters share: act on a platform's request only the first
 * time it is seen, answer a person privately by the first way that works, and the one
 * error sink that words any failure for whoever acted, in their language. Each adapter
 * supplies only its ways of answering (Slack: ephemeral, response_url, direct message;
 * Teams: the chat it came from, then a 1:1 chat).
 */
import type { BotDeps } from '../../src/bot/deps';
import { cardForError } from '../../src/bot/error-sink';
import type { Voice } from '../../src/bot/messages/catalogue';
import type { NeutralCard } from '../../src/bot/ports';
import { voiceOfAccount } from '../../src/bot/voices';
import type { PreLetterError } from '../../src/domain/errors';
import type { Platform, PlatformIdentity } from '../../src/domain/types';
import { errorDetails, type Logger } from '../../src/logger';

/** Why: whom a turn answers: the person, and what their client said about their language, if anything. */
export interface Answerable {
  user: PlatformIdentity;
  /** The client's locale (Teams sends one with each activity), used only for people the directory does not know. */
  locale?: string;
}

/** The state of one turn: its logger, and whom to answer once the request says who acted. */
export interface SharedTurn<R extends Answerable> {
  log: Logger;
  reply?: R;
}

/** Why: "first time we see this platform id?": a repeated request is answered and not acted on twice. */
export async function firstTimeOn(deps: BotDeps, platform: Platform, dedupeId: string, log: Logger): Promise<boolean> {
  const first = await deps.inbound.recordOnce(platform, dedupeId, deps.clock.now());
  if (!first) log.info({ platform, dedupeId }, 'repeated request ignored');
  return first;
}

/** Why: a private answer must reach the person: each way in turn, logged when it fails, an error logged when none worked. */
export async function answerByFirstWay(ways: Array<[string, () => Promise<unknown>]>, user: PlatformIdentity, log: Logger): Promise<void> {
  let last: unknown;
  for (const [way, send] of ways) {
    try {
      await send();
      return;
    } catch (err) {
      last = err;
      const e = err as PreLetterError;
      log.warn({ way, code: e.code, slackError: e.context?.slackError, status: e.context?.status, userId: user.userId }, 'private reply failed');
    }
  }
  log.error({ userId: user.userId, ...errorDetails(last) }, 'could not reach the person privately');
}

/** Why: the voice a turn answers in: the person's directory locale and zone, else what their client said. */
export function voiceOfReply(deps: BotDeps, reply: Answerable): Promise<Voice> {
  return voiceOfAccount(deps, reply.user, reply.locale);
}

/**
 * Why: the single error sink of a turn. `work` sets turn.reply as soon as it knows who
 * acted; any failure after that is worded for that person and told to them privately.
 */
export async function runSharedTurn<R extends Answerable>(
  deps: BotDeps,
  logger: Logger,
  platform: Platform,
  kind: string,
  tell: (reply: R, card: NeutralCard, log: Logger) => Promise<void>,
  work: (turn: SharedTurn<R>) => Promise<void>,
): Promise<void> {
  const turn: SharedTurn<R> = { log: logger.child({ turn: kind }) };
  try {
    await work(turn);
  } catch (err) {
    const reply = turn.reply;
    const voice = reply ? await voiceOfReply(deps, reply) : await voiceOfAccount(deps, undefined);
    const card = cardForError(err, turn.log, voice, platform);
    if (reply) await tell(reply, card, turn.log);
  }
}

/**
 * One adapter turn: everything PreLetter does for one Teams activity. Each turn records
 * its activity id first (a repeat is answered and not acted on), has exactly one error
 * sink (cardForError), and answers the person privately, in their 1:1 chat with the bot.
 * The tracker lets shutdown (and tests) wait for every turn in flight, including work
 * that continues after Teams got its HTTP answer.
 */
import type { BotDeps } from '../../src/bot/deps';
import { cardForError } from '../../src/bot/error-sink';
import type { NeutralCard } from '../../src/bot/ports';
import type { PreLetterError } from '../../src/domain/errors';
import type { Logger } from '../../src/logger';
import type { PrivateReply } from './inbound';
import type { TeamsPlatform } from './platform';

/** Why: knobs of the Teams turns that tests shorten. */
export interface TeamsTurnSettings {
  /** How long an invoke may work before Teams is answered with "still working" (Teams waits about 5 s). */
  invokeBudgetMs: number;
  /** Key that signs the preview form's channel binding (it travels through the Teams client). */
  formKey: Buffer;
}

/** What a turn may use: the core's dependencies (with this platform registered) and the adapter's own pieces. */
export interface TurnServices {
  deps: BotDeps;
  platform: TeamsPlatform;
  logger: Logger;
  tracker: TurnTracker;
  settings: TeamsTurnSettings;
}

/** The state of one turn: its logger, and whom to answer once the activity says who acted. */
export interface Turn {
  log: Logger;
  reply?: PrivateReply;
}

/** Why: keeps every turn's promise so stop() can finish in-flight work and tests can wait without sleeping. */
export class TurnTracker {
  private readonly pending = new Set<Promise<unknown>>();

  /** Why: registers work, including work that outlives the HTTP response. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Why: resolves once no turn is in flight (turns started meanwhile are waited for too), or at the deadline. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...this.pending]), late]);
      clearTimeout(timer);
    }
  }
}

/** Why: "first time we see this activity?" — a repeated activity is answered and not acted on twice. */
export async function firstTime(services: TurnServices, dedupeId: string, log: Logger): Promise<boolean> {
  const first = await services.deps.inbound.recordOnce('teams', dedupeId, services.deps.clock.now());
  if (!first) log.info({ dedupeId }, 'repeated teams activity ignored');
  return first;
}

/**
 * Why: a private answer must reach the person: in the chat they wrote from, else in a
 * 1:1 chat PreLetter opens with them.
 */
export async function tellPrivately(services: TurnServices, reply: PrivateReply, card: NeutralCard, log: Logger): Promise<void> {
  const ways: Array<[string, () => Promise<unknown>]> = [
    ['reply', () => services.platform.replyPrivately(reply.target, reply.user, card)],
    ['direct', () => services.platform.sendDirect(reply.user, card)],
  ];
  for (const [way, send] of ways) {
    try {
      await send();
      return;
    } catch (err) {
      const e = err as PreLetterError;
      log.warn({ way, code: e.code, status: e.context?.status, userId: reply.user.userId }, 'private reply failed');
    }
  }
  log.error({ userId: reply.user.userId }, 'could not reach the person privately');
}

/**
 * Why: the single error sink of a turn. `work` sets turn.reply as soon as it knows
 * who acted; any failure after that is told to that person as a sentence.
 */
export async function runTurn(services: TurnServices, kind: string, work: (turn: Turn) => Promise<void>): Promise<void> {
  const turn: Turn = { log: services.logger.child({ turn: kind }) };
  try {
    await work(turn);
  } catch (err) {
    const card = cardForError(err, turn.log);
    if (turn.reply) await tellPrivately(services, turn.reply, card, turn.log);
  }
}

/**
 * One adapter turn: everything PreLetter does for one Teams activity. Each turn records
 * its activity id first (a repeat is answered and not acted on), has exactly one error
 * sink (cardForError), and answers the person privately, in their 1:1 chat with the bot.
 * The tracker lets shutdown (and tests) wait for every turn in flight, including work
 * that continues after Teams got its HTTP answer.
 */
import type { BotDeps } from '../../src/bot/deps';
import type { NeutralCard } from '../../src/bot/ports';
import type { PlatformIdentity } from '../../src/domain/types';
import type { Logger } from '../../src/logger';
import { answerByFirstWay, firstTimeOn, runSharedTurn, type SharedTurn } from '../shared/turn';
import type { PrivateReply } from './inbound';
import type { TeamsPlatform } from './platform';
import type { TurnTracker } from '../shared/turn-tracker';

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
export type Turn = SharedTurn<PrivateReply>;

/**
 * Why: Teams waits about five seconds for an invoke's answer: the work's result when it is
 * ready within the budget, else undefined (the caller answers "still working" and the work goes on).
 */
export async function withinBudget<T>(running: Promise<T>, budgetMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budgetMs);
  });
  try {
    return await Promise.race([running, budget]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why: "first time we see this activity?" — a repeated activity is answered and not acted on twice. */
export async function firstTime(services: TurnServices, dedupeId: string, log: Logger): Promise<boolean> {
  return firstTimeOn(services.deps, 'teams', dedupeId, log);
}

/**
 * Why: who acted, as the directory knows them. An external member of a shared channel writes
 * with the channel's tenant while the directory lists them under their own organisation's;
 * the channel's roster says which, and is asked only when the directory does not know them.
 */
export async function directoryActor(services: TurnServices, actor: PlatformIdentity, serviceUrl: string, conversationId: string): Promise<PlatformIdentity> {
  if (await services.deps.directory.findPersonByIdentity(actor)) return actor;
  const tenant = await services.platform.memberTenant(serviceUrl, conversationId, actor.userId);
  return tenant && tenant !== actor.workspaceId ? { ...actor, workspaceId: tenant } : actor;
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
  await answerByFirstWay(ways, reply.user, log);
}

/**
 * Why: the single error sink of a turn. `work` sets turn.reply as soon as it knows
 * who acted; any failure after that is told to that person as a sentence.
 */
export async function runTurn(services: TurnServices, kind: string, work: (turn: Turn) => Promise<void>): Promise<void> {
  await runSharedTurn(services.deps, services.logger, 'teams', kind, (reply, card, log) => tellPrivately(services, reply, card, log), work);
}

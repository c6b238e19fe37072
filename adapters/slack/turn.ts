/**
 * One adapter turn: everything PreLetter does for one Slack request after it has
 * been acknowledged. Each turn records its Slack id first (a retry is a no-op),
 * has exactly one error sink (cardForError), and answers the person privately:
 * ephemeral in place, else through Slack's response_url, else a direct message.
 * The tracker lets shutdown (and tests) wait for every turn in flight.
 */
import type { BotDeps } from '../../src/bot/deps';
import type { NeutralCard } from '../../src/bot/ports';
import { PreLetterError } from '../../src/domain/errors';
import type { Logger } from '../../src/logger';
import { answerByFirstWay, firstTimeOn, runSharedTurn, type SharedTurn } from '../shared/turn';
import { looseReply, type PrivateReply } from './inbound';
import type { SlackPlatform } from './platform';
import type { TurnQueue } from './turn-queue';

/** What a turn may use: the core's dependencies (with this platform registered) and the adapter's platform. */
export interface TurnServices {
  deps: BotDeps;
  platform: SlackPlatform;
  logger: Logger;
  /** Where work after an ack waits its turn (turn-queue.ts); without one it runs at once. */
  queue?: TurnQueue;
}

/** Why: work that follows an ack waits its turn, so the next request's ack does not wait behind it. */
export function afterAck<T>(services: TurnServices, work: () => Promise<T>): Promise<T> {
  return services.queue ? services.queue.run(work) : work();
}

/** The state of one turn: its logger, and whom to answer once the payload says who acted. */
export type Turn = SharedTurn<PrivateReply>;

const RESPONSE_URL_TIMEOUT_MS = 10_000;

/** Why: "first time we see this Slack id?" — a Slack retry of a handled request is answered and not acted on. */
export async function firstTime(services: TurnServices, dedupeId: string, log: Logger): Promise<boolean> {
  return firstTimeOn(services.deps, 'slack', dedupeId, log);
}

async function postToResponseUrl(responseUrl: string, services: TurnServices, card: NeutralCard): Promise<void> {
  const rendered = services.platform.render(card);
  const res = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...rendered }),
    signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
  });
  const answer = await res.text();
  // Slack answers `ok` as text, or JSON such as {"ok":false,"error":"expired_url"}.
  let refused = false;
  try {
    refused = answer.trim().startsWith('{') && (JSON.parse(answer) as { ok?: unknown }).ok === false;
  } catch {
    refused = true;
  }
  if (!res.ok || refused) throw new PreLetterError('platform', 'Slack refused the reply.', { method: 'response_url', status: res.status });
}

/**
 * Why: a private answer must reach the person even where the bot cannot post an
 * ephemeral (not a member of the channel): response_url, then a direct message.
 */
export async function tellPrivately(services: TurnServices, reply: PrivateReply, card: NeutralCard, log: Logger): Promise<void> {
  const ways: Array<[string, () => Promise<unknown>]> = [];
  if (reply.target) ways.push(['ephemeral', () => services.platform.replyPrivately(reply.target!, reply.user, card)]);
  if (reply.responseUrl) ways.push(['response_url', () => postToResponseUrl(reply.responseUrl!, services, card)]);
  ways.push(['direct', () => services.platform.sendDirect(reply.user, card)]);
  await answerByFirstWay(ways, reply.user, log);
}

/**
 * Why: the single error sink of a turn. `work` sets turn.reply as soon as it knows
 * who acted; any failure after that is told to that person as a sentence.
 */
export async function runTurn(services: TurnServices, kind: string, work: (turn: Turn) => Promise<void>): Promise<void> {
  await runSharedTurn(services.deps, services.logger, 'slack', kind, (reply, card, log) => tellPrivately(services, reply, card, log), work);
}

/**
 * Why: every request turn starts the same way: know whom to answer even if the
 * payload is unreadable, read it at the edge, and act only the first time Slack sends it.
 */
export async function runRequestTurn<R extends { reply: PrivateReply; dedupeId: string }>(
  services: TurnServices,
  kind: string,
  body: unknown,
  read: (body: unknown) => R,
  work: (request: R, turn: Turn) => Promise<void>,
): Promise<void> {
  await runTurn(services, kind, async (turn) => {
    turn.reply = looseReply(body);
    const request = read(body);
    turn.reply = request.reply;
    if (await firstTime(services, request.dedupeId, turn.log)) await work(request, turn);
  });
}

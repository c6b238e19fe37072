/**
 * Slash commands over HTTP, signed as Slack signs them, into a program's real Bolt
 * receiver: how long the ack (the HTTP answer Slack waits at most 3 seconds for)
 * takes at concurrency 1 and 50, and for PreLetter how long the person waits for the
 * `/preletter status` answer (the ephemeral message recorded at the fake).
 */
import { performance } from 'node:perf_hooks';
import { slashCommand, type SlackRequests } from '../adapters/slack/support/slack-requests';
import type { FakeWatch } from './fake-watch';
import type { SeenCall } from './fake-worker';
import { closedLoop, quantile } from './stats';

/** Who asks for their status in the bench: a mandate team member in the bound channel. */
const ASKER = 'U0MARA';

/** Ack latencies of one run. */
export interface AckRun {
  p50: number;
  p99: number;
  /** Acks per second over the run. */
  rate: number;
  /** For PreLetter: milliseconds from the last ack until every answer of the run had arrived. */
  drainMs?: number;
}

function isAnswerToAsker(call: SeenCall): boolean {
  return call.method === 'chat.postEphemeral' && call.ok && call.user === ASKER;
}

/**
 * `total` `/preletter status` commands at `concurrency`; every one must be acked 200.
 * With a watch, also waits until each command's answer reached the fake (answers may
 * queue behind the acks; they must all arrive).
 */
export async function ackRun(send: SlackRequests, total: number, concurrency: number, watch?: FakeWatch): Promise<AckRun> {
  let answered = 0;
  const off = watch?.on((call) => {
    if (isAnswerToAsker(call)) answered += 1;
  });
  try {
    const { latencies, wallMs } = await closedLoop(total, concurrency, async () => {
      const reply = await send.command(slashCommand(ASKER, 'status'));
      if (reply.status !== 200) throw new Error(`bench: a command was answered ${reply.status}: ${reply.text.slice(0, 200)}`);
    });
    const run: AckRun = { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), rate: (total / wallMs) * 1000 };
    if (!watch) return run;
    const lastAck = performance.now();
    const deadline = Date.now() + 120_000;
    while (answered < total) {
      if (Date.now() > deadline) throw new Error(`bench: only ${answered} of ${total} status answers arrived`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return { ...run, drainMs: performance.now() - lastAck };
  } finally {
    off?.();
  }
}

/** Milliseconds from sending `/preletter status` to its answer at the fake, one command at a time: p50 and p99. */
export async function statusAnswerLatency(send: SlackRequests, watch: FakeWatch, total: number): Promise<{ p50: number; p99: number }> {
  const out: number[] = [];
  for (let i = 0; i < total; i += 1) {
    const answered = watch.next(isAnswerToAsker);
    const start = performance.now();
    const reply = await send.command(slashCommand(ASKER, 'status'));
    if (reply.status !== 200) throw new Error(`bench: status was answered ${reply.status}`);
    out.push((await answered) - start);
  }
  return { p50: quantile(out, 0.5), p99: quantile(out, 0.99) };
}

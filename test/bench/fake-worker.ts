/**
 * The Slack Web API fake on a thread of its own (started by fake-watch.ts), so serving
 * a program's Web API calls never delays the bench's own requests and their timing:
 * answering PreLetter's posts must not count against PreLetter's acks. Each call the
 * fake records is sent to the bench as a short summary with the time it was recorded.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { SlackApiFake, type RecordedApiCall } from '../adapters/slack/support/slack-api-fake';
import { TEST_DIRECTORY } from '../support/test-directory';

/** What the bench learns of one recorded call. */
export interface SeenCall {
  method: string;
  ok: boolean;
  channel?: string;
  user?: string;
  threadTs?: string;
  /** The ts the fake gave a posted message. */
  ts?: string;
  /** The letter reference in a root card's metadata. */
  rootRef?: string;
  /** The first letter reference in the blocks (a direct message's buttons carry it). */
  blocksRef?: string;
  /** The bench's marker in the blocks (previews.ts puts one in each summary). */
  marker?: string;
  /** When it was recorded: performance.timeOrigin + performance.now() on the fake's thread. */
  at: number;
}

function summary(call: RecordedApiCall, at: number): SeenCall {
  const { args } = call;
  const blocks = args.blocks ? JSON.stringify(args.blocks) : '';
  const metadata = args.metadata as { event_payload?: { ref?: string } } | undefined;
  return {
    method: call.method,
    ok: call.ok,
    at,
    ...(typeof args.channel === 'string' ? { channel: args.channel } : {}),
    ...(typeof args.user === 'string' ? { user: args.user } : {}),
    ...(typeof args.thread_ts === 'string' ? { threadTs: args.thread_ts } : {}),
    ...(typeof call.result.ts === 'string' ? { ts: call.result.ts } : {}),
    ...(metadata?.event_payload?.ref ? { rootRef: metadata.event_payload.ref } : {}),
    ...(/PL-\d{4}-\d{4,}/.exec(blocks) ? { blocksRef: /PL-\d{4}-\d{4,}/.exec(blocks)![0] } : {}),
    ...(/bench-preview-\d+/.exec(blocks) ? { marker: /bench-preview-\d+/.exec(blocks)![0] } : {}),
  };
}

async function main(): Promise<void> {
  const port = parentPort!;
  const fake = await SlackApiFake.start({ wallClockTs: true });
  for (const p of TEST_DIRECTORY.people) fake.addUser(p.identities[0]!.userId, p.name);
  const calls = fake.calls;
  const push = calls.push.bind(calls);
  calls.push = (...items: RecordedApiCall[]) => {
    const at = performance.timeOrigin + performance.now();
    for (const item of items) port.postMessage({ type: 'call', call: summary(item, at) });
    // Only the summaries matter here: the fake need not keep every call of a long run.
    return push();
  };
  port.on('message', (message: { type: string }) => {
    if (message.type === 'close') void fake.close().then(() => port.postMessage({ type: 'closed' }));
  });
  port.postMessage({ type: 'ready', apiUrl: fake.apiUrl });
}

void main();

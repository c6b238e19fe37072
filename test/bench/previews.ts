/**
 * Complete previews per second, end to end through PreLetter's Slack adapter: each
 * preview is a signed view_submission of the preview form into the real receiver,
 * and counts as complete when the fake has recorded everything people see of it (the
 * root card in the channel, the routing note in its thread, a direct message to each
 * owner). Closed loop: each of `concurrency` submitters sends its next preview once its
 * last one is complete.
 */
import { performance } from 'node:perf_hooks';
import { previewValues, viewSubmission, type SlackRequests } from '../adapters/slack/support/slack-requests';
import { PreviewTracker, type FakeWatch } from './fake-watch';
import { closedLoop, quantile } from './stats';

/** The bound channel's form, as the modal carries it in private_metadata. */
const METADATA = JSON.stringify({ v: 1, workspaceId: 'T0TEST', channelId: 'C0NORTH', mandateChoice: false });
/** Northwind's content-moderation route has two owners. */
const OWNERS = 2;
/** Tom previews; Mara asks for her status in acks.ts, so his confirmations are never taken for her answers. */
const AUTHOR = 'U0TOM';

/** One run's figures. */
export interface PreviewRun {
  perSecond: number;
  /** Submit to complete, ms. */
  p50: number;
  p99: number;
}

let sequence = 0;

/** `total` previews with `concurrency` people submitting. */
export async function previewRun(send: SlackRequests, watch: FakeWatch, total: number, concurrency: number): Promise<PreviewRun> {
  const tracker = new PreviewTracker(watch, OWNERS);
  const completion: number[] = [];
  try {
    const { wallMs } = await closedLoop(total, concurrency, async () => {
      sequence += 1;
      const marker = `bench-preview-${sequence}`;
      const complete = tracker.complete(marker);
      const start = performance.now();
      const summary = `Heads-up ${marker}: a letter about content moderation during the election period.`;
      const reply = await send.interaction(
        viewSubmission({ user: AUTHOR, privateMetadata: METADATA, values: previewValues({ type: 'AL', topics: ['content-moderation'], summary }) }),
      );
      if (reply.status !== 200 || reply.text !== '') throw new Error(`bench: a preview submission was answered ${reply.status}: ${reply.text.slice(0, 200)}`);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error(`bench: ${marker} was not complete within 60 s`)), 60_000)));
      const done = await Promise.race([complete, late]).finally(() => clearTimeout(timer));
      completion.push(done - start);
    });
    return { perSecond: (total / wallMs) * 1000, p50: quantile(completion, 0.5), p99: quantile(completion, 0.99) };
  } finally {
    tracker.stop();
  }
}

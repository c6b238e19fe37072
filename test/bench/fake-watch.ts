/**
 * The Slack Web API fake every program of the bench talks to, on its own thread
 * (fake-worker.ts), watched as calls land: the bench times an answer to the
 * millisecond (the tests' waitFor polls every 20 ms) and tells when a preview is
 * complete at the fake: its root card in the channel, the routing note in its thread,
 * and a direct message to each owner.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { SeenCall } from './fake-worker';

type Listener = (call: SeenCall, at: number) => void;

/** Why: one hook on the fake's record, shared by every section that waits on it. */
export class FakeWatch {
  private readonly listeners = new Set<Listener>();

  private constructor(
    private readonly worker: Worker,
    /** SLACK_API_URL of the fake. */
    readonly apiUrl: string,
  ) {
    worker.on('message', (message: { type: string; call?: SeenCall }) => {
      if (message.type !== 'call' || !message.call) return;
      // The fake's clock, on this thread's timeline (performance.now() here).
      const at = message.call.at - performance.timeOrigin;
      for (const l of this.listeners) l(message.call, at);
    });
  }

  /** Starts the fake on its own thread (through tsx, as the bench itself runs). */
  static async start(): Promise<FakeWatch> {
    const file = path.join(__dirname, 'fake-worker.ts');
    const worker = new Worker(`require('tsx/cjs'); require(require('node:worker_threads').workerData.file);`, { eval: true, workerData: { file } });
    const apiUrl = await new Promise<string>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (message: { type: string; apiUrl?: string }) => {
        if (message.type === 'ready') resolve(message.apiUrl!);
      });
    });
    return new FakeWatch(worker, apiUrl);
  }

  /** Calls `listener` for every call recorded until the returned function is called. */
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the time of the first call that `match` accepts from now on. */
  next(match: (call: SeenCall) => boolean, timeoutMs = 30_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`bench: no matching Slack call within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on((call, at) => {
        if (!match(call)) return;
        clearTimeout(timer);
        off();
        resolve(at);
      });
    });
  }

  /** Stops the fake and its thread. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.worker.on('message', (m: { type: string }) => m.type === 'closed' && resolve()));
    this.worker.postMessage({ type: 'close' });
    await closed;
    await this.worker.terminate();
  }
}

/**
 * Why: a preview is complete when people can see all of it; this tracks, per letter,
 * the root card (its ref travels in the message metadata), the thread note (a post
 * in the root's thread) and the owners' direct messages, keyed by the summary's marker.
 */
export class PreviewTracker {
  private readonly byRootTs = new Map<string, string>();
  private readonly state = new Map<string, { marker: string; thread: boolean; dms: number }>();
  private readonly waiting = new Map<string, (at: number) => void>();
  private readonly off: () => void;

  constructor(watch: FakeWatch, private readonly owners: number) {
    this.off = watch.on((call, at) => this.see(call, at));
  }

  /** Resolves with the time at which the preview whose summary carries `marker` is complete. */
  complete(marker: string): Promise<number> {
    return new Promise((resolve) => this.waiting.set(marker, resolve));
  }

  stop(): void {
    this.off();
  }

  private see(call: SeenCall, at: number): void {
    if (call.method !== 'chat.postMessage' || !call.ok) return;
    let ref: string | undefined;
    if (call.rootRef && !call.threadTs) {
      ref = call.rootRef;
      if (call.ts) this.byRootTs.set(call.ts, ref);
      this.state.set(ref, { thread: false, dms: 0, ...this.state.get(ref), marker: call.marker ?? '' });
    } else if (call.threadTs) {
      ref = this.byRootTs.get(call.threadTs);
      if (ref) this.state.set(ref, { marker: '', dms: 0, ...this.state.get(ref), thread: true });
    } else if (call.channel?.startsWith('D')) {
      ref = call.blocksRef;
      if (ref) {
        const s = this.state.get(ref) ?? { marker: '', thread: false, dms: 0 };
        this.state.set(ref, { ...s, dms: s.dms + 1 });
      }
    }
    const s = ref ? this.state.get(ref) : undefined;
    if (s && s.marker && s.thread && s.dms >= this.owners) {
      this.waiting.get(s.marker)?.(at);
      this.waiting.delete(s.marker);
      this.state.delete(ref!);
    }
  }
}

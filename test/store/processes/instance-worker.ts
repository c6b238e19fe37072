/**
 * One long-running PreLetter instance as its own OS process, for the several-instances
 * tests: `tsx instance-worker.ts <options as JSON>`. It opens its own store on the test
 * server and runs what src/main.ts wires: the scheduler (cron, sweeper lease, the pacer
 * on the database) or the Teams app on an HTTP host. The parent talks to it in JSON
 * lines: commands on stdin (move the simulated clock, post, import, stop), events on
 * stdout (ready, every info log line, every platform post).
 */
import { createInterface } from 'node:readline';
import type { TeamsApp } from '../../../adapters/teams/app';
import type { BotDeps } from '../../../src/bot/deps';
import type { NeutralCard, PostedRoot } from '../../../src/bot/ports';
import { noticeCard } from '../../../src/bot/views/notice-card';
import { DEFAULT_POLICY } from '../../../src/domain/policy';
import type { ChannelBinding, Directory, PlatformIdentity } from '../../../src/domain/types';
import { startHttpHost, type HttpHost } from '../../../src/http';
import { errorDetails, type Logger } from '../../../src/logger';
import { ChannelPacer } from '../../../src/scheduler/pacer';
import { startScheduler, type Scheduler } from '../../../src/scheduler/scheduler';
import { openStore } from '../../../src/store';
import { storeDeps, testDeliverySettings } from '../../support/bot-harness';
import { cardText, RecordingPlatform } from '../../support/recording-platform';
import { SimulatedClock } from '../../support/simulated-clock';

/** How the parent starts a worker. */
export interface InstanceOptions {
  uri: string;
  dbName: string;
  instanceId: string;
  role: 'scheduler' | 'teams';
  /** The simulated clock's start; the parent moves it with `clock` commands. */
  clock: string;
  /** Scheduler: the cron (every second in tests) and the pacing interval. */
  cron?: string;
  paceMs?: number;
  /** Teams: where tenants no instance heard from are reached. */
  fallbackServiceUrl?: string;
}

/** What the parent may ask. */
export type InstanceCommand =
  | { cmd: 'clock'; at: string }
  | { cmd: 'post-root'; channel: ChannelBinding; title: string }
  | { cmd: 'import'; directory: Directory }
  | { cmd: 'stop' };

const emit = (event: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(event)}\n`);

/** Every log line, as an event: the parent waits for and asserts on log lines. */
function eventLogger(bindings: Record<string, unknown> = {}): Logger {
  const at = (level: string) => (context: Record<string, unknown>, message: string) => {
    emit({ event: 'log', level, message, context: { ...bindings, ...context } });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => eventLogger({ ...bindings, ...more }) };
}

/** The recording platform, telling the parent of every post as it happens (a killed process cannot report later). */
class ReportingPlatform extends RecordingPlatform {
  constructor(private readonly instanceId: string, clock: SimulatedClock) {
    super('slack', clock);
  }

  override async postRoot(channel: ChannelBinding, card: NeutralCard, marker?: string): Promise<PostedRoot> {
    const posted = await super.postRoot(channel, card, marker);
    emit({ event: 'post', label: `root|${marker}` });
    // Thread refs name the instance, so two processes' threads never look alike.
    return { threadRef: `${this.instanceId}/${posted.threadRef}`, messageRef: `${this.instanceId}/${posted.messageRef}` };
  }

  override async postInThread(threadRef: string, card: NeutralCard): Promise<string> {
    const ref = await super.postInThread(threadRef, card);
    emit({ event: 'post', label: `thread|${threadRef}|${cardText(card)}` });
    return ref;
  }

  override async sendDirect(user: PlatformIdentity, card: NeutralCard): Promise<string> {
    const ref = await super.sendDirect(user, card);
    emit({ event: 'post', label: `dm|${user.userId}|${cardText(card)}` });
    return ref;
  }
}

async function main(options: InstanceOptions): Promise<void> {
  const logger = eventLogger({ instanceId: options.instanceId });
  const store = await openStore({ uri: options.uri, dbName: options.dbName, logger });
  await store.ping();
  const clock = new SimulatedClock(options.clock);
  const pacer = new ChannelPacer(store.paces, options.paceMs ?? 0);
  const deps: BotDeps = {
    ...storeDeps(store),
    platforms: {},
    clock,
    policy: DEFAULT_POLICY,
    delivery: testDeliverySettings(options.instanceId, { pace: (key) => pacer.wait(key) }),
    logger,
  };
  let scheduler: Scheduler | undefined;
  let host: HttpHost | undefined;
  let teams: TeamsApp | undefined;
  if (options.role === 'scheduler') {
    deps.platforms.slack = new ReportingPlatform(options.instanceId, clock);
    scheduler = startScheduler({ deps, cron: options.cron ?? '* * * * * *', leases: store.leases });
  } else {
    // Loaded only here: a scheduler instance starts faster without botbuilder.
    const { createTeamsApp } = await import('../../../adapters/teams/app');
    host = await startHttpHost({ port: 0, host: '127.0.0.1', logger, ready: () => store.ping() });
    teams = createTeamsApp({
      config: { appType: 'MultiTenant' },
      deps,
      serviceUrls: store.serviceUrls,
      host,
      logger,
      ...(options.fallbackServiceUrl ? { fallbackServiceUrl: options.fallbackServiceUrl } : {}),
      retryPolicy: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    await teams.start();
  }
  emit({ event: 'ready', pid: process.pid, ...(host ? { url: `http://127.0.0.1:${host.port}/api/messages` } : {}) });

  const handle = async (command: InstanceCommand): Promise<void> => {
    switch (command.cmd) {
      case 'clock':
        clock.set(command.at);
        return emit({ event: 'clock', at: command.at });
      case 'post-root':
        try {
          const posted = await teams!.platform.postRoot(command.channel, noticeCard(command.title, 'Posted by another instance.'));
          return emit({ event: 'posted', threadRef: posted.threadRef });
        } catch (err) {
          return emit({ event: 'post-failed', error: (err as Error).message });
        }
      case 'import':
        await store.directory.apply(command.directory);
        return emit({ event: 'imported' });
      case 'stop':
        await scheduler?.stop();
        await teams?.stop();
        await host?.close();
        await store.close();
        emit({ event: 'stopped' });
        process.exit(0);
    }
  };
  // One command at a time, in order.
  let queue = Promise.resolve();
  createInterface({ input: process.stdin }).on('line', (line) => {
    queue = queue.then(() => handle(JSON.parse(line) as InstanceCommand)).catch((err: unknown) => emit({ event: 'error', error: errorDetails(err) }));
  });
}

main(JSON.parse(process.argv[2]!) as InstanceOptions).catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

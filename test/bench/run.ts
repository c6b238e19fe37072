/**
 * `npm run bench`: what PreLetter costs, side by side with a bare Bolt app on the same
 * machine in the same run. Live sections run PreLetter's build as its own process
 * (`node dist/src/main.js`, MONGODB_URI naming a database on the bench's embedded
 * server, already running) and a bare Bolt app (bare-bolt-app.ts), both talking to the
 * Slack Web API fake on a thread of its own: start-up to /readyz and memory,
 * slash-command ack latency at concurrency 1 and 50, complete previews per second, and
 * the `/preletter status` answer. Then the database round trips of one preview and one
 * status answer, and the history figures (history.ts). Numbers are printed, never
 * asserted: run it on an idle machine. `--live-only` skips the history figures.
 */
import { cpus, loadavg } from 'node:os';
import { ackRun, statusAnswerLatency, type AckRun } from './acks';
import { measureHistory } from './history';
import { previewRun, type PreviewRun } from './previews';
import { countRoundTrips } from './round-trips';
import { measureStartup } from './startup';
import { table, type Row } from './stats';
import { ensureBuilt, openBenchWorld, slackRequestsTo, startKind } from './world';

const ACKS = { warmup: 100, atOne: 300, atFifty: 1000 };
const PREVIEWS: Array<[concurrency: number, total: number]> = [
  [1, 30],
  [10, 200],
  [50, 300],
];
const STATUS_ANSWERS = 50;

const log = (line: string) => process.stdout.write(`${line}\n`);

function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} cores (${model}), Node.js ${process.version}, load average ${loadavg()[0]!.toFixed(2)}`;
}

async function acksSection(toBare: ReturnType<typeof slackRequestsTo>, toPreLetter: ReturnType<typeof slackRequestsTo>, watch: Parameters<typeof ackRun>[3]): Promise<string[]> {
  await ackRun(toBare, ACKS.warmup, 10);
  await ackRun(toPreLetter, ACKS.warmup, 10, watch);
  const rows: Row[] = [];
  let drainMs = 0;
  for (const [concurrency, total] of [[1, ACKS.atOne], [50, ACKS.atFifty]] as const) {
    const b: AckRun = await ackRun(toBare, total, concurrency);
    const p: AckRun = await ackRun(toPreLetter, total, concurrency, watch);
    log(`  concurrency ${concurrency}: ack p99 bare ${b.p99.toFixed(1)} ms, PreLetter ${p.p99.toFixed(1)} ms`);
    rows.push([`ack p50, concurrency ${concurrency} (ms)`, b.p50, p.p50, p.p50 / b.p50]);
    rows.push([`ack p99, concurrency ${concurrency} (ms)`, b.p99, p.p99, p.p99 / b.p99]);
    rows.push([`acks per second, concurrency ${concurrency}`, b.rate, p.rate, p.rate / b.rate]);
    drainMs = p.drainMs ?? 0;
  }
  return [
    '',
    `Slash-command ack: signed /preletter status into the real Bolt receiver (${ACKS.atOne} at concurrency 1, ${ACKS.atFifty} at 50; the bare app only acks)`,
    ...table(['figure', 'bare Bolt', 'PreLetter', 'ratio'], rows, 2),
    `PreLetter's ${ACKS.atFifty} status answers at concurrency 50 had all arrived ${(drainMs / 1000).toFixed(1)} s after its last ack (answers queue; acks do not).`,
  ];
}

async function live(): Promise<string[]> {
  const world = await openBenchWorld();
  const out: string[] = [];
  try {
    log('start-up and memory…');
    const startup = await measureStartup(world, log);
    out.push('', 'Start-up to the first 200 on /readyz, and resident memory once ready (median of the starts; PreLetter on MONGODB_URI, the bench\'s embedded server already running)');
    out.push(...table(['program', 'ready ms', 'RSS MiB', 'RSS with children MiB', 'starts'], startup, 0));

    const bare = await startKind(world, 'bare-bolt');
    const preletter = await startKind(world, 'preletter');
    try {
      const toBare = slackRequestsTo(bare);
      const toPreLetter = slackRequestsTo(preletter);
      log('previews through the Slack adapter…');
      await previewRun(toPreLetter, world.watch, 10, 1); // warm-up
      const previews: Array<[number, PreviewRun]> = [];
      for (const [concurrency, total] of PREVIEWS) {
        const run = await previewRun(toPreLetter, world.watch, total, concurrency);
        log(`  concurrency ${concurrency}: ${run.perSecond.toFixed(1)} previews/s`);
        previews.push([concurrency, run]);
      }
      log('slash-command acks…');
      out.push(...(await acksSection(toBare, toPreLetter, world.watch)));
      log('/preletter status answers…');
      const answer = await statusAnswerLatency(toPreLetter, world.watch, STATUS_ANSWERS);
      const memory = preletter.memory();

      out.push('', 'Complete previews: view_submission into the Slack adapter until the fake has the root card, the thread note and both owners\' direct messages');
      out.push(...table(['concurrency', 'previews/s', 'submit→complete p50 ms', 'p99 ms'], previews.map(([c, r]): Row => [String(c), r.perSecond, r.p50, r.p99])));
      out.push('', `/preletter status answer: command sent → ephemeral answer at the fake, one at a time (${STATUS_ANSWERS} commands)`);
      out.push(...table(['figure', 'ms'], [['answer p50', answer.p50], ['answer p99', answer.p99]]));
      out.push(`PreLetter's resident memory after all of the above: ${memory.rssMiB.toFixed(0)} MiB.`);
    } finally {
      await preletter.stop();
      await bare.stop();
    }
  } finally {
    await world.close();
  }
  return out;
}

async function roundTrips(): Promise<string[]> {
  log('database round trips…');
  const { preview, status } = await countRoundTrips();
  return [
    '',
    'Database round trips (use cases on the embedded database, counted on the wire)',
    ...table(
      ['use case', 'round trips', 'writes', 'ms at the server'],
      [
        ['one preview, published', preview.total, preview.writes, preview.serverMs],
        ['one status answer', status.total, status.writes, status.serverMs],
      ],
      0,
    ),
  ];
}

async function main(): Promise<void> {
  ensureBuilt(log);
  const lines = [`machine: ${machine()} at the start`];
  lines.push(...(await live()));
  lines.push(...(await roundTrips()));
  if (!process.argv.includes('--live-only')) {
    log('history: 1k and 10k letters…');
    const history = await measureHistory(log);
    lines.push('', 'As history grows (use cases called directly on the embedded database, recording platform)');
    lines.push(...table(['figure', '1k', '10k', 'ratio 10k/1k'], history, 2));
  }
  lines.push('', `load average at the end: ${loadavg()[0]!.toFixed(2)}`);
  log('');
  for (const line of lines) log(line);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});

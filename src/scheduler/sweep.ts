/**
 * One scheduler sweep. It reads the wake time (one document); when nothing can be due
 * yet it stops there, so an idle sweep costs the same with ten letters or ten thousand.
 * Otherwise it reads the letters due now from the agenda (a small collection of open
 * letters), takes each for a lease (a compare-and-set on its agenda entry, so
 * instances share the letters between them), makes its deliveries
 * (src/bot/deliver-letter.ts; deliver-flag.ts and deliver-call.ts for flags and calls for
 * input: claim, make, record, reschedule), and settles the wake
 * time. Any number of instances can sweep at once: each delivery is still claimed by
 * exactly one of them. A letter whose handling fails is put back a few minutes, so it
 * never holds up the letters behind it.
 */
import { isCallRef } from '../domain/call';
import { isFlagRef } from '../domain/flag';
import { emptyReport, type DeliveryReport } from '../bot/claims';
import { deliverCallNow } from '../bot/deliver-call';
import { deliverFlag } from '../bot/deliver-flag';
import { deliverLetter } from '../bot/deliver-letter';
import type { BotDeps } from '../bot/deps';
import { isPreLetterError } from '../domain/errors';
import { errorDetails } from '../logger';

/** What one sweep did, for logs and tests. */
export interface SweepReport extends DeliveryReport {
  /** True when the wake time said nothing could be due, and nothing else was read. */
  idle: boolean;
  /** Letters whose handling failed and were put back. */
  failed: number;
}

/** How a sweep reads the agenda; the rest comes from deps.delivery. */
export interface SweepOptions {
  /** Due letters read from the agenda at a time. */
  batchSize: number;
  /** Ignore the wake time and read the agenda anyway (a periodic safety net, and tests). */
  full?: boolean;
  /** Asked between letters: true stops taking new ones (shutdown); the rest stay due for the next sweep, here or elsewhere. */
  shouldStop?: () => boolean;
}

/** Production default: 200 due letters a batch. */
export const DEFAULT_SWEEP_OPTIONS: SweepOptions = { batchSize: 200 };

/** One letter's trouble (a directory entry gone, a database hiccup) must not stop the others' deliveries. */
async function isolated(deps: BotDeps, ref: string, version: number, report: SweepReport, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    report.failed += 1;
    deps.logger.error({ ref, code: isPreLetterError(err) ? err.code : 'internal', ...errorDetails(err) }, 'sweep skipped a letter');
    const later = new Date(deps.clock.now().getTime() + deps.delivery.letterRetryMs);
    await deps.schedule.reschedule(ref, later, version).catch(() => undefined);
  }
}

/** Runs one sweep at the clock's current time; it reads each directory entry once, however many letters name it. */
export async function sweep(base: BotDeps, options: SweepOptions = DEFAULT_SWEEP_OPTIONS): Promise<SweepReport> {
  const deps: BotDeps = { ...base, directory: base.directory.unitOfWork() };
  const report: SweepReport = { ...emptyReport(), idle: false, failed: 0 };
  const now = deps.clock.now();
  const wake = await deps.schedule.wake();
  if (!options.full && (wake.at === null || wake.at > now)) return { ...report, idle: true };
  const seen = new Set<string>();
  for (;;) {
    if (options.shouldStop?.()) break;
    const due = (await deps.schedule.due(now, options.batchSize + seen.size)).filter((entry) => !seen.has(entry.ref));
    if (due.length === 0) break;
    for (const entry of due) {
      if (options.shouldStop?.()) break;
      seen.add(entry.ref);
      // Take the letter for the length of a lease: other instances' sweeps stop seeing it as due, so instances
      // share the work instead of each walking every letter. If this instance dies, the letter is due again then.
      const lease = new Date(now.getTime() + deps.delivery.leaseMs);
      if (!(await deps.schedule.reschedule(entry.ref, lease, entry.version))) continue;
      // The agenda holds letters, flags and calls for input alike; a reference names its series.
      const deliver = isFlagRef(entry.ref) ? deliverFlag : isCallRef(entry.ref) ? deliverCallNow : deliverLetter;
      await isolated(deps, entry.ref, entry.version, report, () => deliver(deps, entry.ref, report, entry).then(() => undefined));
    }
  }
  await deps.schedule.settleWake(wake.version);
  return report;
}

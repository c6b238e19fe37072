/**
 * `npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format csv|json|html [--out FILE] [--lang en|fr|es]`:
 * the record of who replied (letters), acknowledged (flags) and answered (calls for input) in
 * time, for every mandate, from the database the bot uses; and
 * `npm run report -- --timeline PL-2026-0007 [--out FILE]`: one letter's whole timeline as JSON,
 * for the archive. Both days of the period are included, and days begin at midnight in
 * DEFAULT_TIMEZONE; without --from or --to the period is the twelve months up to today.
 */
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { voiceFor } from '../bot/messages/catalogue';
import { LANGUAGES } from '../bot/messages/format';
import { readReport } from '../bot/report';
import type { CallRepository, DirectoryRepository, FlagRepository, LetterRepository } from '../bot/repositories';
import { isPreLetterError } from '../domain/errors';
import type { ClockPolicy } from '../domain/policy';
import { lastTwelveMonths, periodIn, validDay, type PeriodDays } from '../domain/report-period';
import { readCliArgs, type CliOptions } from './cli-args';
import { openConfiguredStore } from './configured-store';
import { letterTimeline, peopleOf } from './letter-timeline';
import { reportCsv, reportJson } from './report-formats';
import { reportHtml } from './report-html';

/** Where the CLI writes: stdout for the report itself (pipeable, written as is), stderr for what is said to the operator. */
export interface ReportIo {
  out(text: string): void;
  err(line: string): void;
}

/** How the CLI reaches the letters, flags, calls and the directory, and what time it is; tests pass a test store and a fixed moment. */
export interface ReportDeps {
  openStore(): Promise<{
    directory: DirectoryRepository;
    letters: LetterRepository;
    flags: FlagRepository;
    calls: CallRepository;
    policy: ClockPolicy;
    close(): Promise<void>;
  }>;
  now(): Date;
}

/** Exit codes, as the other CLIs': 0 done, 1 the database or a file had a problem (or no such letter), 2 the command was misused. */
export const REPORT_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = [
  'Usage:',
  '  npm run report -- --format csv|json|html [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE] [--lang en|fr|es]',
  '      per company and per mandate: letters, replies in time, median days, overdue now;',
  '      flags, acknowledged before the admins were told, median days, awaiting now;',
  '      calls for input, answered by the deadline, median days, unanswered now',
  '      (both days included; default: the twelve months up to today)',
  '  npm run report -- --timeline PL-2026-0007 [--out FILE]',
  "      one letter's whole timeline (facts and audit trail) as JSON, for the archive",
];

const OPTIONS: CliOptions = {
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  lang: { type: 'string' },
  timeline: { type: 'string' },
};

const day = (option: string) =>
  z.string().refine((text) => validDay(text) === text, { error: `${option} must be a day written YYYY-MM-DD, such as 2026-03-31.` });

/** The command line, checked once here: every later step trusts these values. */
const optionsSchema = z
  .object({
    from: day('--from').optional(),
    to: day('--to').optional(),
    format: z.enum(['csv', 'json', 'html'], { error: 'Please choose --format csv, --format json or --format html.' }).optional(),
    out: z.string().optional(),
    lang: z.enum(LANGUAGES, { error: 'Please choose --lang en, --lang fr or --lang es.' }).default('en'),
    timeline: z
      .string()
      .regex(/^PL-\d{4}-\d{4,}$/i, { error: '--timeline takes a letter reference, such as PL-2026-0007.' })
      .transform((ref) => ref.toUpperCase())
      .optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.timeline && (o.format || o.from || o.to)) ctx.addIssue({ code: 'custom', message: '--timeline exports one letter as JSON: leave out --format, --from and --to.' });
    if (!o.timeline && !o.format) ctx.addIssue({ code: 'custom', message: 'Please choose --format csv, --format json or --format html (or --timeline REF).' });
    if (o.from && o.to && o.from > o.to) ctx.addIssue({ code: 'custom', message: `--from (${o.from}) is after --to (${o.to}): the period would be empty.` });
  });

type Options = z.infer<typeof optionsSchema>;

function usage(io: ReportIo, problem: string): number {
  io.err(problem);
  USAGE.forEach((line) => io.err(line));
  return REPORT_EXIT.usage;
}

/** Why: the days asked for; a missing end is today, a missing start twelve months before the end. */
function periodDays(options: Options, now: Date, zone: string): PeriodDays {
  const last = options.to ?? lastTwelveMonths(now, zone).last;
  return { first: options.from ?? lastTwelveMonths(new Date(`${last}T12:00:00Z`), 'UTC').first, last };
}

type Store = Awaited<ReturnType<ReportDeps['openStore']>>;

async function reportText(store: Store, options: Options, io: ReportIo, now: Date): Promise<string> {
  const zone = store.policy.defaultTimeZone;
  const days = periodDays(options, now, zone);
  if (days.first > days.last) throw new RangeError(`--from (${days.first}) is after the end of the period (${days.last}).`);
  const { report, names } = await readReport(store, { period: periodIn(days, zone), now });
  const { letters, flags, calls } = report.total;
  io.err(
    `Report from ${days.first} to ${days.last} (days from midnight in ${zone}): ${letters.previewed} letters previewed, ${letters.overdueNow.length} overdue now; ` +
      `${flags.raised} flags raised, ${flags.awaitingNow.length} awaiting acknowledgement now; ${calls.published} calls for input published, ${calls.unansweredNow.length} unanswered now.`,
  );
  if (options.format === 'csv') return reportCsv(report, names);
  if (options.format === 'json') return reportJson(report, names, { days, zone });
  return reportHtml({ report, names, days, voice: voiceFor({ locale: options.lang, zone }) });
}

async function timelineText(store: Store, ref: string, now: Date): Promise<string | undefined> {
  const letter = await store.letters.get(ref);
  if (!letter) return undefined;
  const [mandate, company, people] = await Promise.all([
    store.directory.getMandate(letter.mandateKey),
    store.directory.getCompany(letter.companyKey),
    store.directory.getPeople(peopleOf(letter)),
  ]);
  return `${JSON.stringify(letterTimeline(letter, { mandate, company, people }, store.policy, now), null, 2)}\n`;
}

/** The whole CLI as a function of its arguments, so tests run it in-process on a test database. */
export async function runReportCli(argv: string[], io: ReportIo, deps: ReportDeps): Promise<number> {
  if (['help', '--help', '-h'].includes(argv[0] ?? '')) {
    USAGE.forEach((line) => io.out(`${line}\n`));
    return REPORT_EXIT.ok;
  }
  const args = readCliArgs(argv, OPTIONS);
  if (args.unknown) return usage(io, `Sorry, report does not know the option ${args.unknown}.`);
  if (args.missingValue) return usage(io, `Please give ${args.missingValue} a value.`);
  if (args.positionals.length > 0) return usage(io, `Sorry, report does not take ${args.positionals[0]}.`);
  const parsed = optionsSchema.safeParse(args.values);
  if (!parsed.success) return usage(io, parsed.error.issues[0]!.message);
  const options = parsed.data;
  try {
    const store = await deps.openStore();
    let text: string | undefined;
    try {
      text = options.timeline ? await timelineText(store, options.timeline, deps.now()) : await reportText(store, options, io, deps.now());
    } finally {
      await store.close();
    }
    if (text === undefined) {
      io.err(`There is no letter ${options.timeline} in this database; nothing was written.`);
      return REPORT_EXIT.failed;
    }
    if (!options.out) {
      io.out(text);
      return REPORT_EXIT.ok;
    }
    await writeFile(options.out, text, 'utf8');
    io.err(`Wrote ${options.out} (${Buffer.byteLength(text)} bytes).`);
    return REPORT_EXIT.ok;
  } catch (err) {
    const reason = isPreLetterError(err) ? err.userMessage : (err as Error).message;
    io.err(`The report could not be made, and nothing was written: ${reason}`);
    return REPORT_EXIT.failed;
  }
}

/** Real wiring: the same database and clocks as the bot (src/cli/configured-store.ts), and the real time. */
export function configuredReportDeps(io: ReportIo, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ReportDeps {
  return {
    async openStore() {
      const { store, policy, close } = await openConfiguredStore((line) => io.err(line), env, cwd);
      return { directory: store.directory, letters: store.letters, flags: store.flags, calls: store.calls, policy, close };
    },
    now: () => new Date(),
  };
}

if (require.main === module) {
  const io: ReportIo = { out: (text) => process.stdout.write(text), err: (line) => console.error(line) };
  void runReportCli(process.argv.slice(2), io, configuredReportDeps(io)).then((code) => {
    process.exitCode = code;
  });
}

/**
 * Use case: who answered in time? `report [period]` answers a mandate team member with the
 * record of their own mandates' letters, flags and calls for input, an admin with every
 * mandate's (and the flags no mandate covered), and anyone else with a polite refusal. The
 * answer is private, in the reader's language, its days counted in their zone, and holds
 * counts, company names and references only: never a letter's, a flag's or a call's text.
 */
import { companyKeysOf, computeReport, mandateKeysOf, type Report, type ReportItem, type ReportPeriod } from '../domain/report';
import { lastTwelveMonths, periodIn, type PeriodDays } from '../domain/report-period';
import type { PlatformIdentity } from '../domain/types';
import { resolveActor } from './actor';
import { inUnitOfWork, type BotDeps } from './deps';
import { refusal } from './messages/catalogue';
import type { NeutralCard } from './ports';
import { reportCard, type ReportNames } from './views/report-card';
import { personVoice } from './voices';

/** A report question: who asks, and for which days (the last twelve months when none are given). */
export interface ReportRequest {
  actor: PlatformIdentity;
  period?: PeriodDays;
}

/** Why: what the bot's answer and the CLI's files both need: the figures, and the names to show them by. */
export interface ReadReport {
  report: Report;
  names: ReportNames;
}

/**
 * Why: one way to make a report from the store, for the command and `npm run report` alike: the
 * letters, flags and calls it counts (of `mandateKeys`, or all), each letter's deadline in its
 * mandate's zone and each flag's mark on the flag clocks, as the bot keeps them, and the
 * directory's names for the keys (a key stands in for an entry since removed).
 */
export async function readReport(
  deps: Pick<BotDeps, 'directory' | 'letters' | 'flags' | 'calls' | 'policy'>,
  request: { period: ReportPeriod; now: Date; mandateKeys?: string[] },
): Promise<ReadReport> {
  const { period, now, mandateKeys } = request;
  // One unit of work: the directory is checked for changes once, not once per mandate and company named.
  const directory = deps.directory.unitOfWork();
  const only = mandateKeys ? { mandateKeys } : {};
  const [letters, flags, calls] = await Promise.all([
    deps.letters.forReport({ previewedFrom: period.from, previewedBefore: period.to, ...only }),
    deps.flags.forReport({ raisedFrom: period.from, raisedBefore: period.to, ...only }),
    deps.calls.forReport({ publishedFrom: period.from, publishedBefore: period.to, now, ...only }),
  ]);
  const items: ReportItem[] = [...letters, ...flags, ...calls];
  const [mandates, companies] = await Promise.all([
    Promise.all([...new Set(items.flatMap(mandateKeysOf))].map((key) => directory.getMandate(key))),
    Promise.all([...new Set(items.flatMap(companyKeysOf))].map((key) => directory.getCompany(key))),
  ]);
  const mandateOf = new Map(mandates.flatMap((m) => (m ? [[m.key, m] as const] : [])));
  const companyOf = new Map(companies.flatMap((c) => (c ? [[c.key, c] as const] : [])));
  const report = computeReport(items, {
    period,
    now,
    responseWindowDays: deps.policy.responseWindowDays,
    zoneOf: (key) => mandateOf.get(key)?.timeZone ?? deps.policy.defaultTimeZone,
    flagClock: deps.policy,
  });
  return {
    report,
    names: {
      company: (key) => companyOf.get(key)?.name ?? key,
      mandate: (key) => mandateOf.get(key)?.title ?? key,
    },
  };
}

/** Answers `/preletter report [period]` privately; throws a polite refusal for anyone not on a mandate team or an admin. */
export async function report(base: BotDeps, request: ReportRequest): Promise<NeutralCard> {
  const deps = inUnitOfWork(base);
  const person = await resolveActor(deps, request.actor);
  const voice = personVoice(deps, person);
  const mandates = person.admin ? undefined : await deps.directory.mandatesOfPerson(person.key);
  if (mandates?.length === 0) throw refusal('forbidden', { key: 'report.not-allowed' }, { person: person.key });
  const now = deps.clock.now();
  const days = request.period ?? lastTwelveMonths(now, voice.zone);
  const read = await readReport(deps, { period: periodIn(days, voice.zone), now, ...(mandates ? { mandateKeys: mandates.map((m) => m.key) } : {}) });
  return reportCard({ ...read, days, voice, ...(mandates ? { scope: mandates.map((m) => m.title) } : {}) });
}

/**
 * Flags in the record: how promptly mandate teams acknowledged what companies raised. A flag
 * is acknowledged in time when someone acknowledged it no later than the moment the flag clocks
 * tell the admins (src/domain/flag-schedule.ts: business days, or hours when urgent), so "in
 * time" means "before the admins had to be told". Pure, like the letters' figures (report.ts).
 *
 * A flag counts in its company's row and in the row of EACH mandate it went to; a flag no
 * mandate covered (it went to the admins) counts in the total and its company's row only,
 * measured against the same mark. Acknowledged by one of its mandates, it is acknowledged in
 * each of its rows: a flag is acknowledged once.
 */
import type { Flag, FlagRouting } from './flag';
import { flagEscalationAt, type FlagEscalationPolicy } from './flag-schedule';
import { compareRefs, inPeriod, medianDays, shareOf } from './report-measures';

/** Why: what a report reads of a flag: who raised it, where it went, its facts; never its summary or topics, so a report cannot leak one. */
export type ReportFlag = { kind: 'flag' } & Pick<Flag, 'ref' | 'companyKey' | 'urgent' | 'raised' | 'acknowledged'> & Pick<FlagRouting, 'mandateKeys' | 'toAdmins'>;

/** Why: the rules flags' figures apply: the period, the present moment, and the flag clocks as the bot keeps them. */
export interface FlagRules {
  period: { from: Date; to: Date };
  now: Date;
  /** When the admins are told of an unacknowledged flag (ClockPolicy: `flag`, the default zone, the working day's start). */
  flagClock: FlagEscalationPolicy;
}

/** Why: the figures of flags in one row; every count is of flags raised in the period, except awaitingNow. */
export interface FlagFigures {
  /** Flags raised in the period. */
  raised: number;
  /** Of those, acknowledged by a mandate team (or an admin), and the median days from raising to acknowledgement. */
  acknowledged: number;
  medianDaysToAcknowledge: number | null;
  /** Of those, flags whose acknowledgement has fallen due: acknowledged, or the admins' mark passed without one. */
  acknowledgementDue: number;
  /** Of those due, acknowledged no later than the moment the admins are told. */
  acknowledgedInTime: number;
  /** acknowledgedInTime / acknowledgementDue, rounded to three decimals; null when no acknowledgement has fallen due. */
  inTimeShare: number | null;
  /** References of every flag still unacknowledged past the admins' mark at the report's moment, whenever it was raised, oldest first. */
  awaitingNow: string[];
}

/** Why: a flag with the moment its admins are told worked out once: a report reads it for the total, its company and each mandate. */
export interface MarkedFlag {
  item: ReportFlag;
  escalation: Date;
}

/** Why: the mark a flag's acknowledgement is measured against, once per flag. */
export function markFlag(flag: ReportFlag, rules: FlagRules): MarkedFlag {
  return { item: flag, escalation: flagEscalationAt(flag, rules.flagClock) };
}

/** Why: "overdue now" for a flag: nobody acknowledged it, and the admins' mark has passed. */
export function isAwaitingNow({ item, escalation }: MarkedFlag, now: Date): boolean {
  return !item.acknowledged && now.getTime() > escalation.getTime();
}

/** Why: a flag belongs in a row when it was raised in the period or still awaits an acknowledgement past its mark. */
export function flagMatters(entry: MarkedFlag, rules: FlagRules): boolean {
  return inPeriod(entry.item.raised.at, rules.period) || isAwaitingNow(entry, rules.now);
}

/** Why: the flags' figures of one row, from its flags (those of the period and any awaiting now). */
export function flagFigures(flags: ReportFlag[], rules: FlagRules): FlagFigures {
  return figuresOfFlags(
    flags.map((flag) => markFlag(flag, rules)),
    rules,
  );
}

/** Why: the same figures from flags already marked, as computeReport passes them for each row. */
export function figuresOfFlags(flags: MarkedFlag[], rules: FlagRules): FlagFigures {
  const toAcknowledge: number[] = [];
  const awaitingNow: string[] = [];
  let raised = 0;
  let due = 0;
  let inTime = 0;
  for (const entry of flags) {
    const { item: flag, escalation } = entry;
    if (isAwaitingNow(entry, rules.now)) awaitingNow.push(flag.ref);
    if (!inPeriod(flag.raised.at, rules.period)) continue;
    raised += 1;
    if (flag.acknowledged) {
      toAcknowledge.push(flag.acknowledged.at.getTime() - flag.raised.at.getTime());
      if (flag.acknowledged.at.getTime() <= escalation.getTime()) inTime += 1;
    }
    if (flag.acknowledged || rules.now.getTime() > escalation.getTime()) due += 1;
  }
  return {
    raised,
    acknowledged: toAcknowledge.length,
    medianDaysToAcknowledge: medianDays(toAcknowledge),
    acknowledgementDue: due,
    acknowledgedInTime: inTime,
    inTimeShare: shareOf(inTime, due),
    awaitingNow: awaitingNow.sort(compareRefs),
  };
}

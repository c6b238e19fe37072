/**
 * What a report reads of flags: those raised in its period and every flag still unacknowledged
 * (any of them may await an acknowledgement past the admins' mark now), as facts only: the
 * summary, topics, channel and threads never leave the database for a report. One query, as
 * for letters (report-letters.ts); flags are far fewer than letters.
 */
import type { FlagReportQuery } from '../bot/repositories';
import type { ReportFlag } from '../domain/report';
import type { Fact } from '../domain/types';
import type { StoreContext } from './store-connection';

/** The fields a report needs; everything else (the summary above all) stays in the database. */
const PROJECTION = {
  _id: 0,
  ref: 1,
  companyKey: 1,
  urgent: 1,
  'routing.mandateKeys': 1,
  'routing.toAdmins': 1,
  raised: 1,
  acknowledged: 1,
} as const;

interface ReportFlagDoc {
  ref: string;
  companyKey: string;
  urgent?: boolean;
  routing?: { mandateKeys?: string[]; toAdmins?: boolean };
  raised: Fact;
  acknowledged?: (Fact & { mandateKey: string }) | null;
}

function toReportFlag(doc: ReportFlagDoc, visible: Set<string> | undefined): ReportFlag {
  const mandateKeys = [...(doc.routing?.mandateKeys ?? [])];
  const flag: ReportFlag = {
    kind: 'flag',
    ref: doc.ref,
    companyKey: doc.companyKey,
    urgent: Boolean(doc.urgent),
    mandateKeys: visible ? mandateKeys.filter((key) => visible.has(key)) : mandateKeys,
    toAdmins: Boolean(doc.routing?.toAdmins),
    raised: { at: doc.raised.at, by: doc.raised.by },
  };
  if (doc.acknowledged) flag.acknowledged = { at: doc.acknowledged.at, by: doc.acknowledged.by, mandateKey: doc.acknowledged.mandateKey };
  return flag;
}

/**
 * Why: one find whose filter and projection keep a report to the flags and fields it counts; for
 * a mandate team, only flags routed to its mandates, each naming only those of its mandates.
 */
export function reportFlags(ctx: StoreContext, query: FlagReportQuery): Promise<ReportFlag[]> {
  return ctx.run('reportFlags', { mandates: query.mandateKeys?.length ?? 'all' }, async () => {
    if (query.mandateKeys?.length === 0) return [];
    const filter = {
      ...(query.mandateKeys ? { 'routing.mandateKeys': { $in: query.mandateKeys } } : {}),
      $or: [{ 'raised.at': { $gte: query.raisedFrom, $lt: query.raisedBefore } }, { acknowledged: { $exists: false } }],
    };
    const docs = await ctx.models.flag.find(filter, PROJECTION).lean<ReportFlagDoc[]>();
    const visible = query.mandateKeys ? new Set(query.mandateKeys) : undefined;
    return docs.map((doc) => toReportFlag(doc, visible));
  });
}

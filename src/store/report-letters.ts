/**
 * What a report reads: the letters previewed in its period and every letter still waiting for
 * its reply (any of them may be overdue now), as facts only: no summary, routing, threads or
 * audit trail ever leave the database for a report. Reports are the one use of history, asked
 * for now and then, so this is one query. MongoDB scans the collection in milliseconds; the
 * embedded development server decodes every letter for any filter but `_id`, about 0.7 ms a
 * letter (README, "Reports").
 */
import type { ReportQuery } from '../bot/repositories';
import type { ReportLetter } from '../domain/report';
import { copyFact, facts } from './letter-model';
import type { StoreContext } from './store-connection';

/** The fields a report needs; everything else (the text above all) stays in the database. */
const PROJECTION = {
  _id: 0,
  ref: 1,
  mandateKey: 1,
  companyKey: 1,
  previewed: 1,
  acknowledged: 1,
  formalSent: 1,
  replied: 1,
  withdrawn: 1,
} as const;

type ReportDoc = Omit<ReportLetter, 'kind'>;

function toReportLetter(doc: ReportDoc): ReportLetter {
  return { kind: 'letter', ref: doc.ref, mandateKey: doc.mandateKey, companyKey: doc.companyKey, previewed: copyFact(doc.previewed)!, ...facts(doc) };
}

/** Why: one find whose filter and projection keep a report to the letters and fields it counts. */
export function reportLetters(ctx: StoreContext, query: ReportQuery): Promise<ReportLetter[]> {
  return ctx.run('reportLetters', { mandates: query.mandateKeys?.length ?? 'all' }, async () => {
    if (query.mandateKeys?.length === 0) return [];
    const filter = {
      ...(query.mandateKeys ? { mandateKey: { $in: query.mandateKeys } } : {}),
      $or: [
        { 'previewed.at': { $gte: query.previewedFrom, $lt: query.previewedBefore } },
        { formalSent: { $exists: true }, replied: { $exists: false }, withdrawn: { $exists: false } },
      ],
    };
    const docs = await ctx.models.letter.find(filter, PROJECTION).lean<ReportDoc[]>();
    return docs.map(toReportLetter);
  });
}

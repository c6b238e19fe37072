/**
 * What a report reads of calls for input: those published in its period and every call not
 * closed whose deadline has passed (any of them may miss a company's answer now), as facts
 * only: the title, link, topics, owners, channels and cards never leave the database for a
 * report, nor who answered. One query, as for letters and flags (report-letters.ts); calls are
 * far fewer than letters (tens a year).
 */
import type { CallReportQuery } from '../bot/repositories';
import type { CallAnswerEvent, CallAnswerFact } from '../domain/call';
import { reportCallOf, type ReportCall } from '../domain/report-calls';
import type { Fact } from '../domain/types';
import type { StoreContext } from './store-connection';

/** The fields a report needs; everything else (the title, link and topics above all) stays in the database. */
const PROJECTION = {
  _id: 0,
  ref: 1,
  mandateKey: 1,
  deadline: 1,
  published: 1,
  closed: 1,
  'recipients.companyKey': 1,
  answers: 1,
  'history.companyKey': 1,
  'history.answer': 1,
  'history.at': 1,
} as const;

interface ReportCallDoc {
  ref: string;
  mandateKey: string;
  deadline: Date;
  published: Fact;
  closed?: Fact | null;
  recipients?: Array<{ companyKey: string }>;
  answers?: Record<string, CallAnswerFact> | null;
  history?: Array<Omit<CallAnswerEvent, 'by'>>;
}

function toReportCall(doc: ReportCallDoc): ReportCall {
  return reportCallOf({
    ref: doc.ref,
    mandateKey: doc.mandateKey,
    deadline: new Date(doc.deadline),
    published: { at: new Date(doc.published.at), by: doc.published.by },
    ...(doc.closed ? { closed: { at: new Date(doc.closed.at), by: doc.closed.by } } : {}),
    recipients: (doc.recipients ?? []).map((r) => ({ companyKey: r.companyKey })),
    answers: Object.fromEntries(Object.entries(doc.answers ?? {}).map(([key, a]) => [key, { answer: a.answer, at: new Date(a.at), by: '' }])),
    history: (doc.history ?? []).map((e) => ({ companyKey: e.companyKey, answer: e.answer, at: new Date(e.at), by: '' })),
  });
}

/** Why: one find whose filter and projection keep a report to the calls and fields it counts; for a mandate team, only its mandates' calls. */
export function reportCalls(ctx: StoreContext, query: CallReportQuery): Promise<ReportCall[]> {
  return ctx.run('reportCalls', { mandates: query.mandateKeys?.length ?? 'all' }, async () => {
    if (query.mandateKeys?.length === 0) return [];
    const filter = {
      ...(query.mandateKeys ? { mandateKey: { $in: query.mandateKeys } } : {}),
      $or: [{ 'published.at': { $gte: query.publishedFrom, $lt: query.publishedBefore } }, { closed: { $exists: false }, deadline: { $lt: query.now } }],
    };
    const docs = await ctx.models.call.find(filter, PROJECTION).lean<ReportCallDoc[]>();
    return docs.map(toReportCall);
  });
}

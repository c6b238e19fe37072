/**
 * Calls for input in MongoDB: numbered from their own yearly sequence, read by reference,
 * and changed only by atomic conditional updates on one document, so two instances
 * answering at once both keep their answer (each in the history, the later one as the
 * latest), a repeat changes nothing, and a card's place is recorded once.
 *
 * Lists: each mandate's and each company's calls are named in one small document per scope
 * (`call_lists`, read by `_id`, the one filter the embedded server answers from an index),
 * then read by reference. A scope gains one reference a call (tens a year), so a document per
 * scope stays small; split it by year, as letters' lists are split by bucket, if that changes.
 * The open calls are found by a query on the deadline (indexed on MongoDB; the embedded
 * server scans the calls collection, a few hundred documents a year). A report reads calls'
 * facts alone, in one query (report-calls.ts).
 */
import type { CallAnswerResult, CallReportQuery, CallRepository, CallUpdate } from '../bot/repositories';
import { formatCallRef, type CallAnswer, type CallCopy, type CallForInput } from '../domain/call';
import { PreLetterError } from '../domain/errors';
import type { ReportCall } from '../domain/report';
import type { Fact, LetterThread } from '../domain/types';
import { callDoc, callFields, copyCopies, type CallDoc } from './call-model';
import { retryOnDuplicateKey } from './db-errors';
import { copyThread } from './letter-model';
import { reportCalls } from './report-calls';
import type { StoreContext } from './store-connection';

/** The list scope of a mandate's calls. */
const callMandateScope = (key: string): string => `mandate:${key}`;
/** The list scope of the calls a company received. */
const callCompanyScope = (key: string): string => `company:${key}`;

const KEY = /^[a-z0-9][a-z0-9-]*$/;

/** A company key becomes part of a field path: only directory keys (no dot, no dollar) may. */
function pathKey(companyKey: string): string {
  if (!KEY.test(companyKey)) throw new PreLetterError('invalid-input', 'That company key is not valid.', { field: 'companyKey' });
  return companyKey;
}

/** Newest first: by year, then number. */
function newestFirst(a: string, b: string): number {
  const parse = (ref: string) => (/^CI-(\d+)-(\d+)$/.exec(ref) ?? []).slice(1).map(Number);
  const [ya = 0, na = 0] = parse(a);
  const [yb = 0, nb = 0] = parse(b);
  return yb - ya || nb - na;
}

/** CallRepository on mongoose. */
export class MongoCallRepository implements CallRepository {
  constructor(private readonly ctx: StoreContext) {}

  nextRef(year: number): Promise<string> {
    return this.ctx.run('nextCallRef', { year }, async () => {
      const doc = await retryOnDuplicateKey(() =>
        this.ctx.models.counter.findOneAndUpdate({ _id: `call-ref-${year}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean<{ seq: number }>().exec(),
      );
      if (!doc) throw new Error('counter upsert returned no document');
      return formatCallRef(year, doc.seq);
    });
  }

  create(call: CallForInput): Promise<void> {
    return this.ctx.run('createCall', { ref: call.ref, companies: call.recipients.length }, async () => {
      const scopes = [callMandateScope(call.mandateKey), ...call.recipients.map((r) => callCompanyScope(r.companyKey))];
      // Lists first: a listed reference whose call was never saved is skipped by readers; a saved call is never unlisted.
      await this.ctx.models.callList.bulkWrite(scopes.map((_id) => ({ updateOne: { filter: { _id }, update: { $addToSet: { refs: call.ref } }, upsert: true } })));
      await this.ctx.models.call.create(callDoc(call));
    });
  }

  get(ref: string): Promise<CallForInput | null> {
    return this.ctx.run('getCall', { ref }, () => this.read(ref));
  }

  private async read(ref: string): Promise<CallForInput | null> {
    const doc = await this.ctx.models.call.findOne({ _id: ref }).lean<CallDoc>().exec();
    return doc ? callFields(doc) : null;
  }

  /** One conditional update: still open, the company a recipient, and its latest answer a different one. */
  answer(ref: string, companyKey: string, answer: CallAnswer, fact: Fact): Promise<CallAnswerResult> {
    return this.ctx.run('answerCall', { ref, companyKey, answer }, async () => {
      const key = pathKey(companyKey);
      const value = { answer, at: fact.at, by: fact.by };
      const updated = await this.ctx.models.call
        .findOneAndUpdate(
          { _id: ref, closed: { $exists: false }, 'recipients.companyKey': key, [`answers.${key}.answer`]: { $ne: answer } },
          { $set: { [`answers.${key}`]: value }, $push: { history: { companyKey: key, ...value } } },
          { returnDocument: 'after' },
        )
        .lean<CallDoc>()
        .exec();
      if (updated) return { outcome: 'answered', call: callFields(updated) };
      const call = await this.read(ref);
      if (!call) return { outcome: 'not-found' };
      if (call.closed) return { outcome: 'closed', call };
      if (!call.recipients.some((r) => r.companyKey === key)) return { outcome: 'not-recipient', call };
      return { outcome: 'same', call };
    });
  }

  setThread(ref: string, companyKey: string, thread: LetterThread): Promise<CallUpdate> {
    const key = pathKey(companyKey);
    return this.once('setCallThread', ref, `threads.${key}`, copyThread(thread), { 'recipients.companyKey': key });
  }

  setCopies(ref: string, companyKey: string, copies: CallCopy[]): Promise<CallUpdate> {
    const key = pathKey(companyKey);
    return this.once('setCallCopies', ref, `copies.${key}`, copyCopies(copies), { 'recipients.companyKey': key });
  }

  setMandateThread(ref: string, thread: LetterThread): Promise<CallUpdate> {
    return this.once('setCallMandateThread', ref, 'mandateThread', copyThread(thread));
  }

  close(ref: string, fact: Fact): Promise<CallUpdate> {
    return this.once('closeCall', ref, 'closed', { at: fact.at, by: fact.by });
  }

  /** Sets a field only while it is absent (and `also` holds), in one update; says whether this call set it. */
  private once(operation: string, ref: string, path: string, value: unknown, also: Record<string, unknown> = {}): Promise<CallUpdate> {
    return this.ctx.run(operation, { ref }, async () => {
      const updated = await this.ctx.models.call
        .findOneAndUpdate({ _id: ref, [path]: { $exists: false }, ...also }, { $set: { [path]: value } }, { returnDocument: 'after' })
        .lean<CallDoc>()
        .exec();
      if (updated) return { applied: true, call: callFields(updated) };
      return { applied: false, call: await this.read(ref) };
    });
  }

  listByMandate(mandateKey: string, limit: number): Promise<CallForInput[]> {
    return this.ctx.run('listCalls', { scope: 'mandate' }, () => this.list(callMandateScope(mandateKey), limit));
  }

  listByCompany(companyKey: string, limit: number): Promise<CallForInput[]> {
    return this.ctx.run('listCalls', { scope: 'company' }, () => this.list(callCompanyScope(companyKey), limit));
  }

  private async list(scope: string, limit: number): Promise<CallForInput[]> {
    const doc = await this.ctx.models.callList.findOne({ _id: scope }).lean<{ refs?: string[] }>().exec();
    const refs = [...(doc?.refs ?? [])].sort(newestFirst).slice(0, Math.max(0, limit));
    const calls = await Promise.all(refs.map((ref) => this.read(ref)));
    return calls.filter((c): c is CallForInput => c !== null);
  }

  listOpen(after: Date, limit: number): Promise<CallForInput[]> {
    return this.ctx.run('listOpenCalls', {}, async () => {
      const docs = await this.ctx.models.call
        .find({ closed: { $exists: false }, deadline: { $gte: after } })
        .sort({ deadline: 1, _id: 1 })
        .limit(Math.max(0, limit))
        .lean<CallDoc[]>()
        .exec();
      return docs.map(callFields);
    });
  }

  forReport(query: CallReportQuery): Promise<ReportCall[]> {
    return reportCalls(this.ctx, query);
  }
}

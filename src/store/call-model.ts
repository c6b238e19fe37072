/**
 * Stored shape of a call for input (src/domain/call.ts), addressed by its reference
 * (`_id`). What changes per company after publication (its card's thread, its owners'
 * copies, its latest answer) is kept in maps keyed by the company's key, so each change is
 * one `$set` on its own path, guarded in the same atomic update; directory keys are
 * lowercase letters, digits and hyphens, so they are safe field names.
 */
import { Schema } from 'mongoose';
import type { CallAnswer, CallAnswerEvent, CallAnswerFact, CallCopy, CallForInput, CallRecipient } from '../domain/call';
import type { Fact, LetterThread } from '../domain/types';
import { copyThread, factSchema, threadSchema } from './letter-model';
import { channelBindingSchema, copyChannel, SCHEMA_OPTIONS, strings, SUBDOCUMENT_OPTIONS } from './model-common';

/** A recipient as stored: what was decided at publication (the card's place is kept apart, in `threads` and `copies`). */
export type CallRecipientDoc = Omit<CallRecipient, 'thread' | 'copies'>;

/** A call as stored, with its reference as `_id`. */
export interface CallDoc {
  _id: string;
  ref: string;
  mandateKey: string;
  title: string;
  link: string;
  topics: string[];
  deadline: Date;
  published: Fact;
  recipients: CallRecipientDoc[];
  /** Company key → where its card is in its channel. */
  threads?: Record<string, LetterThread>;
  /** Company key → its owners' direct copies of the card. */
  copies?: Record<string, CallCopy[]>;
  mandateThread?: LetterThread;
  /** Company key → its latest answer. */
  answers?: Record<string, CallAnswerFact>;
  history: CallAnswerEvent[];
  closed?: Fact;
}

/** `_id` is a list scope (`mandate:<key>`, `company:<key>`); `refs` are the calls in it. */
export interface CallListDoc {
  _id: string;
  refs: string[];
}

const recipientSchema = new Schema<CallRecipientDoc>(
  {
    companyKey: { type: String, required: true },
    owners: { type: [String], default: [] },
    matchedTopics: { type: [String], default: [] },
    channel: channelBindingSchema,
  },
  SUBDOCUMENT_OPTIONS,
);

const historySchema = new Schema<CallAnswerEvent>(
  {
    companyKey: { type: String, required: true },
    answer: { type: String, required: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
  },
  SUBDOCUMENT_OPTIONS,
);

/** Call collection schema; read by `_id`, and by deadline (indexed for MongoDB) for the open calls. */
export const callSchema = new Schema<CallDoc>(
  {
    _id: { type: String, required: true },
    ref: { type: String, required: true },
    mandateKey: { type: String, required: true },
    title: { type: String, required: true },
    link: { type: String, required: true },
    topics: { type: [String], default: [] },
    deadline: { type: Date, required: true, index: true },
    published: { type: factSchema, required: true },
    recipients: { type: [recipientSchema], default: [] },
    threads: { type: Schema.Types.Mixed, default: undefined },
    copies: { type: Schema.Types.Mixed, default: undefined },
    mandateThread: threadSchema,
    answers: { type: Schema.Types.Mixed, default: undefined },
    history: { type: [historySchema], default: [] },
    closed: factSchema,
  },
  SCHEMA_OPTIONS,
);

/** The calls of each list scope, read by `_id`. */
export const callListSchema = new Schema<CallListDoc>(
  { _id: { type: String, required: true }, refs: { type: [String], default: [] } },
  SCHEMA_OPTIONS,
);

/** Why: an answer as plain fields, for `$set` and for the domain. */
export function copyAnswer(a: CallAnswerFact): CallAnswerFact {
  return { answer: a.answer as CallAnswer, at: new Date(a.at), by: a.by };
}

/** Why: owners' copies as plain fields, for `$set` and for the domain. */
export function copyCopies(copies: readonly CallCopy[]): CallCopy[] {
  return copies.map((c) => ({ personKey: c.personKey, platform: c.platform, messageRef: c.messageRef }));
}

function recipientFields(r: CallRecipientDoc): CallRecipientDoc {
  return { companyKey: r.companyKey, owners: strings(r.owners), matchedTopics: strings(r.matchedTopics), ...(r.channel ? { channel: copyChannel(r.channel) } : {}) };
}

/** Why: the stored document of a new call: per-company places and answers go to their maps. */
export function callDoc(call: CallForInput): CallDoc {
  const threads = Object.fromEntries(call.recipients.flatMap((r) => (r.thread ? [[r.companyKey, copyThread(r.thread)]] : [])));
  const copies = Object.fromEntries(call.recipients.flatMap((r) => (r.copies ? [[r.companyKey, copyCopies(r.copies)]] : [])));
  const answers = Object.fromEntries(Object.entries(call.answers).map(([key, a]) => [key, copyAnswer(a)]));
  return {
    _id: call.ref,
    ref: call.ref,
    mandateKey: call.mandateKey,
    title: call.title,
    link: call.link,
    topics: strings(call.topics),
    deadline: call.deadline,
    published: { at: call.published.at, by: call.published.by },
    recipients: call.recipients.map(recipientFields),
    ...(Object.keys(threads).length > 0 ? { threads } : {}),
    ...(Object.keys(copies).length > 0 ? { copies } : {}),
    ...(call.mandateThread ? { mandateThread: copyThread(call.mandateThread) } : {}),
    ...(Object.keys(answers).length > 0 ? { answers } : {}),
    history: call.history.map((e) => ({ companyKey: e.companyKey, ...copyAnswer(e) })),
    ...(call.closed ? { closed: { at: call.closed.at, by: call.closed.by } } : {}),
  };
}

/** Why: plain domain fields from whatever mongoose handed back, each recipient with its card's place. */
export function callFields(doc: CallDoc): CallForInput {
  const threads = doc.threads ?? {};
  const copies = doc.copies ?? {};
  return {
    ref: doc.ref,
    mandateKey: doc.mandateKey,
    title: doc.title,
    link: doc.link,
    topics: strings(doc.topics),
    deadline: new Date(doc.deadline),
    published: { at: new Date(doc.published.at), by: doc.published.by },
    recipients: (doc.recipients ?? []).map((r) => {
      const thread = threads[r.companyKey];
      const sent = copies[r.companyKey];
      return { ...recipientFields(r), ...(thread ? { thread: copyThread(thread) } : {}), ...(sent ? { copies: copyCopies(sent) } : {}) };
    }),
    answers: Object.fromEntries(Object.entries(doc.answers ?? {}).map(([key, a]) => [key, copyAnswer(a)])),
    history: (doc.history ?? []).map((e) => ({ companyKey: e.companyKey, ...copyAnswer(e) })),
    ...(doc.mandateThread ? { mandateThread: copyThread(doc.mandateThread) } : {}),
    ...(doc.closed ? { closed: { at: new Date(doc.closed.at), by: doc.closed.by } } : {}),
  };
}

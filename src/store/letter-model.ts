/**
 * Stored shape of a letter. Facts are optional sub-documents that are absent until
 * set (never null), so "set once" is a `$exists: false` guard. Everyone the letter
 * was routed to is flattened into `routedKeys` for the "letters routed to me" list,
 * thread refs into `threadRefs` for "which letter is this thread", and `nextDueAt` lets the scheduler ask for due letters through an index.
 */
import { Schema } from 'mongoose';
import type { AuditEvent, Fact, FactName, Letter, LetterThread, Routing } from '../domain/types';
import { optional, SCHEMA_OPTIONS, strings, SUBDOCUMENT_OPTIONS } from './model-common';

/** A letter as stored: the domain fields plus derived lookup keys and the scheduler's next due time. */
export interface LetterDoc extends Letter {
  /** The reference, so lookups are by `_id` (see by-id.ts). */
  _id?: string;
  routedKeys: string[];
  /** Every thread's opaque ref, flat, so a reply in a thread finds its letter by an indexed match. */
  threadRefs: string[];
  nextDueAt?: Date;
}

/** The facts that may be set after preview, in lifecycle order; the only names used as update keys. */
export const FACT_NAMES: readonly FactName[] = ['acknowledged', 'formalSent', 'replied', 'closed', 'withdrawn'];

const factSchema = new Schema<Fact>(
  { at: { type: Date, required: true }, by: { type: String, required: true } },
  SUBDOCUMENT_OPTIONS,
);

const routingSchema = new Schema<Routing>(
  {
    owners: { type: [String], default: [] },
    backups: { type: [String], default: [] },
    escalation: { type: [String], default: [] },
    unrouted: { type: Boolean, default: false },
    matchedTopics: { type: [String], default: [] },
  },
  SUBDOCUMENT_OPTIONS,
);

const threadSchema = new Schema<LetterThread>(
  {
    platform: { type: String, required: true },
    channel: {
      type: new Schema(
        {
          platform: { type: String, required: true },
          workspaceId: { type: String, required: true },
          channelId: { type: String, required: true },
        },
        SUBDOCUMENT_OPTIONS,
      ),
      required: true,
    },
    threadRef: { type: String, required: true },
    rootMessageRef: { type: String, required: true },
  },
  SUBDOCUMENT_OPTIONS,
);

const auditSchema = new Schema<AuditEvent>(
  {
    at: { type: Date, required: true },
    by: { type: String, required: true },
    action: { type: String, required: true },
    detail: String,
  },
  SUBDOCUMENT_OPTIONS,
);

/** Letter collection schema; `ref` is unique, list and scheduler queries are indexed. */
export const letterSchema = new Schema<LetterDoc>(
  {
    // _id is the reference itself: the one filter the embedded FerretDB looks up by index.
    _id: { type: String, required: true },
    ref: { type: String, required: true, unique: true },
    type: { type: String, required: true },
    urgent: { type: Boolean, default: false },
    mandateKey: { type: String, required: true, index: true },
    companyKey: { type: String, required: true, index: true },
    topics: { type: [String], default: [] },
    summary: { type: String, default: '' },
    expectedFormalDate: String,
    officialSymbol: String,
    withdrawReason: String,
    routing: { type: routingSchema, required: true },
    previewed: { type: factSchema, required: true },
    acknowledged: factSchema,
    formalSent: factSchema,
    replied: factSchema,
    closed: factSchema,
    withdrawn: factSchema,
    threads: { type: [threadSchema], default: [] },
    audit: { type: [auditSchema], default: [] },
    routedKeys: { type: [String], default: [], index: true },
    threadRefs: { type: [String], default: [], index: true },
    nextDueAt: { type: Date, index: true },
  },
  SCHEMA_OPTIONS,
);

function copyFact(fact: Fact | undefined | null): Fact | undefined {
  return fact ? { at: fact.at, by: fact.by } : undefined;
}

function copyRouting(routing: Routing): Routing {
  return {
    owners: strings(routing.owners),
    backups: strings(routing.backups),
    escalation: strings(routing.escalation),
    unrouted: routing.unrouted ?? false,
    matchedTopics: strings(routing.matchedTopics),
  };
}

/** Copies a thread into plain fields only (also used for `$push`). */
export function copyThread(t: LetterThread): LetterThread {
  const { platform, workspaceId, channelId } = t.channel;
  return { platform: t.platform, channel: { platform, workspaceId, channelId }, threadRef: t.threadRef, rootMessageRef: t.rootMessageRef };
}

/** Copies an audit event into plain fields only (also used for `$push`). */
export function copyAudit(e: AuditEvent): AuditEvent {
  return { at: e.at, by: e.by, action: e.action, ...optional({ detail: e.detail }) };
}

function facts(source: Partial<Record<FactName, Fact>>): Partial<Record<FactName, Fact>> {
  const out: Partial<Record<FactName, Fact>> = {};
  for (const name of FACT_NAMES) {
    const fact = copyFact(source[name]);
    if (fact) out[name] = fact;
  }
  return out;
}

function letterFields(l: Letter): Letter {
  return {
    ref: l.ref,
    type: l.type,
    urgent: l.urgent ?? false,
    mandateKey: l.mandateKey,
    companyKey: l.companyKey,
    topics: strings(l.topics),
    summary: l.summary ?? '',
    ...optional({
      expectedFormalDate: l.expectedFormalDate,
      officialSymbol: l.officialSymbol,
      withdrawReason: l.withdrawReason,
    }),
    routing: copyRouting(l.routing),
    previewed: { at: l.previewed.at, by: l.previewed.by },
    ...facts(l),
    threads: (l.threads ?? []).map(copyThread),
    audit: (l.audit ?? []).map(copyAudit),
  };
}

/** Builds the stored document with the lookup keys derived from the frozen routing and the threads. */
export function toLetterDoc(letter: Letter): LetterDoc {
  const fields = letterFields(letter);
  const { owners, backups, escalation } = fields.routing;
  return {
    ...fields,
    routedKeys: [...new Set([...owners, ...backups, ...escalation])],
    threadRefs: fields.threads.map((t) => t.threadRef),
  };
}

/** Maps a lean document back to the plain domain type (no _id, __v, lookup keys or nextDueAt). */
export function fromLetterDoc(doc: LetterDoc): Letter {
  return letterFields(doc);
}

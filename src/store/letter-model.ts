/**
 * Stored shape of a letter, addressed by its reference (`_id`). Facts are optional
 * sub-documents that are absent until set (never null), so "set once" is a
 * `$exists: false` guard in the same atomic update. Lists, thread lookups and the
 * scheduler's agenda live in their own small documents (letter-index-models.ts), so
 * nothing ever has to scan letters.
 */
import { Schema } from 'mongoose';
import type { AuditEvent, Fact, FactName, Letter, LetterThread, Routing } from '../domain/types';
import { channelBindingSchema, copyChannel, optional, SCHEMA_OPTIONS, strings, SUBDOCUMENT_OPTIONS } from './model-common';

/** A letter as stored: the domain fields, with the reference as `_id`. */
export interface LetterDoc extends Letter {
  _id: string;
}

/** The facts that may be set after preview, in lifecycle order; the only names used as update keys. */
export const FACT_NAMES: readonly FactName[] = ['acknowledged', 'formalSent', 'replied', 'withdrawn'];

/** Why: a fact (when, by whom) as letters and flags store it. */
export const factSchema = new Schema<Fact>(
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

/** Why: a thread as letters and flags store it. */
export const threadSchema = new Schema<LetterThread>(
  {
    platform: { type: String, required: true },
    channel: { type: channelBindingSchema, required: true },
    threadRef: { type: String, required: true },
    rootMessageRef: { type: String, required: true },
    threadKey: { type: String, required: false },
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

/** Letter collection schema; the reference is the `_id`, the one filter the embedded server answers from an index. */
export const letterSchema = new Schema<LetterDoc>(
  {
    _id: { type: String, required: true },
    ref: { type: String, required: true },
    type: { type: String, required: true },
    urgent: { type: Boolean, default: false },
    mandateKey: { type: String, required: true },
    companyKey: { type: String, required: true },
    topics: { type: [String], default: [] },
    summary: { type: String, default: '' },
    expectedFormalDate: String,
    officialSymbol: String,
    withdrawReason: String,
    routing: { type: routingSchema, required: true },
    channel: channelBindingSchema,
    mirror: channelBindingSchema,
    previewed: { type: factSchema, required: true },
    acknowledged: factSchema,
    formalSent: factSchema,
    replied: factSchema,
    withdrawn: factSchema,
    threads: { type: [threadSchema], default: [] },
    audit: { type: [auditSchema], default: [] },
  },
  SCHEMA_OPTIONS,
);

/** Why: a fact as plain fields, whatever the driver returned it as. */
export function copyFact(fact: Fact | undefined | null): Fact | undefined {
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
  return { platform: t.platform, channel: copyChannel(t.channel), threadRef: t.threadRef, rootMessageRef: t.rootMessageRef, ...(t.threadKey ? { threadKey: t.threadKey } : {}) };
}

/** Copies an audit event into plain fields only (also used for `$push`). */
export function copyAudit(e: AuditEvent): AuditEvent {
  return { at: e.at, by: e.by, action: e.action, ...optional({ detail: e.detail }) };
}

/** Why: the facts a letter has, copied, and none it has not (a report reads these too). */
export function facts(source: Partial<Record<FactName, Fact>>): Partial<Record<FactName, Fact>> {
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
    ...(l.channel ? { channel: copyChannel(l.channel) } : {}),
    ...(l.mirror ? { mirror: copyChannel(l.mirror) } : {}),
    previewed: { at: l.previewed.at, by: l.previewed.by },
    ...facts(l),
    threads: (l.threads ?? []).map(copyThread),
    audit: (l.audit ?? []).map(copyAudit),
  };
}

/** Builds the stored document, keyed by its reference. */
export function toLetterDoc(letter: Letter): LetterDoc {
  return { _id: letter.ref, ...letterFields(letter) };
}

/** Everyone the frozen routing names: each gets the letter in their own list. */
export function routedKeysOf(letter: Letter): string[] {
  const { owners, backups, escalation } = letter.routing;
  return [...new Set([...owners, ...backups, ...escalation])];
}

/** Maps a lean document back to the plain domain type (no _id or __v). */
export function fromLetterDoc(doc: LetterDoc): Letter {
  return letterFields(doc);
}

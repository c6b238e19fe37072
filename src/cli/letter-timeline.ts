/**
 * One letter's whole timeline for the archive (`npm run report -- --timeline PL-2026-0007`):
 * who it was between, how it was routed, each fact and the complete audit trail with the
 * names of the people who acted, its reply deadline and where it stands at export. It holds
 * no summary: the letter's text stays in the backup (`npm run letters -- export`).
 */
import { deadlineOf } from '../domain/deadline';
import { deriveStatus } from '../domain/lifecycle';
import type { ClockPolicy } from '../domain/policy';
import type { AuditAction, Company, Fact, FactName, Letter, LetterStatus, Mandate, Person } from '../domain/types';

/** A fact or audit entry with the name of who acted, as the directory had it at export. */
export interface NamedFact {
  at: string;
  by: string;
  name: string;
}

/** Why: the archive's shape of a timeline: plain JSON values (dates as ISO strings), stable field names. */
export interface LetterTimeline {
  ref: string;
  type: Letter['type'];
  urgent: boolean;
  officialSymbol?: string;
  withdrawReason?: string;
  mandate: { key: string; title: string; timeZone: string };
  company: { key: string; name: string };
  topics: string[];
  routing: { owners: string[]; backups: string[]; escalation: string[]; unrouted: boolean };
  facts: Partial<Record<'previewed' | FactName, NamedFact>>;
  /** The end of the reply period (the deadline's last day, in the mandate's zone), once the formal letter was sent. */
  replyDeadline?: string;
  /** Whether the reply came by the deadline; absent while no reply is recorded. */
  repliedInTime?: boolean;
  status: LetterStatus;
  audit: Array<NamedFact & { action: AuditAction; detail?: string }>;
  exportedAt: string;
}

/** Why: what the timeline names besides the letter; a missing directory entry is named by its key. */
export interface TimelineDirectory {
  mandate: Mandate | null;
  company: Company | null;
  people: Person[];
}

const FACTS = ['previewed', 'acknowledged', 'formalSent', 'replied', 'withdrawn'] as const;

/** Why: the timeline from a stored letter, pure, so the CLI and its tests build the same JSON. */
export function letterTimeline(letter: Letter, directory: TimelineDirectory, policy: ClockPolicy, now: Date): LetterTimeline {
  const names = new Map(directory.people.map((p) => [p.key, p.name]));
  const named = (fact: Fact): NamedFact => ({ at: fact.at.toISOString(), by: fact.by, name: fact.by === 'system' ? 'PreLetter' : (names.get(fact.by) ?? fact.by) });
  const zone = directory.mandate?.timeZone ?? policy.defaultTimeZone;
  const deadline = letter.formalSent ? deadlineOf(letter.formalSent.at, zone, policy.responseWindowDays) : undefined;
  const facts: LetterTimeline['facts'] = {};
  for (const name of FACTS) {
    const fact = letter[name];
    if (fact) facts[name] = named(fact);
  }
  const { owners, backups, escalation, unrouted } = letter.routing;
  return {
    ref: letter.ref,
    type: letter.type,
    urgent: letter.urgent,
    ...(letter.officialSymbol ? { officialSymbol: letter.officialSymbol } : {}),
    ...(letter.withdrawReason ? { withdrawReason: letter.withdrawReason } : {}),
    mandate: { key: letter.mandateKey, title: directory.mandate?.title ?? letter.mandateKey, timeZone: zone },
    company: { key: letter.companyKey, name: directory.company?.name ?? letter.companyKey },
    topics: [...letter.topics],
    routing: { owners: [...owners], backups: [...backups], escalation: [...escalation], unrouted },
    facts,
    ...(deadline ? { replyDeadline: deadline.toISOString() } : {}),
    ...(deadline && letter.replied ? { repliedInTime: letter.replied.at.getTime() <= deadline.getTime() } : {}),
    status: deriveStatus(letter, now, deadline),
    audit: letter.audit.map((event) => ({ ...named(event), action: event.action, ...(event.detail ? { detail: event.detail } : {}) })),
    exportedAt: now.toISOString(),
  };
}

/** Why: everyone a timeline names, so the CLI reads each of them once. */
export function peopleOf(letter: Letter): string[] {
  const { owners, backups, escalation } = letter.routing;
  return [...new Set([...FACTS.flatMap((name) => letter[name]?.by ?? []), ...letter.audit.map((e) => e.by), ...owners, ...backups, ...escalation])];
}

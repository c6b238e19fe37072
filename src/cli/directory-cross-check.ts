/**
 * The checks of a directory file that span entries: duplicate keys, references to
 * people nobody defined, and channels or accounts claimed twice (within the file or
 * against what the database holds). Pure; positions are found by directory-file.ts.
 */
import type { Directory } from '../domain/types';

/** One step of a path into the file: a field name or a list index. */
export type Segment = string | number;

/** A problem at a path, before it is located at a line of the file. */
export interface RawIssue {
  path: Segment[];
  message: string;
  /** Point at the field name rather than its value (unknown fields). */
  atKey?: boolean;
}

/** A parsed mapping whose shape is not checked yet. */
export type Loose = Record<string, unknown>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Renders a path the way people read it: `companies[2].routes[0].owners[1]`. */
export function pathText(segments: Segment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Duplicate keys, references to people nobody defined, and channels or accounts claimed twice. */
export function crossCheck(raw: unknown, existing?: Directory): RawIssue[] {
  const issues: RawIssue[] = [];
  const root = rec(raw);
  for (const section of ['people', 'mandates', 'companies'] as const) {
    const seen = new Map<string, number>();
    list(root[section]).forEach((item, i) => {
      const k = str(rec(item).key);
      if (k === undefined) return;
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else issues.push({ path: [section, i, 'key'], message: `duplicate key "${k}" — ${section}[${first}] already uses it; keys must be unique` });
    });
  }
  const fileKeys = (section: 'people' | 'companies') => new Set(list(root[section]).map((x) => str(rec(x).key)));
  const peopleInFile = fileKeys('people');
  const known = new Set([...peopleInFile, ...(existing?.people ?? []).map((p) => p.key)]);
  const checkRefs = (refs: unknown, at: Segment[]) =>
    list(refs).forEach((ref, i) => {
      if (typeof ref === 'string' && !known.has(ref)) {
        issues.push({ path: [...at, i], message: `unknown person "${ref}" — add them under people or fix the key` });
      }
    });
  list(root.mandates).forEach((m, i) => checkRefs(rec(m).team, ['mandates', i, 'team']));
  list(root.companies).forEach((c, i) => {
    for (const field of ['defaultContacts', 'escalationContacts', 'urgentLine'] as const) {
      checkRefs(rec(c)[field], ['companies', i, field]);
    }
    list(rec(c).routes).forEach((r, j) => {
      checkRefs(rec(r).owners, ['companies', i, 'routes', j, 'owners']);
      checkRefs(rec(r).backups, ['companies', i, 'routes', j, 'backups']);
    });
    const company = rec(c);
    const routed = list(company.routes).some((r) => list(rec(r).topics).length > 0);
    if (list(company.channels).length > 0 && !routed) {
      issues.push({
        path: ['companies', i, 'routes'],
        atKey: company.routes !== undefined,
        message: 'gives no topic — a company bound to a channel needs at least one route with a topic, or its letters cannot be routed by topic and its preview form may have nothing to offer',
      });
    }
  });
  const stored = <T extends { key: string }>(docs: T[] = [], inFile: Set<unknown>) => docs.filter((d) => !inFile.has(d.key));
  const people = stored(existing?.people, peopleInFile);
  claimOnce(issues, list(root.people), 'identities', people.flatMap((p) => p.identities.map((i) => [p.key, i] as const)));
  const companies = stored(existing?.companies, fileKeys('companies'));
  claimOnce(issues, list(root.companies), 'channels', companies.flatMap((c) => c.channels.map((ch) => [c.key, ch] as const)));
  mandateChannelsApart(issues, root, companies);
  return issues;
}

/**
 * Why: a mandate's own channel is where its letters are mirrored for the mandate team; if a
 * company were bound to it too, that company would read every mirrored letter.
 */
function mandateChannelsApart(issues: RawIssue[], root: Record<string, unknown>, stored: ReadonlyArray<{ key: string; channels: ReadonlyArray<object> }>): void {
  const keyOf = (c: unknown) => [rec(c).platform, rec(c).workspaceId, rec(c).channelId].map(str).join('|');
  const companyOf = new Map<string, string>();
  for (const c of stored) for (const ch of c.channels) companyOf.set(keyOf(ch), c.key);
  list(root.companies).forEach((c, i) => list(rec(c).channels).forEach((ch) => companyOf.set(keyOf(ch), str(rec(c).key) ?? `companies[${i}]`)));
  list(root.mandates).forEach((m, i) => {
    const channel = rec(m).channel;
    const company = channel === undefined ? undefined : companyOf.get(keyOf(channel));
    if (company) issues.push({ path: ['mandates', i, 'channel'], message: `is company "${company}"'s channel — a mandate's own channel must be one no company is bound to, or that company would read the mandate's mirrored letters` });
  });
}

const CLAIMS = {
  // Accounts are matched without their workspace (user ids are global; see src/store/person-model.ts).
  identities: { section: 'people', id: 'userId', what: 'account', owner: 'person', scoped: false, why: 'one account can belong to one person only, or the bot would mistake who is acting' },
  channels: { section: 'companies', id: 'channelId', what: 'channel', owner: 'company', scoped: true, why: 'a channel may belong to one company only, or letters would reach the wrong company' },
} as const;

/** Reports a (platform, workspace if scoped, id) claimed twice, within the file or against the database. */
function claimOnce(issues: RawIssue[], docs: unknown[], field: keyof typeof CLAIMS, existing: ReadonlyArray<readonly [string, object]>): void {
  const { section, id: idField, what, owner: ownerWord, why, scoped } = CLAIMS[field];
  const claimOf = (item: unknown) => [rec(item).platform, scoped ? rec(item).workspaceId : '*', rec(item)[idField]].map(str);
  const claims = new Map(existing.map(([owner, item]) => [claimOf(item).join('|'), { owner, where: 'in the database' }]));
  docs.forEach((doc, i) => {
    const owner = str(rec(doc).key) ?? `${section}[${i}]`;
    list(rec(doc)[field]).forEach((item, j) => {
      const [p, ws, id] = claimOf(item);
      if (!p || !ws || !id) return;
      const at = [section, i, field, j];
      const prior = claims.get(`${p}|${ws}|${id}`);
      const thing = scoped ? `${p} ${what} ${id} in workspace ${ws}` : `${p} ${what} ${id}`;
      if (!prior) claims.set(`${p}|${ws}|${id}`, { owner, where: `at ${pathText(at)}` });
      else if (prior.owner === owner) issues.push({ path: at, message: `${thing} is listed twice for this ${ownerWord} (also ${prior.where}) — remove one` });
      else issues.push({ path: at, message: `${thing} already belongs to ${ownerWord} "${prior.owner}" (${prior.where}) — ${why}` });
    });
  });
}

/**
 * The routing directory as a file (YAML or JSON): parsed, validated with zod and
 * cross-checked, with every problem reported as `file:line:column path: message`,
 * so an admin can fix a whole file in one pass. Pure apart from reading files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import { z } from 'zod';
import { PreLetterError } from '../domain/errors';
import type { Directory } from '../domain/types';
import { directorySchema } from './directory-schema';

/** One problem in a directory file, located so editors and people can jump to it. */
export interface DirectoryIssue {
  file: string;
  /** 1-based; 0 means the whole file (for example, it cannot be read). */
  line: number;
  column: number;
  /** Like `companies[2].routes[0].owners[1]`; empty for the file or its top level. */
  path: string;
  message: string;
}

/** What parsing yields: a directory ready to apply, or every problem found. */
export type DirectoryParseResult = { ok: true; directory: Directory } | { ok: false; errors: DirectoryIssue[] };

/** Lets a file refer to, and be checked against, what the database already holds. */
export interface DirectoryParseOptions {
  existing?: Directory;
}

/** The fictional demo directory, loaded only into an empty embedded development database. */
export const DEMO_DIRECTORY_PATH = path.resolve(__dirname, '../../test/fixtures/directory.demo.yaml');

/** File extensions the import accepts; JSON is read by the YAML parser so lines work for both. */
export const DIRECTORY_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'];


type Segment = string | number;
interface RawIssue {
  path: Segment[];
  message: string;
  /** Point at the field name rather than its value (unknown fields). */
  atKey?: boolean;
}
type Loose = Record<string, unknown>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Renders a path the way people read it: `companies[2].routes[0].owners[1]`. */
function pathText(segments: Segment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function valueAt(root: unknown, segments: Segment[]): unknown {
  return segments.reduce<unknown>((node, s) => (node && typeof node === 'object' ? (node as Loose)[s] : undefined), root);
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema._def.innerType;
  return schema;
}

/** The field names of the object at a path, to suggest one when a field is misspelt. */
function fieldsAt(segments: Segment[]): string[] {
  let schema: z.ZodTypeAny | undefined = directorySchema;
  for (const s of segments) {
    schema = schema && unwrap(schema);
    if (schema instanceof z.ZodArray) schema = schema.element;
    else if (schema instanceof z.ZodObject && typeof s === 'string') schema = schema.shape[s];
  }
  schema = schema && unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

const TYPE_WORDS: Record<string, string> = { array: 'a list', object: 'a mapping of fields', string: 'text', boolean: 'true or false' };

function fromZod(issue: z.ZodIssue, raw: unknown): RawIssue[] {
  const where = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const known = fieldsAt(where);
    return issue.keys.map((name) => {
      const near = known.find((k) => distance(k.toLowerCase(), name.toLowerCase()) <= 2);
      const hint = near ? `did you mean "${near}"?` : `expected one of: ${known.join(', ')}`;
      return { path: [...where, name], message: `unknown field "${name}" — ${hint}`, atKey: true };
    });
  }
  if (issue.code === 'invalid_type') {
    const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
    if (issue.received === 'undefined') return [{ path: where, message: `is missing — add "${where.at(-1)}: …" here (${expected}, required)` }];
    const got = issue.received === 'null' ? 'empty' : issue.received;
    return [{ path: where, message: `must be ${expected}, not ${got}${issue.expected === 'array' ? ' (use [] for none)' : ''}` }];
  }
  if (issue.code === 'invalid_enum_value') {
    return [{ path: where, message: `${JSON.stringify(issue.received)} is not a platform — use ${issue.options.join(' or ')}` }];
  }
  if (issue.code === 'invalid_string' || issue.code === 'custom') {
    return [{ path: where, message: `${JSON.stringify(valueAt(raw, where))} ${issue.message}` }];
  }
  return [{ path: where, message: issue.message }];
}

/** Duplicate keys, references to people nobody defined, and channels or accounts claimed twice. */
function crossCheck(raw: unknown, existing?: Directory): RawIssue[] {
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
  });
  const stored = <T extends { key: string }>(docs: T[] = [], inFile: Set<unknown>) => docs.filter((d) => !inFile.has(d.key));
  const people = stored(existing?.people, peopleInFile);
  claimOnce(issues, list(root.people), 'identities', people.flatMap((p) => p.identities.map((i) => [p.key, i] as const)));
  const companies = stored(existing?.companies, fileKeys('companies'));
  claimOnce(issues, list(root.companies), 'channels', companies.flatMap((c) => c.channels.map((ch) => [c.key, ch] as const)));
  return issues;
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

/** Finds the YAML node for a path (or the nearest parent that exists) and returns its position. */
function locate(doc: Document, counter: LineCounter, segments: Segment[], atKey = false): { line: number; column: number } {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [i, s] of segments.entries()) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === s);
      const keyNode = pair?.key as Node | undefined;
      const emptyValue = isScalar(pair?.value) && pair.value.source === '';
      if (pair && keyNode?.range && ((atKey && i === segments.length - 1) || !pair.value || emptyValue)) {
        offset = keyNode.range[0];
        break;
      }
      next = pair?.value;
    } else if (isSeq(node) && typeof s === 'number') {
      next = node.items[s];
    }
    const range = (next as Node | undefined)?.range;
    if (!range) break;
    node = next;
    offset = range[0];
  }
  const { line, col } = counter.linePos(offset);
  return { line, column: col };
}

function byPosition(a: DirectoryIssue, b: DirectoryIssue): number {
  return a.line - b.line || a.column - b.column;
}

/** Parses and validates directory text (YAML or JSON); `fileName` only labels the issues. */
export function parseDirectoryText(text: string, fileName: string, options: DirectoryParseOptions = {}): DirectoryParseResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  const issue = (line: number, column: number, where: Segment[], message: string): DirectoryIssue =>
    ({ file: fileName, line, column, path: pathText(where), message });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((e) => {
      const at = e.linePos?.[0] ?? { line: 1, col: 1 };
      const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return issue(at.line, at.col, [], `${message} (the file is not valid ${/\.json$/i.test(fileName) ? 'JSON' : 'YAML'})`);
    });
    return { ok: false, errors: errors.sort(byPosition) };
  }
  let raw: unknown;
  try {
    raw = doc.toJS(); // throws on alias bombs (maxAliasCount)
  } catch (err) {
    return { ok: false, errors: [issue(1, 1, [], `the file cannot be read as data: ${(err as Error).message}`)] };
  }
  const parsed = directorySchema.safeParse(raw);
  const problems = [...(parsed.success ? [] : parsed.error.issues.flatMap((i) => fromZod(i, raw))), ...crossCheck(raw, options.existing)];
  if (parsed.success && problems.length === 0) return { ok: true, directory: parsed.data };
  const errors = problems.map((p) => {
    const at = locate(doc, counter, p.path, p.atKey);
    return issue(at.line, at.column, p.path, p.message);
  });
  return { ok: false, errors: errors.sort(byPosition) };
}

/** One line per issue, `file:line:column path: message`, the shape editors and terminals link. */
export function formatIssue(issue: DirectoryIssue): string {
  if (issue.line === 0) return `${issue.file}: ${issue.message}`;
  return `${issue.file}:${issue.line}:${issue.column} ${issue.path || '(top level)'}: ${issue.message}`;
}

/** Reads and validates a directory file; a missing or unreadable file is one issue, not a crash. */
export function readDirectoryFile(filePath: string, options: DirectoryParseOptions = {}): DirectoryParseResult {
  const fail = (message: string): DirectoryParseResult => ({ ok: false, errors: [{ file: filePath, line: 0, column: 0, path: '', message }] });
  if (!DIRECTORY_FILE_EXTENSIONS.includes(path.extname(filePath).toLowerCase())) {
    return fail('the directory must be a .yaml, .yml or .json file');
  }
  let content: string;
  try {
    content = readFileSync(filePath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('this file does not exist — check the path');
    return fail(`this file cannot be read (${code === 'EISDIR' ? 'it is a folder' : (err as Error).message})`);
  }
  return parseDirectoryText(content, filePath, options);
}

/** Keeps only the fields the schema knows, in schema order, so stored extras never reach a file. */
function pick(schema: z.ZodTypeAny, value: unknown): unknown {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodArray && Array.isArray(value)) return value.map((v) => pick(inner.element, v));
  if (!(inner instanceof z.ZodObject) || !value || typeof value !== 'object') return value;
  const entries = Object.entries(inner.shape as Record<string, z.ZodTypeAny>);
  return Object.fromEntries(
    entries.filter(([k]) => (value as Loose)[k] != null).map(([k, s]) => [k, pick(s, (value as Loose)[k])]),
  );
}

/** Binary order by key, the same order the store's export uses. */
const byKey = <T extends { key: string }>(items: T[]): T[] => [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Writes a directory in the import format, so an export can be edited and imported back. */
export function serializeDirectory(directory: Directory, format: 'yaml' | 'json'): string {
  const sorted = { people: byKey(directory.people), mandates: byKey(directory.mandates), companies: byKey(directory.companies) };
  const value = pick(directorySchema, sorted) as Directory;
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  const doc = new Document(value);
  doc.commentBefore = ' PreLetter routing directory. Edit, then: npm run directory -- import <this file>';
  // Lists of keys, and identity or channel mappings (all-scalar), each fit on one line.
  visit(doc, {
    Seq: (_, node) => void (node.flow = node.items.every(isScalar)),
    Map: (_, node, path) => void (node.flow = isSeq(path.at(-1)) && node.items.every((p) => isScalar(p.value))),
  });
  return doc.toString({ lineWidth: 0 });
}

/** The demo directory; a broken demo file is a bug in this repository, so it throws. */
export function loadDemoDirectory(): Directory {
  const result = readDirectoryFile(DEMO_DIRECTORY_PATH);
  if (result.ok) return result.directory;
  throw new PreLetterError(
    'invalid-directory',
    `The demo directory has ${result.errors.length} problem(s), first: ${formatIssue(result.errors[0]!)}`,
    { file: DEMO_DIRECTORY_PATH, problems: result.errors.length },
  );
}

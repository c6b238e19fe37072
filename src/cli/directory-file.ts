/**
 * The routing directory as a file (YAML or JSON): parsed, validated with zod and
 * cross-checked, with every problem reported as `file:line:column path: message`,
 * so an admin can fix a whole file in one pass. Pure apart from reading files.
 */
import { distance } from 'fastest-levenshtein';
import { readFileSync, statSync } from 'node:fs';
import { parse as parseJsonLocated, type ParseError } from 'jsonc-parser';
import path from 'node:path';
import { Document, LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import { z } from 'zod';
import { PreLetterError } from '../domain/errors';
import type { Directory } from '../domain/types';
import { crossCheck, pathText, type Loose, type RawIssue, type Segment } from './directory-cross-check';
import { packagePath } from '../package-root';
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
export const DEMO_DIRECTORY_PATH = packagePath('src/cli/demo-directory.yaml');

/** File extensions the import accepts; a .json file must be strict JSON, then lines are found through the YAML parser. */
export const DIRECTORY_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Why: the whole file is parsed in memory and every entry validated; larger files are refused before parsing. */
export const MAX_DIRECTORY_FILE_BYTES = 5 * 1024 * 1024;

/** How much of a wrong value an error message quotes, so a huge value cannot flood the terminal. */
const QUOTE_MAX = 80;


/** A value as an error message quotes it: JSON, cut after QUOTE_MAX characters. */
function quote(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > QUOTE_MAX ? `${json.slice(0, QUOTE_MAX)}…" (${json.length} characters)` : json;
}

function valueAt(root: unknown, segments: Segment[]): unknown {
  return segments.reduce<unknown>((node, s) => (node && typeof node === 'object' ? (node as Loose)[s] : undefined), root);
}

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodTypeAny;
  return schema;
}

/** The field names of the object at a path, to suggest one when a field is misspelt. */
function fieldsAt(segments: Segment[]): string[] {
  let schema: z.ZodTypeAny | undefined = directorySchema;
  for (const s of segments) {
    schema = schema && unwrap(schema);
    if (schema instanceof z.ZodArray) schema = schema.element as z.ZodTypeAny;
    else if (schema instanceof z.ZodObject && typeof s === 'string') schema = schema.shape[s] as z.ZodTypeAny | undefined;
  }
  schema = schema && unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

const TYPE_WORDS: Record<string, string> = { array: 'a list', object: 'a mapping of fields', string: 'text', boolean: 'true or false' };

/** What a value is, in the words the messages use (zod 4 issues no longer say what was received). */
function kindOf(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function fromZod(issue: z.core.$ZodIssue, raw: unknown): RawIssue[] {
  const where = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
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
    const received = kindOf(valueAt(raw, where));
    if (received === 'undefined') return [{ path: where, message: `is missing — add "${String(where.at(-1))}: …" here (${expected}, required)` }];
    const got = received === 'null' ? 'empty' : received;
    return [{ path: where, message: `must be ${expected}, not ${got}${issue.expected === 'array' ? ' (use [] for none)' : ''}` }];
  }
  if (issue.code === 'invalid_value') {
    return [{ path: where, message: `${quote(valueAt(raw, where))} is not a platform — use ${issue.values.map(String).join(' or ')}` }];
  }
  if (issue.code === 'invalid_format' || issue.code === 'custom') {
    return [{ path: where, message: `${quote(valueAt(raw, where))} ${issue.message}` }];
  }
  return [{ path: where, message: issue.message }];
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

/** 1-based line and column of a character offset. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/**
 * JSON.parse decides (the YAML parser would accept trailing commas, single quotes and
 * comments); its message says what is wrong, but not always where (some Node.js versions give
 * no position), so jsonc-parser, in strict mode, finds the offset of the first error.
 */
function jsonSyntaxError(text: string): { line: number; column: number; message: string } | undefined {
  let message: string;
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    message = (err as Error).message;
  }
  const errors: ParseError[] = [];
  parseJsonLocated(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const reported = /at position (\d+)/.exec(message)?.[1];
  const offset = reported !== undefined ? Number(reported) : (errors[0]?.offset ?? text.length);
  const what = message.replace(/, (".*"|\.\.\..*) is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  return { ...positionOf(text, offset), message: what };
}

/** Parses and validates directory text (YAML or JSON); a `.json` `fileName` means strict JSON, else it only labels the issues. */
export function parseDirectoryText(text: string, fileName: string, options: DirectoryParseOptions = {}): DirectoryParseResult {
  const issue = (line: number, column: number, where: Segment[], message: string): DirectoryIssue =>
    ({ file: fileName, line, column, path: pathText(where), message });
  const syntax = /\.json$/i.test(fileName) ? jsonSyntaxError(text.replace(/^\uFEFF/, '')) : undefined;
  if (syntax) {
    const hint = 'the file is not valid JSON: names and text need "double quotes", and no comma may follow the last item';
    return { ok: false, errors: [issue(syntax.line, syntax.column, [], `${syntax.message} (${hint})`)] };
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
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
    const { size } = statSync(filePath);
    if (size > MAX_DIRECTORY_FILE_BYTES) {
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
      return fail(`this file is ${mb(size)}, and a directory file may be at most ${mb(MAX_DIRECTORY_FILE_BYTES)} — split it into several files and import them one after another (import adds, it never deletes)`);
    }
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
  if (inner instanceof z.ZodArray && Array.isArray(value)) return value.map((v) => pick(inner.element as z.ZodTypeAny, v));
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

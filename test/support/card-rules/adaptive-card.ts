/**
 * Validates an Adaptive Card (the `content` of an `application/vnd.microsoft.card.adaptive`
 * attachment) the way Teams will judge it:
 *
 * 1. Against the OFFICIAL Adaptive Card JSON schema of the card's declared `version`. No npm
 *    package ships these files (checked: adaptivecards, adaptivecards-templating,
 *    adaptivecards-designer, adaptive-expressions, @microsoft/adaptivecards-tools,
 *    @microsoft/teams.cards), so they are kept unmodified as fixtures in
 *    test/fixtures/teams/adaptive-card-schema/<version>/ (see the README.md there for source
 *    and commit). They declare draft-06 and use `anyOf` for every polymorphic slot; the
 *    errors are folded into one line per real problem (see `collapse`).
 * 2. With the official renderer SDK (`adaptivecards` on npm), which parses the card for the
 *    declared version and reports what it would drop or reject (unknown or too-new element
 *    and action types, inputs without ids, empty choice sets, ...). Its `lib/` entry is
 *    untranspiled ES modules; its `dist/` UMD bundle parses and validates in Node without a
 *    DOM, so that is what is loaded here (rendering, which needs a DOM, is never called).
 * 3. Teams rules the schema does not express (TEAMS_CARD_RULES, each with its source).
 *
 * The Teams-only top-level `msteams` property: the schema's AdaptiveCard definition has
 * `additionalProperties: false` and no `msteams`, so it is taken off before schema and SDK
 * validation and checked here instead (only `width: "Full"` and mention `entities`, the two
 * Teams extensions PreLetter uses; add more here when the renderer starts using them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';

/** Official schema versions stored under test/fixtures/teams/adaptive-card-schema/ (card `version` "1.4" → "1.4.0"). */
export const ADAPTIVE_CARD_SCHEMA_VERSIONS = ['1.4', '1.5', '1.6'] as const;

/**
 * Teams rules the Adaptive Card schema does not express.
 * - actionExecuteMinVersion: Universal Actions (Action.Execute, `refresh`) "are introduced in the
 *   Adaptive Cards schema version 1.5"; a card declaring less "stops working" in Teams. Source: "Work
 *   with Universal Actions for Adaptive Cards",
 *   https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 *   (the official 1.4.0 schema already defines Action.Execute; Microsoft's page asks for 1.5).
 * - executeFallback: the same page: "To ensure maximum compatibility in Teams, define Action.Execute
 *   with an Action.Submit in the fallback property" (the refresh action is not a button: exempt).
 * - refreshUserIdsMax: at most 60 users get an automatic refresh / user-specific view. Source: "User
 *   Specific Views", https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views
 *   ("Maximum 60 different users"), and IRefreshDefinition.userIds in @microsoft/teams.cards.
 * - maxPayloadBytes: the bot message size limit counts the whole payload encoded as UTF-16 ("Format
 *   your bot messages", https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages:
 *   40 KB, HTTP 413 MessageSizeTooBig beyond it; the Teams connector reference,
 *   https://learn.microsoft.com/connectors/teams/, gives "about 28 KB" for a posted message). The card
 *   is held to the bot-message limit, 40 KB as UTF-16.
 * - mentions: every `<at>name</at>` in card text needs an `msteams.entities` entry of type "mention"
 *   with exactly that `text` and a `mentioned` { id, name }; otherwise Teams shows the raw tag.
 *   Source: "Format cards in Teams", mention support within Adaptive Cards,
 *   https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format
 */
export const TEAMS_CARD_RULES = {
  actionExecuteMinVersion: '1.5',
  refreshUserIdsMax: 60,
  maxPayloadBytes: 40 * 1024,
} as const;

const SCHEMA_DIR = path.join(__dirname, '..', '..', 'fixtures', 'teams', 'adaptive-card-schema');

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One version's compiled schema and a way to validate a node against one named definition. */
interface VersionSchema {
  validateCard: ValidateFunction;
  definitions: Json;
  definition(name: string): ValidateFunction | undefined;
  definitionNames: ReadonlySet<string>;
}

const compiled = new Map<string, VersionSchema>();

function schemaFor(version: string): VersionSchema | undefined {
  if (!(ADAPTIVE_CARD_SCHEMA_VERSIONS as readonly string[]).includes(version)) return undefined;
  const cached = compiled.get(version);
  if (cached) return cached;
  const file = path.join(SCHEMA_DIR, `${version}.0`, 'adaptive-card.json');
  const official = JSON.parse(readFileSync(file, 'utf8')) as Json & { id: string; definitions: Json };
  // The official files name themselves with draft-04's `id`; Ajv 8 only reads `$id` (and refuses `id`).
  // Renamed in memory only: every keyword that validates is used exactly as published.
  const { id, ...rest } = official;
  // strict: false, because the files carry annotation keywords of their own (`version`, `features`).
  // One Ajv per version, since every version has the same id.
  // verbose: each `anyOf` error then carries its branches, which say what types the slot offers.
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  ajv.addMetaSchema(draft06MetaSchema);
  addFormats(ajv);
  ajv.addSchema({ ...rest, $id: id });
  const validateCard = ajv.getSchema(id);
  if (!validateCard) throw new Error(`Could not compile ${file}`);
  const definitions = new Map<string, ValidateFunction | undefined>();
  const entry: VersionSchema = {
    validateCard,
    definitions: official.definitions,
    definitionNames: new Set(Object.keys(official.definitions)),
    definition(name) {
      if (!entry.definitionNames.has(name)) return undefined;
      if (!definitions.has(name)) definitions.set(name, ajv.getSchema(`${id}#/definitions/${name}`));
      return definitions.get(name);
    },
  };
  compiled.set(version, entry);
  return entry;
}

/** JSON pointer → the value there. */
function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** `/body/0/items/2` → `body[0].items[2]`, the way a person reads a card. */
function readablePath(pointer: string): string {
  if (pointer === '') return 'card';
  return pointer
    .slice(1)
    .split('/')
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : `${i === 0 ? '' : '.'}${s.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('');
}

function where(root: unknown, pointer: string): string {
  const node = valueAt(root, pointer);
  const type = isObject(node) && typeof node.type === 'string' ? ` (${node.type})` : '';
  return `${readablePath(pointer)}${type}`;
}

const isUnder = (p: string, prefix: string): boolean => p === prefix || p.startsWith(`${prefix}/`);
const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

function describe(root: unknown, e: ErrorObject): string {
  const at = where(root, e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${at}: property "${String(p.additionalProperty)}" is not allowed here by the schema`;
    case 'required':
      return `${at}: missing required property "${String(p.missingProperty)}"`;
    case 'enum':
      return `${at}: ${JSON.stringify(valueAt(root, e.instancePath))} is not one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${at}: must be of type ${String(p.type)}`;
    default:
      return `${at}: ${e.message ?? e.keyword}`;
  }
}

/**
 * Why: Ajv reports every failed `anyOf` branch (one per element type, 40+ lines for one
 * missing property). Each polymorphic slot in the official schema is an `anyOf` of
 * `{ required: ["type"], allOf: [{ $ref: "#/definitions/<Type>" }] }`, so the card's own
 * `type` says which branch was meant: that one definition is validated alone, recursively,
 * and a type the slot does not offer is reported once with the types it does.
 */
function collapse(schema: VersionSchema, root: unknown, base: string, errors: ErrorObject[], ownType?: string): string[] {
  const lines: string[] = [];
  const anyOfPaths = unique(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const outer = anyOfPaths.filter((p) => !anyOfPaths.some((q) => q !== p && isUnder(p, q)));
  for (const e of errors) {
    if (outer.some((p) => isUnder(e.instancePath, p))) continue;
    lines.push(describe(root, { ...e, instancePath: base + e.instancePath }));
  }
  for (const p of outer) {
    const inSlot = errors.filter((e) => isUnder(e.instancePath, p));
    lines.push(...explainAnyOf(schema, root, base + p, p === '' ? ownType : undefined, inSlot, p));
  }
  return lines;
}

/** The definitions an `anyOf` slot offers: each branch's `$ref` (directly or as `allOf: [{ $ref }]`), `ImplementationsOf.*` unfolded. */
function offeredBy(schema: VersionSchema, branches: unknown, seen = new Set<string>()): string[] {
  if (!Array.isArray(branches)) return [];
  return branches.flatMap((branch): string[] => {
    if (!isObject(branch)) return [];
    const ref = typeof branch.$ref === 'string' ? branch.$ref : Array.isArray(branch.allOf) && isObject(branch.allOf[0]) ? branch.allOf[0].$ref : undefined;
    const name = typeof ref === 'string' && ref.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
    if (!name || seen.has(name)) return [];
    seen.add(name);
    const def = schema.definitions[name];
    return isObject(def) && Array.isArray(def.anyOf) ? offeredBy(schema, def.anyOf, seen) : [name];
  });
}

function explainAnyOf(schema: VersionSchema, root: unknown, absolute: string, ownType: string | undefined, errors: ErrorObject[], relative: string): string[] {
  const node = valueAt(root, absolute);
  const slot = errors.find((e) => e.keyword === 'anyOf' && e.instancePath === relative);
  const offered = unique(offeredBy(schema, slot?.schema)).filter((name) => {
    const def = schema.definitions[name];
    return isObject(def) && def.type === 'object';
  });
  if (isObject(node) && typeof node.type === 'string' && node.type !== ownType) {
    const type = node.type;
    if (offered.length > 0 && !offered.includes(type)) {
      const what = schema.definitionNames.has(type) ? `type "${type}" is not allowed here` : `unknown type "${type}" (not in this schema version)`;
      return [`${readablePath(absolute)}: ${what}; allowed here: ${offered.join(', ')}`];
    }
    const validate = schema.definition(type);
    if (!validate) return [`${readablePath(absolute)}: unknown type "${type}" (not in this schema version)`];
    if (validate(node)) return [`${where(root, absolute)}: does not match any form the schema allows here`];
    return collapse(schema, root, absolute, [...(validate.errors ?? [])], type);
  }
  // An untyped value (a string enum with a case-insensitive pattern, a fallback "drop", ...).
  const allowed = unique(errors.filter((e) => e.keyword === 'enum' && e.instancePath === relative).flatMap((e) => (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v))));
  if (allowed.length > 0) return [`${where(root, absolute)}: ${JSON.stringify(node)} is not one of ${allowed.join(', ')}`];
  const messages = unique(errors.filter((e) => e.instancePath === relative && e.keyword !== 'anyOf').map((e) => e.message ?? e.keyword));
  return [`${where(root, absolute)}: matches none of the forms the schema allows here${messages.length ? ` (${messages.join('; ')})` : ''}`];
}

function schemaProblems(card: Json, version: string): string[] {
  const schema = schemaFor(version);
  if (!schema) {
    return [`card: no official schema stored for declared version "${version}" (stored: ${ADAPTIVE_CARD_SCHEMA_VERSIONS.join(', ')}); add it to test/fixtures/teams/adaptive-card-schema/`];
  }
  if (schema.validateCard(card)) return [];
  return unique(collapse(schema, card, '', [...(schema.validateCard.errors ?? [])])).map((l) => `schema ${version}: ${l}`);
}

// ---------------------------------------------------------------------------------------
// Second opinion: the official renderer SDK's parser and validator, for the declared version.

type AdaptiveCardsSdk = typeof import('adaptivecards');
let sdk: AdaptiveCardsSdk | undefined;
function loadSdk(): AdaptiveCardsSdk {
  sdk ??= require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsSdk;
  return sdk;
}

function sdkProblems(card: Json, version: string): string[] {
  const AC = loadSdk();
  const target = (AC.Versions as unknown as Record<string, InstanceType<AdaptiveCardsSdk['Version']>>)[`v${version.replace('.', '_')}`];
  if (!target) return [`adaptivecards SDK: does not know version "${version}"`];
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(target);
  parsed.parse(card, context);
  const events: Array<{ event: number; message: string }> = [];
  for (let i = 0; i < context.eventCount; i += 1) events.push(context.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  return unique(events.map((e) => `adaptivecards SDK (${version}): ${AC.ValidationEvent[e.event] ?? e.event}: ${e.message}`));
}

// ---------------------------------------------------------------------------------------
// Teams rules the schema does not express.

function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** Every object in the card (not `msteams`), with its JSON path. */
function* walk(node: unknown, at = ''): Generator<[string, unknown]> {
  yield [at, node];
  const children: Array<[string, unknown]> = Array.isArray(node) ? node.map((v, i) => [String(i), v]) : isObject(node) ? Object.entries(node) : [];
  for (const [k, v] of children) yield* walk(v, `${at}/${k}`);
}

const AT_TAG = /<at>([\s\S]*?)<\/at>/g;

function msteamsProblems(msteams: unknown): string[] {
  if (msteams === undefined) return [];
  if (!isObject(msteams)) return ['msteams: must be an object'];
  const problems: string[] = [];
  for (const key of Object.keys(msteams)) {
    if (key !== 'width' && key !== 'entities') problems.push(`msteams: property "${key}" is not one these rules know (width, entities); extend test/support/card-rules/adaptive-card.ts if Teams documents it`);
  }
  if (msteams.width !== undefined && msteams.width !== 'Full') problems.push(`msteams.width: ${JSON.stringify(msteams.width)} is not "Full"`);
  if (msteams.entities !== undefined) {
    if (!Array.isArray(msteams.entities)) problems.push('msteams.entities: must be an array');
    else {
      msteams.entities.forEach((e: unknown, i) => {
        const at = `msteams.entities[${i}]`;
        if (!isObject(e)) return void problems.push(`${at}: must be an object`);
        if (e.type !== 'mention') problems.push(`${at}.type: must be "mention"`);
        if (typeof e.text !== 'string' || !/^<at>[\s\S]+<\/at>$/.test(e.text)) problems.push(`${at}.text: must be the "<at>name</at>" tag used in the card text`);
        const m = e.mentioned;
        if (!isObject(m) || typeof m.id !== 'string' || m.id === '' || typeof m.name !== 'string') problems.push(`${at}.mentioned: must be { id, name } with a non-empty id`);
      });
    }
  }
  return problems;
}

function teamsProblems(content: Json, card: Json, version: string): string[] {
  const problems: string[] = [];
  for (const [at, node] of walk(card)) {
    if (isObject(node) && node.type === 'Action.Execute' && compareVersions(version, TEAMS_CARD_RULES.actionExecuteMinVersion) < 0) {
      problems.push(`teams: ${readablePath(at)}: Action.Execute needs card version >= ${TEAMS_CARD_RULES.actionExecuteMinVersion}, card declares ${version}`);
    }
    const fallback = isObject(node) ? node.fallback : undefined;
    if (isObject(node) && node.type === 'Action.Execute' && !at.startsWith('/refresh') && !(isObject(fallback) && fallback.type === 'Action.Submit')) {
      problems.push(`teams: ${readablePath(at)}: Action.Execute needs an Action.Submit fallback for older Teams clients`);
    }
  }
  const refresh = card.refresh;
  if (isObject(refresh)) {
    if (compareVersions(version, TEAMS_CARD_RULES.actionExecuteMinVersion) < 0) problems.push(`teams: refresh needs card version >= ${TEAMS_CARD_RULES.actionExecuteMinVersion}, card declares ${version}`);
    if (Array.isArray(refresh.userIds) && refresh.userIds.length > TEAMS_CARD_RULES.refreshUserIdsMax) {
      problems.push(`teams: refresh.userIds has ${refresh.userIds.length} entries; Teams refreshes automatically for at most ${TEAMS_CARD_RULES.refreshUserIdsMax}`);
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(content), 'utf16le');
  if (bytes > TEAMS_CARD_RULES.maxPayloadBytes) problems.push(`teams: card is ${bytes} bytes as UTF-16; keep it under ${TEAMS_CARD_RULES.maxPayloadBytes}`);

  const msteams = isObject(content.msteams) ? content.msteams : {};
  const entities = Array.isArray(msteams.entities) ? msteams.entities.filter(isObject) : [];
  const tags = new Set(entities.map((e) => e.text).filter((t): t is string => typeof t === 'string'));
  for (const [at, node] of walk(card)) {
    if (typeof node !== 'string') continue;
    for (const match of node.matchAll(AT_TAG)) {
      if (!tags.has(match[0])) problems.push(`teams: ${readablePath(at)}: mention ${match[0]} has no msteams.entities entry with that text`);
    }
    const opened = (node.match(/<at>/g) ?? []).length;
    const closed = (node.match(/<\/at>/g) ?? []).length;
    if (opened !== closed) problems.push(`teams: ${readablePath(at)}: unbalanced <at> tags`);
  }
  return problems;
}

/** Every reason Teams (or the official schema) would reject or misrender this card; empty when valid. */
export function adaptiveCardProblems(content: unknown): string[] {
  if (!isObject(content)) return ['card: must be a JSON object'];
  if (content.type !== 'AdaptiveCard') return [`card.type: must be "AdaptiveCard", got ${JSON.stringify(content.type)}`];
  if (typeof content.version !== 'string' || !/^\d+\.\d+$/.test(content.version)) {
    return [`card.version: a top-level card must declare its version as "major.minor", got ${JSON.stringify(content.version)}`];
  }
  const version = content.version;
  const { msteams, ...card } = content;
  const problems = [...schemaProblems(card, version), ...msteamsProblems(msteams), ...teamsProblems(content, card, version)];
  if (schemaFor(version)) problems.push(...sdkProblems(card, version));
  return problems;
}

/** Jest-friendly: throws one error listing every problem, with the card's kind when given. */
export function expectValidAdaptiveCard(content: unknown, label = 'Adaptive Card'): void {
  const problems = adaptiveCardProblems(content);
  if (problems.length > 0) {
    throw new Error(`${label} is not valid for Teams (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
  }
}

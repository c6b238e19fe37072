/**
 * Dependencies point inward: adapters → src/bot → src/domain. This test reads
 * every import in the tree and fails on any that breaks the house rules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const SDKS = ['@slack/bolt', 'botbuilder', 'mongoose'];
/** Pure libraries the domain may use: dates, validation, and edit distance for "Did you mean". */
const DOMAIN_ALLOWED = ['fastest-levenshtein', 'luxon', 'zod'];
/**
 * The Bot Framework SDK (out of support since 2025-12-31) and its successor, the Microsoft 365
 * Agents SDK: only adapters/teams and its own tests may name them, so moving SDKs touches no other folder.
 */
const TEAMS_SDK = /^(botbuilder|botbuilder-[\w-]+|botframework-[\w-]+|@microsoft\/agents-[\w-]+|@microsoft\/teams-ai|@microsoft\/teams\.[\w-]+)$/;
const TEAMS_SDK_HOMES = ['adapters/teams/', 'test/adapters/teams/'];

interface Import {
  file: string; // relative to the repo root, with forward slashes
  specifier: string;
  target: string; // resolved relative path for relative imports, else the package name
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string, text: string): Import[] {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => ({
    file: rel,
    specifier: fileName,
    target: fileName.startsWith('.')
      ? path.posix.normalize(path.posix.join(path.posix.dirname(rel), fileName))
      : fileName.split('/').slice(0, fileName.startsWith('@') ? 2 : 1).join('/'),
  }));
}

/** Every rule broken by a set of imports, as readable sentences. */
function violations(imports: Import[]): string[] {
  const found: string[] = [];
  for (const i of imports) {
    const where = `${i.file} imports ${i.specifier}`;
    const inDomain = i.file.startsWith('src/domain/');
    const inBot = i.file.startsWith('src/bot/');
    if ((inDomain || inBot) && SDKS.includes(i.target)) found.push(`${where}: src/domain and src/bot never import a platform SDK or mongoose`);
    if (inDomain && !i.specifier.startsWith('.') && !DOMAIN_ALLOWED.includes(i.target)) found.push(`${where}: src/domain is pure (only ${DOMAIN_ALLOWED.join(', ')})`);
    if (inDomain && i.specifier.startsWith('.') && !i.target.startsWith('src/domain/')) found.push(`${where}: src/domain depends on nothing outside it`);
    if (inBot && i.specifier.startsWith('.') && /^src\/(store|scheduler|cli|http|main)/.test(i.target)) found.push(`${where}: src/bot depends only on src/domain and its own ports`);
    if (i.target === 'mongoose' && !i.file.startsWith('src/store/') && !i.file.startsWith('test/')) found.push(`${where}: only src/store imports mongoose`);
    if (i.target.startsWith('adapters/') && i.file.startsWith('src/') && i.file !== 'src/main.ts') found.push(`${where}: only src/main.ts wires adapters`);
    if (i.file.startsWith('adapters/') && i.target.startsWith('src/store')) found.push(`${where}: adapters reach the store only through src/bot`);
    if (TEAMS_SDK.test(i.target) && !TEAMS_SDK_HOMES.some((home) => i.file.startsWith(home))) found.push(`${where}: only adapters/teams (and its tests) use a Teams SDK`);
  }
  return found;
}

function treeImports(): Import[] {
  return ['src', 'adapters', 'test'].flatMap((dir) =>
    sourceFiles(path.join(ROOT, dir)).flatMap((f) => importsOf(f, readFileSync(f, 'utf8'))),
  );
}

describe('architecture', () => {
  it('keeps every dependency pointing inward', () => {
    const imports = treeImports();
    expect(imports.length).toBeGreaterThan(50);
    expect(violations(imports)).toEqual([]);
  });

  it('would catch a domain module importing mongoose, the bot importing Bolt, or src importing an adapter', () => {
    const planted = [
      ...importsOf(path.join(ROOT, 'src/domain/x.ts'), "import mongoose from 'mongoose';\nimport fs from 'node:fs';"),
      ...importsOf(path.join(ROOT, 'src/bot/y.ts'), "import { App } from '@slack/bolt';\nimport { openStore } from '../store';"),
      ...importsOf(path.join(ROOT, 'src/scheduler/z.ts'), "import { x } from '../../adapters/slack/inbound';"),
      ...importsOf(path.join(ROOT, 'src/cli/doctor.ts'), "import { x } from '../../adapters/teams/config-probe';"),
      ...importsOf(path.join(ROOT, 'adapters/teams/w.ts'), "import { openStore } from '../../src/store';"),
    ];
    const found = violations(planted);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('src/domain/x.ts imports mongoose: src/domain and src/bot never import'),
        expect.stringContaining('src/domain/x.ts imports node:fs: src/domain is pure'),
        expect.stringContaining('src/bot/y.ts imports @slack/bolt'),
        expect.stringContaining('src/bot/y.ts imports ../store'),
        expect.stringContaining('src/scheduler/z.ts imports ../../adapters/slack/inbound: only src/main.ts wires adapters'),
        expect.stringContaining('src/cli/doctor.ts imports ../../adapters/teams/config-probe: only src/main.ts wires adapters'),
        expect.stringContaining('adapters/teams/w.ts imports ../../src/store'),
      ]),
    );
    const ok = importsOf(path.join(ROOT, 'src/main.ts'), "import { x } from '../adapters/slack/app';");
    expect(violations(ok)).toEqual([]);
  });

  it('keeps the Teams SDK inside adapters/teams, so moving to the Microsoft 365 Agents SDK changes no other folder', () => {
    const sdkImports = treeImports().filter((i) => TEAMS_SDK.test(i.target));
    expect(sdkImports.map((i) => i.file)).toEqual(expect.arrayContaining(['adapters/teams/app.ts']));
    const planted = [
      ...importsOf(path.join(ROOT, 'src/main.ts'), "import { TurnContext } from 'botbuilder';"),
      ...importsOf(path.join(ROOT, 'src/bot/x.ts'), "import { ConnectorClient } from 'botframework-connector';"),
      ...importsOf(path.join(ROOT, 'test/support/y.ts'), "import type { Activity } from 'botframework-schema';"),
      ...importsOf(path.join(ROOT, 'adapters/slack/z.ts'), "import { AgentApplication } from '@microsoft/agents-hosting';"),
    ];
    expect(violations(planted).filter((v) => v.includes('use a Teams SDK'))).toHaveLength(4);
    const allowed = [
      ...importsOf(path.join(ROOT, 'adapters/teams/w.ts'), "import { CloudAdapter } from 'botbuilder';\nimport { AgentApplication } from '@microsoft/agents-hosting';"),
      ...importsOf(path.join(ROOT, 'test/adapters/teams/v.ts'), "import type { Activity } from 'botbuilder';"),
    ];
    expect(violations(allowed)).toEqual([]);
  });
});

/**
 * `npm run package:teams [-- --out PATH]`: writes the Teams app package, a zip of
 * manifest/teams/manifest.json (with MICROSOFT_APP_ID filled in), its two icons and its
 * French and Spanish translations (teams-localization.ts), ready for Teams → Apps →
 * Manage your apps → Upload an app.
 *
 * The bot's command lists are generated from the command grammar (COMMAND_USAGE),
 * one list per bot scope, so the package always offers exactly what PreLetter
 * understands; test/manifest/teams-manifest.test.ts keeps the committed file equal.
 * The manifest lists no validDomains: PreLetter has no tabs and no sign-in pages,
 * so Teams never loads web content for it. Its message extension has two action
 * commands, `preview` and `flag`, whose dialogs the bot fetches (composeExtension/fetchTask).
 */
import { packagePath } from '../package-root';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { ENGLISH } from '../bot/messages/catalogue';
import { COMMAND_NAMES } from '../domain/command';
import { isPreLetterError, PreLetterError } from '../domain/errors';
import { loadEnvFile } from '../env-file';
import { readCliArgs } from './cli-args';
import type { CliIo } from './directory';
import { LOCALIZATION_FILE, readLocalizationFiles } from './teams-localization';

/** The folder holding manifest.json, color.png, outline.png and the translations. */
export const TEAMS_MANIFEST_DIR = packagePath('manifest/teams');

/** Stands for the bot's Microsoft App ID in the committed manifest (its `id` and `botId`). */
export const APP_ID_PLACEHOLDER = '{{MICROSOFT_APP_ID}}';

/** The newest generally available app manifest schema (Microsoft 365 app manifest reference, August 2026). */
export const MANIFEST_VERSION = '1.30';

/** Where the bot is offered: channels (standard, shared and private), group chats and personal chat. */
export const BOT_SCOPES = ['team', 'groupChat', 'personal'] as const;

/** The files of the package, each at the root of the zip: the manifest, its icons, then its translations. */
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png', 'fr.json', 'es.json'] as const;

/** Where the package is written without --out: under dist/, which git ignores. */
export const DEFAULT_OUT = 'dist/preletter-teams.zip';

/**
 * Command-list limits the Teams client has always enforced (schema 1.24 allowed 12
 * commands and 1.27 longer texts, but older clients and validators still apply these).
 */
export const TEAMS_COMMAND_LIMITS = { titleLength: 32, descriptionLength: 128, commands: 10 } as const;

/** Exit codes: 0 written, 1 the app id or the manifest had a problem, 2 the command was misused. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const EXAMPLE_GUID = '00000000-0000-0000-0000-000000000000';

const guid = z.string().regex(GUID, 'expected a GUID');
const httpsUrl = z.string().url().max(2048).startsWith('https://', 'expected an https URL');
const scope = z.enum(BOT_SCOPES);
const command = z
  .object({
    title: z.string().min(1).max(TEAMS_COMMAND_LIMITS.titleLength),
    description: z.string().min(1).max(TEAMS_COMMAND_LIMITS.descriptionLength),
  })
  .strict();
const languageTag = z.string().regex(/^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8}){0,2}$/, 'expected a language tag like fr or en-us');
const extensionCommand = z
  .object({
    id: z.string().min(1).max(64),
    type: z.enum(['query', 'action']),
    context: z.array(z.enum(['compose', 'commandBox', 'message'])).min(1).max(3),
    title: z.string().min(1).max(32),
    description: z.string().min(1).max(128),
    fetchTask: z.boolean(),
  })
  .strict();

/**
 * The app manifest fields PreLetter uses, with the limits of the v1.30 schema; strict,
 * so a misspelt key fails here rather than in Teams' upload dialog.
 */
export const teamsManifestSchema = z
  .object({
    $schema: z.string().url(),
    manifestVersion: z.string().regex(/^\d+\.\d+$/),
    version: z.string().regex(SEMVER, 'expected a version like 1.0.0'),
    id: guid,
    developer: z
      .object({ name: z.string().min(1).max(32), websiteUrl: httpsUrl, privacyUrl: httpsUrl, termsOfUseUrl: httpsUrl })
      .strict(),
    name: z.object({ short: z.string().min(1).max(30), full: z.string().min(1).max(100) }).strict(),
    description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }).strict(),
    icons: z.object({ color: z.literal('color.png'), outline: z.literal('outline.png') }).strict(),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #009EDB'),
    localizationInfo: z
      .object({
        defaultLanguageTag: languageTag,
        additionalLanguages: z.array(z.object({ languageTag, file: z.string().regex(LOCALIZATION_FILE, 'expected a file name like fr.json') }).strict()),
      })
      .strict(),
    bots: z
      .array(
        z
          .object({
            botId: guid,
            scopes: z.array(scope).min(1).max(3),
            supportsFiles: z.boolean(),
            isNotificationOnly: z.boolean(),
            commandLists: z
              .array(z.object({ scopes: z.array(scope).min(1), commands: z.array(command).min(1).max(TEAMS_COMMAND_LIMITS.commands) }).strict())
              .max(3),
          })
          .strict(),
      )
      .length(1),
    composeExtensions: z.array(z.object({ botId: guid, commands: z.array(extensionCommand).min(1).max(10) }).strict()).length(1),
    /** Resource-specific consent needs the app's id here; `resource` is unused by Teams but must be set. */
    webApplicationInfo: z.object({ id: guid, resource: z.string().min(1).max(2048) }).strict(),
    /** Only ChannelMessage.Read.Group: the bridge relays a letter's reply chain without being mentioned in it. */
    authorization: z
      .object({ permissions: z.object({ resourceSpecific: z.array(z.object({ name: z.literal('ChannelMessage.Read.Group'), type: z.literal('Application') }).strict()).length(1) }).strict() })
      .strict(),
    supportsChannelFeatures: z.literal('tier1'),
    validDomains: z.array(z.string().max(2048)).max(100),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    const fromUrl = /\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/.exec(manifest.$schema)?.[1];
    if (fromUrl !== manifest.manifestVersion) {
      ctx.addIssue({ code: 'custom', path: ['manifestVersion'], message: `expected ${fromUrl ?? 'the version in $schema'}, as $schema says` });
    }
    if (manifest.bots[0] && manifest.bots[0].botId !== manifest.id) {
      ctx.addIssue({ code: 'custom', path: ['bots', 0, 'botId'], message: 'expected the same Microsoft App ID as id' });
    }
    if (manifest.webApplicationInfo.id !== manifest.id) {
      ctx.addIssue({ code: 'custom', path: ['webApplicationInfo', 'id'], message: 'expected the same Microsoft App ID as id' });
    }
    if (manifest.composeExtensions[0] && manifest.composeExtensions[0].botId !== manifest.id) {
      ctx.addIssue({ code: 'custom', path: ['composeExtensions', 0, 'botId'], message: 'expected the same Microsoft App ID as id' });
    }
    const tags = [manifest.localizationInfo.defaultLanguageTag, ...manifest.localizationInfo.additionalLanguages.map((l) => l.languageTag)].map((t) => t.toLowerCase());
    if (new Set(tags).size !== tags.length) {
      ctx.addIssue({ code: 'custom', path: ['localizationInfo', 'additionalLanguages'], message: 'expected each language once' });
    }
  });

/** A manifest that passed the schema, as packaging writes it. */
export type TeamsManifest = z.infer<typeof teamsManifestSchema>;
/** One bot command list, as generated from the grammar for one scope. */
export type TeamsCommandList = TeamsManifest['bots'][number]['commandLists'][number];

/** One command list per scope, in grammar order: title the command, description its help line. */
export function teamsCommandLists(scopes: readonly (typeof BOT_SCOPES)[number][] = BOT_SCOPES): TeamsCommandList[] {
  const commands = COMMAND_NAMES.map((name) => ({ title: name, description: ENGLISH.t('help.description', { name }) }));
  return scopes.map((s) => ({ scopes: [s], commands: commands.map((c) => ({ ...c })) }));
}

/** Why an app id cannot be used, as a sentence naming MICROSOFT_APP_ID; undefined when it is a GUID. */
export function appIdProblem(appId: string | undefined): string | undefined {
  const value = appId?.trim() ?? '';
  if (value === '') {
    return `Please set MICROSOFT_APP_ID to your bot's Microsoft App ID (a GUID like ${EXAMPLE_GUID}) before packaging the Teams app.`;
  }
  if (!GUID.test(value)) {
    return `MICROSOFT_APP_ID is "${value}", which is not a Microsoft App ID: please set it to your bot's GUID, like ${EXAMPLE_GUID}, and package the Teams app again.`;
  }
  return undefined;
}

/** The committed manifest, still holding the app id placeholder. */
export function readManifestTemplate(dir: string = TEAMS_MANIFEST_DIR): string {
  return readFileSync(path.join(dir, 'manifest.json'), 'utf8');
}

/**
 * The manifest for one bot: the placeholder replaced by `appId` everywhere, the command
 * lists generated from the grammar, and the result validated. Throws PreLetterError
 * 'invalid-config' with a sentence fit to print when the id or the manifest is wrong.
 */
export function buildTeamsManifest(appId: string | undefined, template: string = readManifestTemplate()): TeamsManifest {
  const problem = appIdProblem(appId);
  if (problem) throw new PreLetterError('invalid-config', problem, { variables: ['MICROSOFT_APP_ID'] });
  const filled = template.split(APP_ID_PLACEHOLDER).join(appId!.trim());
  const leftover = /\{\{[A-Z_]+\}\}/.exec(filled)?.[0];
  if (leftover) {
    throw new PreLetterError('invalid-config', `manifest/teams/manifest.json has a placeholder ${leftover} that packaging does not fill; please remove it.`);
  }
  const raw = JSON.parse(filled) as { bots?: { scopes?: (typeof BOT_SCOPES)[number][]; commandLists?: unknown }[] };
  for (const bot of raw.bots ?? []) bot.commandLists = teamsCommandLists(bot.scopes ?? BOT_SCOPES);
  const parsed = teamsManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'manifest'}: ${issue.message}`);
    throw new PreLetterError('invalid-config', `manifest/teams/manifest.json is not a valid Teams app manifest: ${lines.join('; ')}.`);
  }
  return parsed.data;
}

// Every entry is dated 1980-01-01 00:00 local time (the zip epoch, written as local DOS time),
// so the same files give the same bytes; Unix mode rw-r--r--, as a regular file.
const ZIP_ENTRY = { mtime: new Date(1980, 0, 1), os: 3, attrs: 0o100644 << 16 } as const;

/** The package for one app id: the filled manifest, the two icons and the checked translations, at the zip root. */
export function buildTeamsPackage(appId: string | undefined, dir: string = TEAMS_MANIFEST_DIR): Buffer {
  const manifest = buildTeamsManifest(appId, readManifestTemplate(dir));
  const translations = readLocalizationFiles(manifest, dir);
  // The manifest and translations are deflated; the icons are stored, since PNG is compressed already.
  const zip = zipSync({
    'manifest.json': [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { ...ZIP_ENTRY, level: 9 }],
    'color.png': [readFileSync(path.join(dir, manifest.icons.color)), { ...ZIP_ENTRY, level: 0 }],
    'outline.png': [readFileSync(path.join(dir, manifest.icons.outline)), { ...ZIP_ENTRY, level: 0 }],
    ...Object.fromEntries(translations.map(({ file, text }) => [file, [strToU8(text), { ...ZIP_ENTRY, level: 9 }] as const])),
  });
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}

const USAGE = 'Usage: MICROSOFT_APP_ID=<your bot GUID> npm run package:teams [-- --out dist/preletter-teams.zip]';

/** The whole CLI as a function of its arguments and environment, so tests run it in-process. */
export function runPackageTeamsCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo, cwd: string = process.cwd()): number {
  const args = readCliArgs(argv, { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (args.values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const stray = args.unknown ?? args.positionals[0];
  if (args.missingValue || stray !== undefined) {
    io.err(args.missingValue ? 'Please give --out a file path, like --out dist/preletter-teams.zip.' : `Sorry, "${stray}" is not an option of package:teams.`);
    io.err(USAGE);
    return EXIT.usage;
  }
  const out = typeof args.values.out === 'string' ? args.values.out : DEFAULT_OUT;
  try {
    const zip = buildTeamsPackage(env.MICROSOFT_APP_ID);
    const target = path.resolve(cwd, out);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, zip);
    const shown = path.relative(cwd, target);
    const where = shown.startsWith('..') || path.isAbsolute(shown) ? target : shown;
    io.out(`Wrote ${where} (${PACKAGE_FILES.join(', ')}) for app ${env.MICROSOFT_APP_ID!.trim()}.`);
    io.out('Upload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.');
    return EXIT.ok;
  } catch (err) {
    io.err(isPreLetterError(err) ? err.userMessage : `The Teams package could not be written: ${(err as Error).message}`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  const io: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };
  try {
    process.exitCode = runPackageTeamsCli(process.argv.slice(2), loadEnvFile(), io);
  } catch (err) {
    io.err((err as Error).message); // a malformed .env: one sentence naming the line
    process.exitCode = EXIT.failed;
  }
}

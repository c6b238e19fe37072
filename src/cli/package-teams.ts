/**
 * `npm run package:teams [-- --out PATH]`: writes the Teams app package, a zip of
 * manifest/teams/manifest.json (with MICROSOFT_APP_ID filled in) and its two icons,
 * ready for Teams → Apps → Manage your apps → Upload an app.
 *
 * The bot's command lists are generated from the command grammar (COMMAND_USAGE),
 * one list per bot scope, so the package always offers exactly what PreLetter
 * understands; test/manifest/teams-manifest.test.ts keeps the committed file equal.
 * The manifest lists no validDomains: PreLetter has no tabs and no sign-in pages,
 * so Teams never loads web content for it.
 */
import { packagePath } from '../package-root';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { COMMAND_NAMES, COMMAND_USAGE } from '../domain/command';
import { isPreLetterError, PreLetterError } from '../domain/errors';
import { loadEnvFile } from '../env-file';
import type { CliIo } from './directory';

/** The folder holding manifest.json, color.png and outline.png. */
export const TEAMS_MANIFEST_DIR = packagePath('manifest/teams');

/** Stands for the bot's Microsoft App ID in the committed manifest (its `id` and `botId`). */
export const APP_ID_PLACEHOLDER = '{{MICROSOFT_APP_ID}}';

/** The newest generally available app manifest schema (Microsoft 365 app manifest reference, August 2026). */
export const MANIFEST_VERSION = '1.30';
export const SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** Where the bot is offered: channels (standard, shared and private), group chats and personal chat. */
export const BOT_SCOPES = ['team', 'groupChat', 'personal'] as const;

/** The files of the package, each at the root of the zip. */
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

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
  });

export type TeamsManifest = z.infer<typeof teamsManifestSchema>;
export type TeamsCommandList = TeamsManifest['bots'][number]['commandLists'][number];

/** One command list per scope, in grammar order: title the command, description its help line. */
export function teamsCommandLists(scopes: readonly (typeof BOT_SCOPES)[number][] = BOT_SCOPES): TeamsCommandList[] {
  const commands = COMMAND_NAMES.map((name) => ({ title: name, description: COMMAND_USAGE[name].description }));
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

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (as in zip and PNG); a table version, since zlib.crc32 needs Node 20.15. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A file to put in a zip, at the path `name` (forward slashes, no leading slash). */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

// Every entry is dated 1980-01-01 00:00 (the zip epoch), so the same files give the same bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A zip archive of the entries, deflated (or stored when deflate would not help), with a central directory. */
export function zipFiles(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : data;
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28); // no extra field
    locals.push(local, fileName, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE(0x0314, 4); // made by: Unix, spec 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    // extra length, comment length, disk number, internal attributes: all 0
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);

    offset += local.length + fileName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The package for one app id: the filled manifest and the two icons, at the zip root. */
export function buildTeamsPackage(appId: string | undefined, dir: string = TEAMS_MANIFEST_DIR): Buffer {
  const manifest = buildTeamsManifest(appId, readManifestTemplate(dir));
  return zipFiles([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: 'color.png', data: readFileSync(path.join(dir, manifest.icons.color)) },
    { name: 'outline.png', data: readFileSync(path.join(dir, manifest.icons.outline)) },
  ]);
}

const USAGE = 'Usage: MICROSOFT_APP_ID=<your bot GUID> npm run package:teams [-- --out dist/preletter-teams.zip]';

/** The whole CLI as a function of its arguments and environment, so tests run it in-process. */
export function runPackageTeamsCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo, cwd: string = process.cwd()): number {
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      io.out(USAGE);
      return EXIT.ok;
    }
    if (arg === '--out' && argv[i + 1] && !argv[i + 1]!.startsWith('--')) {
      out = argv[i + 1]!;
      i += 1;
    } else if (arg.startsWith('--out=') && arg.length > '--out='.length) {
      out = arg.slice('--out='.length);
    } else {
      io.err(arg === '--out' ? 'Please give --out a file path, like --out dist/preletter-teams.zip.' : `Sorry, "${arg}" is not an option of package:teams.`);
      io.err(USAGE);
      return EXIT.usage;
    }
  }
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

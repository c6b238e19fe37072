/**
 * manifest/teams must be a Teams app package PreLetter can ship: a current-schema
 * manifest whose bot offers exactly the command grammar in every scope, a message
 * extension action that opens the preview form, the two icons Teams asks for, French
 * and Spanish translations (teams-localization.test.ts checks them), and
 * `npm run package:teams`, which fills in the app id and writes a zip that Teams (and
 * this test, reading it back with fflate) can open.
 * The icons are committed files; pngjs decodes them to check what Teams requires.
 */
import { unzipSync } from 'fflate';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG, type PNGWithMetadata } from 'pngjs';
import {
  APP_ID_PLACEHOLDER,
  BOT_SCOPES,
  buildTeamsManifest,
  buildTeamsPackage,
  DEFAULT_OUT,
  EXIT,
  MANIFEST_VERSION,
  PACKAGE_FILES,
  readManifestTemplate,
  runPackageTeamsCli,
  TEAMS_COMMAND_LIMITS,
  TEAMS_MANIFEST_DIR,
  teamsCommandLists,
} from '../../src/cli/package-teams';
import { ENGLISH } from '../../src/bot/messages/catalogue';
import { COMMAND_NAMES } from '../../src/domain/command';
import { PreLetterError } from '../../src/domain/errors';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const REQUIRED_FIELDS = ['manifestVersion', 'version', 'id', 'developer', 'name', 'description', 'icons', 'accentColor'];

/** A committed icon decoded by pngjs, which checks every chunk's CRC; `data` is RGBA whatever the file holds. */
function readIcon(name: string): PNGWithMetadata {
  return PNG.sync.read(readFileSync(path.join(TEAMS_MANIFEST_DIR, name)), { checkCRC: true });
}

const pixel = (png: PNG, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];

/** The zip's entries in archive order; fflate checks each CRC and size as it inflates. */
function unzip(zip: Buffer): { name: string; data: Buffer }[] {
  return Object.entries(unzipSync(zip)).map(([name, data]) => ({ name, data: Buffer.from(data) }));
}

interface Run {
  code: number;
  out: string[];
  err: string[];
}

function cli(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Run {
  const run: Run = { code: -1, out: [], err: [] };
  run.code = runPackageTeamsCli(argv, env, { out: (line) => run.out.push(line), err: (line) => run.err.push(line) }, cwd);
  return run;
}

const template = readManifestTemplate();
const committed = JSON.parse(template) as Record<string, any>;

describe('Teams app manifest', () => {
  it('uses the current schema, and its manifestVersion is the version named in $schema', () => {
    expect(committed.$schema).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    expect(committed.manifestVersion).toBe(/\/v(\d+\.\d+)\//.exec(committed.$schema)?.[1]);
    expect(Number(committed.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(25); // supportsChannelFeatures needs 1.25+
  });

  it('has every field the schema requires, and passes validation once the app id is filled in', () => {
    for (const field of REQUIRED_FIELDS) expect({ field, present: Boolean(committed[field]) }).toEqual({ field, present: true });
    const manifest = buildTeamsManifest(APP_ID, template);
    expect(manifest.developer).toEqual({
      name: 'PreLetter',
      websiteUrl: expect.stringMatching(/^https:\/\/[^/]*example\.org\//),
      privacyUrl: expect.stringMatching(/^https:\/\/[^/]*example\.org\//),
      termsOfUseUrl: expect.stringMatching(/^https:\/\/[^/]*example\.org\//),
    });
    expect(manifest.name).toEqual({ short: 'PreLetter', full: 'PreLetter — previews of Special Procedures letters' });
    expect(manifest.description.full).toMatch(/confidential/i);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.accentColor.toUpperCase()).toBe('#009EDB');
  });

  it("keeps the app id as a placeholder in the committed file, in id, the bot's botId, the message extension's and the consent's application, and nowhere else", () => {
    expect(committed.id).toBe(APP_ID_PLACEHOLDER);
    expect(committed.bots[0].botId).toBe(APP_ID_PLACEHOLDER);
    expect(committed.composeExtensions[0].botId).toBe(APP_ID_PLACEHOLDER);
    expect(committed.webApplicationInfo.id).toBe(APP_ID_PLACEHOLDER);
    expect(template.split(APP_ID_PLACEHOLDER)).toHaveLength(5);
  });

  it('asks for one resource-specific permission only: reading the messages of the channels it is in, so the bridge can relay a reply chain', () => {
    expect(committed.authorization).toEqual({ permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] } });
    expect(() => buildTeamsManifest(APP_ID, template.replace('"ChannelMessage.Read.Group"', '"ChannelMessage.Send.Group"'))).toThrow(/authorization/);
  });

  it('offers the preview, flag and call forms as message extension actions, fetched from the bot, in the compose box and the command box', () => {
    expect(committed.composeExtensions.map((e: { botId: string }) => e.botId)).toEqual([APP_ID_PLACEHOLDER]);
    expect(committed.composeExtensions[0].commands).toEqual([
      { id: 'preview', type: 'action', context: ['compose', 'commandBox'], title: 'Preview a letter', description: expect.stringMatching(/^Opens the preview form for the company of this channel\./), fetchTask: true },
      { id: 'flag', type: 'action', context: ['compose', 'commandBox'], title: 'Raise a flag', description: expect.stringMatching(/^Opens the flag form: raise an issue with the Special Procedures for your company\./), fetchTask: true },
      { id: 'call', type: 'action', context: ['compose', 'commandBox'], title: 'Publish a call for input', description: expect.stringMatching(/^Opens the call for input form: ask the companies whose topics match for input by a deadline\./), fetchTask: true },
    ]);
    for (const command of buildTeamsManifest(APP_ID, template).composeExtensions[0]!.commands) expect(command.description.length).toBeLessThanOrEqual(128);
  });

  it('is written in English (en-us), and names a French and a Spanish translation packaged beside it', () => {
    expect(committed.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [
        { languageTag: 'fr', file: 'fr.json' },
        { languageTag: 'es', file: 'es.json' },
      ],
    });
    for (const { file } of committed.localizationInfo.additionalLanguages) expect({ file, exists: existsSync(path.join(TEAMS_MANIFEST_DIR, file)) }).toEqual({ file, exists: true });
    expect(PACKAGE_FILES).toEqual(['manifest.json', 'color.png', 'outline.png', ...committed.localizationInfo.additionalLanguages.map((l: { file: string }) => l.file)]);
  });

  it('offers one conversational bot in channels (shared ones too), group chats and personal chat, without files', () => {
    expect(committed.bots).toHaveLength(1);
    const [bot] = committed.bots;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot).toMatchObject({ supportsFiles: false, isNotificationOnly: false });
    expect(committed.supportsChannelFeatures).toBe('tier1');
    expect(committed.validDomains).toEqual([]);
  });

  it('gives every bot scope its own command list, equal to the command grammar in help order', () => {
    const lists = committed.bots[0].commandLists as { scopes: string[]; commands: { title: string; description: string }[] }[];
    expect(lists.map((list) => list.scopes)).toEqual(BOT_SCOPES.map((scope) => [scope]));
    for (const list of lists) {
      expect(list.commands.map((c) => c.title)).toEqual([...COMMAND_NAMES]);
      expect(list.commands).toEqual(COMMAND_NAMES.map((name) => ({ title: name, description: ENGLISH.t('help.description', { name }) })));
    }
    expect(lists).toEqual(teamsCommandLists());
  });

  it('keeps every command within what Teams shows: a title of 32 characters, a description of 128, 10 commands a list', () => {
    for (const list of teamsCommandLists()) {
      expect(list.commands.length).toBeLessThanOrEqual(TEAMS_COMMAND_LIMITS.commands);
      for (const { title, description } of list.commands) {
        expect({ title, fits: title.length <= 32 && description.length <= 128 }).toEqual({ title, fits: true });
      }
    }
  });

  it('rejects a manifest Teams would reject, naming the field at fault', () => {
    const longName = template.replace('"short": "PreLetter"', `"short": "${'P'.repeat(31)}"`);
    expect(() => buildTeamsManifest(APP_ID, longName)).toThrow(/name\.short/);
    const wrongVersion = template.replace(`"manifestVersion": "${MANIFEST_VERSION}"`, '"manifestVersion": "1.17"');
    expect(() => buildTeamsManifest(APP_ID, wrongVersion)).toThrow(/manifestVersion: expected 1\.30, as \$schema says/);
    const misspelt = template.replace('"accentColor"', '"accentColour"');
    expect(() => buildTeamsManifest(APP_ID, misspelt)).toThrow(/accentColour|accentColor/);
    const longTitle = template.replace('"title": "Preview a letter"', `"title": "${'P'.repeat(33)}"`);
    expect(() => buildTeamsManifest(APP_ID, longTitle)).toThrow(/composeExtensions\.0\.commands\.0\.title/);
    const nested = template.replace('"file": "fr.json"', '"file": "../fr.json"');
    expect(() => buildTeamsManifest(APP_ID, nested)).toThrow(/localizationInfo\.additionalLanguages\.0\.file: expected a file name like fr\.json/);
    const twice = template.replace('"languageTag": "es"', '"languageTag": "FR"');
    expect(() => buildTeamsManifest(APP_ID, twice)).toThrow(/localizationInfo\.additionalLanguages: expected each language once/);
  });
});

describe('Teams app icons', () => {
  const color = readIcon('color.png');
  const outline = readIcon('outline.png');

  it('are 192×192 for color.png and 32×32 for outline.png, as their PNG headers say', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('draws the outline icon in white on transparency: clear pixels around it, and no visible pixel that is not pure white', () => {
    expect({ alpha: outline.alpha, colorType: outline.colorType }).toEqual({ alpha: true, colorType: 6 });
    const alphas = Array.from({ length: 32 * 32 }, (_, i) => outline.data[i * 4 + 3]!);
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(32 * 32 * 0.4);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(100);
    expect(pixel(outline, 0, 0)).toEqual([0, 0, 0, 0]);
    const coloured = Array.from({ length: 32 * 32 }, (_, i) => [...outline.data.subarray(i * 4, i * 4 + 4)]).filter(([, , , a]) => a! > 0);
    expect(coloured.filter(([r, g, b]) => r !== 255 || g !== 255 || b !== 255)).toEqual([]);
  });

  it('draws the colour icon opaque across its centre, in UN blue with a white envelope, not a blank square', () => {
    for (let y = 24; y < 168; y += 1) {
      for (let x = 24; x < 168; x += 1) {
        const alpha = color.data[(y * 192 + x) * 4 + 3];
        if (alpha !== 255) throw new Error(`color.png is transparent at (${x}, ${y})`);
      }
    }
    expect(pixel(color, 20, 96)).toEqual([0x00, 0x9e, 0xdb, 255]);
    expect(pixel(color, 70, 120)).toEqual([255, 255, 255, 255]);
    const distinct = new Set(Array.from({ length: 192 * 192 }, (_, i) => color.data.readUInt32BE(i * 4)));
    expect(distinct.size).toBeGreaterThan(10);
  });
});

describe('npm run package:teams', () => {
  let workDir: string;

  beforeEach(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'preletter-teams-'));
  });

  afterEach(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it("fills the app id into id, the bot's botId and the message extension's, and leaves no placeholder behind", () => {
    const manifest = buildTeamsManifest(` ${APP_ID} `, template);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]!.botId).toBe(APP_ID);
    expect(manifest.composeExtensions[0]!.botId).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('writes a zip holding exactly manifest.json, its two icons and its two translations at its root, each intact', () => {
    const run = cli(['--out', 'out/app.zip'], { MICROSOFT_APP_ID: APP_ID }, workDir);
    expect(run).toMatchObject({ code: EXIT.ok, err: [] });
    expect(run.out[0]).toBe(`Wrote ${path.join('out', 'app.zip')} (manifest.json, color.png, outline.png, fr.json, es.json) for app ${APP_ID}.`);

    const entries = unzip(readFileSync(path.join(workDir, 'out/app.zip')));
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'outline.png', 'fr.json', 'es.json']);
    const file = (name: string) => entries.find((e) => e.name === name)!.data;
    const manifest = JSON.parse(file('manifest.json').toString('utf8'));
    expect(manifest).toEqual(buildTeamsManifest(APP_ID, template));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(file('color.png').equals(readFileSync(path.join(TEAMS_MANIFEST_DIR, 'color.png')))).toBe(true);
    expect(file('outline.png').equals(readFileSync(path.join(TEAMS_MANIFEST_DIR, 'outline.png')))).toBe(true);
    for (const name of ['fr.json', 'es.json']) expect(file(name).equals(readFileSync(path.join(TEAMS_MANIFEST_DIR, name)))).toBe(true);
  });

  it('writes dist/preletter-teams.zip by default, and the same files give the same bytes', () => {
    expect(cli([], { MICROSOFT_APP_ID: APP_ID }, workDir).code).toBe(EXIT.ok);
    const first = readFileSync(path.join(workDir, DEFAULT_OUT));
    expect(cli([`--out=${DEFAULT_OUT}`], { MICROSOFT_APP_ID: APP_ID }, workDir).code).toBe(EXIT.ok);
    expect(readFileSync(path.join(workDir, DEFAULT_OUT)).equals(first)).toBe(true);
  });

  it.each([
    ['missing', {}],
    ['empty', { MICROSOFT_APP_ID: '  ' }],
  ])('asks politely for MICROSOFT_APP_ID when it is %s, and writes nothing', (_, env) => {
    const run = cli([], env, workDir);
    expect(run).toEqual({
      code: EXIT.failed,
      out: [],
      err: ["Please set MICROSOFT_APP_ID to your bot's Microsoft App ID (a GUID like 00000000-0000-0000-0000-000000000000) before packaging the Teams app."],
    });
    expect(existsSync(path.join(workDir, 'dist'))).toBe(false);
  });

  it('refuses a malformed app id with a sentence that shows the value and the form it should have', () => {
    const run = cli([], { MICROSOFT_APP_ID: 'my-bot' }, workDir);
    const sentence =
      'MICROSOFT_APP_ID is "my-bot", which is not a Microsoft App ID: please set it to your bot\'s GUID, like 00000000-0000-0000-0000-000000000000, and package the Teams app again.';
    expect(run).toEqual({ code: EXIT.failed, out: [], err: [sentence] });
    expect(existsSync(path.join(workDir, 'dist'))).toBe(false);
    expect(() => buildTeamsManifest('3f2504e0-4f89-41d3-9a0c', template)).toThrow(PreLetterError);
    const thrown = (() => {
      try {
        return buildTeamsManifest('my-bot', template);
      } catch (err) {
        return err;
      }
    })();
    expect(thrown).toMatchObject({ code: 'invalid-config', userMessage: sentence, context: { variables: ['MICROSOFT_APP_ID'] } });
  });

  it('refuses an unknown option, or --out without a path, and shows how to run it', () => {
    const unknown = cli(['--force'], { MICROSOFT_APP_ID: APP_ID }, workDir);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.err[0]).toBe('Sorry, "--force" is not an option of package:teams.');
    expect(unknown.err[1]).toMatch(/^Usage: MICROSOFT_APP_ID=/);
    const bare = cli(['--out'], { MICROSOFT_APP_ID: APP_ID }, workDir);
    expect(bare).toMatchObject({ code: EXIT.usage, err: [expect.stringMatching(/^Please give --out a file path/), expect.any(String)] });
    expect(existsSync(path.join(workDir, 'dist'))).toBe(false);
  });
});

describe('buildTeamsPackage', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('deflates the manifest and its translations and stores the icons, which PNG has compressed already', () => {
    const methods: Record<string, number> = {};
    unzipSync(buildTeamsPackage(APP_ID), {
      filter: (file) => {
        methods[file.name] = file.compression;
        return false;
      },
    });
    expect(methods).toEqual({ 'manifest.json': 8, 'color.png': 0, 'outline.png': 0, 'fr.json': 8, 'es.json': 8 });
  });

  it('gives the same bytes on another day, since no entry carries the time it was packed', () => {
    jest.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z') });
    const first = buildTeamsPackage(APP_ID);
    jest.setSystemTime(new Date('2031-11-17T23:59:58Z'));
    expect(buildTeamsPackage(APP_ID).equals(first)).toBe(true);
  });
});

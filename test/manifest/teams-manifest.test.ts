/**
 * manifest/teams must be a Teams app package PreLetter can ship: a current-schema
 * manifest whose bot offers exactly the command grammar in every scope, the two
 * icons Teams asks for, and `npm run package:teams`, which fills in the app id and
 * writes a zip that Teams (and this test, reading it back) can open.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 as zlibCrc32, inflateRawSync, inflateSync } from 'node:zlib';
import { drawColorIcon, drawOutlineIcon } from '../../src/cli/draw-teams-icons';
import {
  APP_ID_PLACEHOLDER,
  BOT_SCOPES,
  buildTeamsManifest,
  DEFAULT_OUT,
  EXIT,
  MANIFEST_VERSION,
  readManifestTemplate,
  runPackageTeamsCli,
  TEAMS_COMMAND_LIMITS,
  TEAMS_MANIFEST_DIR,
  teamsCommandLists,
  zipFiles,
} from '../../src/cli/package-teams';
import { COMMAND_NAMES, COMMAND_USAGE } from '../../src/domain/command';
import { PreLetterError } from '../../src/domain/errors';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const REQUIRED_FIELDS = ['manifestVersion', 'version', 'id', 'developer', 'name', 'description', 'icons', 'accentColor'];

interface Png {
  width: number;
  height: number;
  colorType: number;
  /** Four bytes a pixel, whatever the file's colour type. */
  rgba: Buffer;
}

/** Reads an 8-bit RGB or RGBA PNG: checks every chunk's CRC, inflates IDAT and undoes all five row filters. */
function readPng(file: Buffer): Png {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  while (at < file.length) {
    const length = file.readUInt32BE(at);
    const type = file.toString('ascii', at + 4, at + 8);
    const data = file.subarray(at + 8, at + 8 + length);
    expect(file.readUInt32BE(at + 8 + length)).toBe(zlibCrc32(file.subarray(at + 4, at + 8 + length)));
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (!header) throw new Error('PNG without IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = header.subarray(8);
  expect({ bitDepth, interlace, colorType: [2, 6].includes(colorType!) }).toEqual({ bitDepth: 8, interlace: 0, colorType: true });
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter]!;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, colorType: colorType!, rgba: pixels };
  const rgba = Buffer.alloc(width * height * 4, 255);
  for (let i = 0; i < width * height; i += 1) pixels.copy(rgba, i * 4, i * 3, i * 3 + 3);
  return { width, height, colorType: colorType!, rgba };
}

const pixel = (png: Png, x: number, y: number) => [...png.rgba.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];

interface Unzipped {
  name: string;
  method: number;
  data: Buffer;
}

/** Reads a zip through its central directory, checking each local header, size and CRC. */
function unzip(zip: Buffer): Unzipped[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  expect(end).toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  expect(at + zip.readUInt32LE(end + 12)).toBe(end);
  const entries: Unzipped[] = [];
  for (let i = 0; i < count; i += 1) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);

    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    expect(zip.readUInt16LE(local + 8)).toBe(method);
    expect(zip.readUInt32LE(local + 14)).toBe(crc);
    expect(zip.toString('utf8', local + 30, local + 30 + zip.readUInt16LE(local + 26))).toBe(name);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect({ name, method: [0, 8].includes(method), size: data.length, crc: zlibCrc32(data) }).toEqual({ name, method: true, size, crc });
    entries.push({ name, method, data });
    at += 46 + skip;
  }
  return entries;
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

  it('keeps the app id as a placeholder in the committed file, in id and botId and nowhere else', () => {
    expect(committed.id).toBe(APP_ID_PLACEHOLDER);
    expect(committed.bots[0].botId).toBe(APP_ID_PLACEHOLDER);
    expect(template.split(APP_ID_PLACEHOLDER)).toHaveLength(3);
  });

  it('offers one conversational bot in channels (shared ones too), group chats and personal chat, without files', () => {
    expect(committed.bots).toHaveLength(1);
    const [bot] = committed.bots;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot).toMatchObject({ supportsFiles: false, isNotificationOnly: false });
    expect(committed.supportsChannelFeatures).toBe('tier1');
    expect(committed.validDomains).toEqual([]);
    expect(committed).not.toHaveProperty('webApplicationInfo');
  });

  it('gives every bot scope its own command list, equal to the command grammar in help order', () => {
    const lists = committed.bots[0].commandLists as { scopes: string[]; commands: { title: string; description: string }[] }[];
    expect(lists.map((list) => list.scopes)).toEqual(BOT_SCOPES.map((scope) => [scope]));
    for (const list of lists) {
      expect(list.commands.map((c) => c.title)).toEqual([...COMMAND_NAMES]);
      expect(list.commands).toEqual(COMMAND_NAMES.map((name) => ({ title: name, description: COMMAND_USAGE[name].description })));
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
  });
});

describe('Teams app icons', () => {
  const color = readPng(readFileSync(path.join(TEAMS_MANIFEST_DIR, 'color.png')));
  const outline = readPng(readFileSync(path.join(TEAMS_MANIFEST_DIR, 'outline.png')));

  it('are 192×192 for color.png and 32×32 for outline.png, as their PNG headers say', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('draws the outline icon in white on transparency: clear pixels around it, and no visible pixel that is not pure white', () => {
    expect(outline.colorType).toBe(6);
    const alphas = Array.from({ length: 32 * 32 }, (_, i) => outline.rgba[i * 4 + 3]!);
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(32 * 32 * 0.4);
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(100);
    expect(pixel(outline, 0, 0)).toEqual([0, 0, 0, 0]);
    const coloured = Array.from({ length: 32 * 32 }, (_, i) => [...outline.rgba.subarray(i * 4, i * 4 + 4)]).filter(([, , , a]) => a! > 0);
    expect(coloured.filter(([r, g, b]) => r !== 255 || g !== 255 || b !== 255)).toEqual([]);
  });

  it('draws the colour icon opaque across its centre, in UN blue with a white envelope, not a blank square', () => {
    for (let y = 24; y < 168; y += 1) {
      for (let x = 24; x < 168; x += 1) {
        const alpha = color.rgba[(y * 192 + x) * 4 + 3];
        if (alpha !== 255) throw new Error(`color.png is transparent at (${x}, ${y})`);
      }
    }
    expect(pixel(color, 20, 96)).toEqual([0x00, 0x9e, 0xdb, 255]);
    expect(pixel(color, 70, 120)).toEqual([255, 255, 255, 255]);
    const distinct = new Set(Array.from({ length: 192 * 192 }, (_, i) => color.rgba.readUInt32BE(i * 4)));
    expect(distinct.size).toBeGreaterThan(10);
  });

  it('are exactly what src/cli/draw-teams-icons.ts draws, so they can be redrawn', () => {
    expect(color.rgba.equals(drawColorIcon().rgba)).toBe(true);
    expect(outline.rgba.equals(drawOutlineIcon().rgba)).toBe(true);
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

  it('fills the app id into id and botId and leaves no placeholder behind', () => {
    const manifest = buildTeamsManifest(` ${APP_ID} `, template);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]!.botId).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('writes a zip holding exactly manifest.json, color.png and outline.png at its root, each intact', () => {
    const run = cli(['--out', 'out/app.zip'], { MICROSOFT_APP_ID: APP_ID }, workDir);
    expect(run).toMatchObject({ code: EXIT.ok, err: [] });
    expect(run.out[0]).toBe(`Wrote ${path.join('out', 'app.zip')} (manifest.json, color.png, outline.png) for app ${APP_ID}.`);

    const entries = unzip(readFileSync(path.join(workDir, 'out/app.zip')));
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const file = (name: string) => entries.find((e) => e.name === name)!.data;
    const manifest = JSON.parse(file('manifest.json').toString('utf8'));
    expect(manifest).toEqual(buildTeamsManifest(APP_ID, template));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(file('color.png').equals(readFileSync(path.join(TEAMS_MANIFEST_DIR, 'color.png')))).toBe(true);
    expect(file('outline.png').equals(readFileSync(path.join(TEAMS_MANIFEST_DIR, 'outline.png')))).toBe(true);
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

describe('zipFiles', () => {
  it('deflates what compresses, stores what does not, and both read back byte for byte', () => {
    let seed = 7;
    const noise = Buffer.from(Array.from({ length: 512 }, () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24));
    const text = Buffer.from('PreLetter '.repeat(200), 'utf8');
    const entries = unzip(zipFiles([
      { name: 'noise.bin', data: noise },
      { name: 'nested/text.txt', data: text },
      { name: 'empty', data: Buffer.alloc(0) },
    ]));
    expect(entries.map(({ name, method }) => [name, method])).toEqual([
      ['noise.bin', 0],
      ['nested/text.txt', 8],
      ['empty', 0],
    ]);
    expect(entries[0]!.data.equals(noise)).toBe(true);
    expect(entries[1]!.data.equals(text)).toBe(true);
    expect(entries[2]!.data.length).toBe(0);
  });
});

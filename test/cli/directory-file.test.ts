/**
 * The directory file format: what parses, and how every problem is reported, so an
 * admin can fix a whole file in one pass.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEMO_DIRECTORY_PATH,
  MAX_DIRECTORY_FILE_BYTES,
  formatIssue,
  loadDemoDirectory,
  parseDirectoryText,
  readDirectoryFile,
  serializeDirectory,
  type DirectoryIssue,
  type DirectoryParseResult,
} from '../../src/cli/directory-file';
import type { Directory } from '../../src/domain/types';

const fixture = (name: string) => path.join(__dirname, '../fixtures/directory', name);

function issuesOf(result: DirectoryParseResult): DirectoryIssue[] {
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

function directoryOf(result: DirectoryParseResult): Directory {
  if (!result.ok) throw new Error(`expected the file to parse:\n${result.errors.map(formatIssue).join('\n')}`);
  return result.directory;
}

describe('the demo directory', () => {
  const demo = loadDemoDirectory();

  it('parses and holds the six thematic mandates and four fictional companies', () => {
    expect(demo.mandates.map((m) => m.key).sort()).toEqual([
      'ie-sexual-orientation-gender-identity',
      'sr-contemporary-slavery',
      'sr-freedom-expression',
      'sr-human-rights-defenders',
      'sr-sale-of-children',
      'sr-trafficking',
    ]);
    expect(demo.companies.map((c) => c.name)).toEqual(['Northwind Social', 'Kestrel Cloud', 'Ostara Marketplace', 'Lumen Messaging']);
    expect(demo.mandates.every((m) => m.timeZone === 'Europe/Zurich' && m.team.length >= 2 && m.team.length <= 3)).toBe(true);
  });

  it('gives everyone a Slack and a Teams identity, and has two admins', () => {
    for (const person of demo.people) {
      expect(person.identities.map((i) => i.platform).sort()).toEqual(['slack', 'teams']);
    }
    expect(demo.people.filter((p) => p.admin)).toHaveLength(2);
  });

  it('binds each company to one Slack and one Teams channel and spreads its people over several time zones', () => {
    const byKey = new Map(demo.people.map((p) => [p.key, p]));
    const companyZones = new Set<string>();
    for (const company of demo.companies) {
      expect(company.channels.map((c) => c.platform).sort()).toEqual(['slack', 'teams']);
      expect(company.routes.length).toBeGreaterThanOrEqual(2);
      expect(company.defaultContacts.length + company.escalationContacts.length + company.urgentLine.length).toBeGreaterThan(2);
      for (const key of [...company.defaultContacts, ...company.routes.flatMap((r) => [...r.owners, ...r.backups])]) {
        companyZones.add(byKey.get(key)!.timeZone!);
      }
    }
    expect(companyZones.size).toBeGreaterThanOrEqual(3);
  });

  it('uses only example domains for email, so no real address can ever be written to', () => {
    expect(demo.people.every((p) => /@([a-z]+\.)?example\.(org|com|net)$/.test(p.email))).toBe(true);
  });

  it('is found from the source tree', () => {
    expect(DEMO_DIRECTORY_PATH.endsWith(path.join('src', 'cli', 'demo-directory.yaml'))).toBe(true);
  });
});

describe('reading a directory file', () => {
  it('reads JSON the same way as YAML and fills in the defaults', () => {
    const directory = directoryOf(readDirectoryFile(fixture('small.json')));
    expect(directory.people[0]).toMatchObject({ key: 'ana-lindqvist', admin: false });
    expect(directory.people[1]).toMatchObject({ key: 'bo-tanaka', identities: [], admin: true, timeZone: 'Asia/Tokyo' });
    expect(directory.mandates[0]!.timeZone).toBe('Europe/Zurich');
    expect(directory.companies[0]).toMatchObject({
      aliases: [],
      channels: [],
      defaultContacts: [],
      escalationContacts: [],
      urgentLine: [],
      routes: [{ topics: ['surveillance'], owners: ['bo-tanaka'], backups: [] }],
    });
  });

  it('reports every problem in a file at once, each at its line and path', () => {
    const issues = issuesOf(readDirectoryFile(fixture('several-problems.yaml')));
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [3, 'people[0].email'],
      [5, 'people[0].emial'],
      [8, 'people[1].email'],
      [13, 'people[2].timeZone'],
      [14, 'people[3].key'],
      [32, 'companies[0].routes[0].owners[1]'],
      [36, 'companies[1].channels[0]'],
    ]);
    const text = issues.map(formatIssue);
    expect(text[1]).toBe(`${fixture('several-problems.yaml')}:5:5 people[0].emial: unknown field "emial" — did you mean "email"?`);
    expect(text[2]).toContain('"bo.tanaka-at-example.com" is not a valid email address');
    expect(text[3]).toContain('"Mars/Olympus_Mons" is not a known IANA time zone');
    expect(text[4]).toContain('duplicate key "bo-tanaka"');
    expect(text[5]).toContain(':32:29 companies[0].routes[0].owners[1]: unknown person "ana-ruiz" — add them under people or fix the key');
    expect(text[6]).toContain('already belongs to company "acme-social"');
  });

  it('points a missing required field at the entry that lacks it', () => {
    const issues = issuesOf(readDirectoryFile(fixture('missing-fields.json')));
    expect(issues.map(formatIssue)).toEqual([
      `${fixture('missing-fields.json')}:3:5 people[0].email: is missing — add "email: …" here (text, required)`,
      expect.stringContaining(':7:14 companies[0].key: "Acme Social" is not a valid key'),
      expect.stringContaining('companies[0].routes[0].topics: needs at least one topic'),
    ]);
  });

  it('reports a YAML syntax error at its line without guessing at the rest', () => {
    const issues = issuesOf(readDirectoryFile(fixture('broken-syntax.yaml')));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 4, path: '' });
    expect(formatIssue(issues[0]!)).toMatch(/broken-syntax\.yaml:4:\d+ \(top level\): .*not valid YAML/);
  });

  it('turns a missing file into one clear issue instead of a crash', () => {
    const issues = issuesOf(readDirectoryFile(fixture('no-such-file.yaml')));
    expect(issues.map(formatIssue)).toEqual([`${fixture('no-such-file.yaml')}: this file does not exist — check the path`]);
  });

  it('refuses files that are neither YAML nor JSON', () => {
    expect(issuesOf(readDirectoryFile(fixture('directory.txt')))[0]!.message).toContain('.yaml, .yml or .json');
  });
});

describe('cross-checks', () => {
  const twoPeopleOneAccount = [
    'people:',
    '  - { key: ana, name: Ana, email: ana@example.org, identities: [{ platform: slack, workspaceId: T1, userId: U1 }] }',
    '  - { key: bo, name: Bo, email: bo@example.org, identities: [{ platform: slack, workspaceId: T1, userId: U1 }] }',
  ].join('\n');

  it('refuses one platform account given to two people', () => {
    const issues = issuesOf(parseDirectoryText(twoPeopleOneAccount, 'd.yaml'));
    expect(issues.map(formatIssue)).toEqual([
      'd.yaml:3:62 people[1].identities[0]: slack account U1 already belongs to person "ana" (at people[0].identities[0]) — one account can belong to one person only, or the bot would mistake who is acting',
    ]);
  });

  it('refuses a mandate channel that a company is bound to, since that company would read the mandate’s mirrored letters', () => {
    const text = [
      'people:',
      '  - { key: ana, name: Ana, email: ana@example.org }',
      'mandates:',
      '  - { key: sr-x, title: SR X, team: [ana], topics: [privacy], channel: { platform: teams, workspaceId: tenant-1, channelId: "19:acme@thread.tacv2" } }',
      'companies:',
      '  - key: acme',
      '    name: Acme',
      '    channels: [{ platform: teams, workspaceId: tenant-1, channelId: "19:acme@thread.tacv2" }]',
      '    routes: [{ topics: [privacy], owners: [ana] }]',
    ].join('\n');
    expect(issuesOf(parseDirectoryText(text, 'd.yaml')).map(formatIssue)).toEqual([
      expect.stringMatching(/mandates\[0\]\.channel: is company "acme"'s channel — a mandate's own channel must be one no company is bound to/),
    ]);
    const apart = parseDirectoryText(text.replace('channelId: "19:acme@thread.tacv2" } }', 'channelId: "19:sr-x@thread.tacv2" } }'), 'd.yaml');
    expect(apart.ok && apart.directory.mandates[0]!.channel).toEqual({ platform: 'teams', workspaceId: 'tenant-1', channelId: '19:sr-x@thread.tacv2' });
  });

  it('accepts references to people already stored, but not a channel another stored company owns', () => {
    const existing: Directory = {
      people: [{ key: 'ana', name: 'Ana', email: 'ana@example.org', identities: [], admin: false }],
      mandates: [],
      companies: [
        {
          key: 'acme',
          name: 'Acme',
          aliases: [],
          channels: [{ platform: 'teams', workspaceId: 'tenant-1', channelId: '19:acme@thread.tacv2' }],
          defaultContacts: ['ana'],
          escalationContacts: [],
          urgentLine: [],
          routes: [],
        },
      ],
    };
    const file = [
      'companies:',
      '  - key: zenith',
      '    name: Zenith',
      '    defaultContacts: [ana]',
      "    channels: [{ platform: teams, workspaceId: tenant-1, channelId: '19:acme@thread.tacv2' }]",
      '    routes: [{ topics: [cloud], owners: [ana] }]',
    ].join('\n');
    const issues = issuesOf(parseDirectoryText(file, 'd.yaml', { existing }));
    expect(issues).toHaveLength(1);
    expect(formatIssue(issues[0]!)).toContain('d.yaml:5:16 companies[0].channels[0]: teams channel 19:acme@thread.tacv2');
    expect(issues[0]!.message).toContain('already belongs to company "acme" (in the database)');
    // Re-importing acme itself with the same channel is an update, not a conflict.
    const update = file.replace('key: zenith', 'key: acme');
    expect(parseDirectoryText(update, 'd.yaml', { existing }).ok).toBe(true);
  });
});

describe('a .json file is strict JSON; YAML stays YAML', () => {
  const HINT = 'the file is not valid JSON: names and text need "double quotes", and no comma may follow the last item';
  const trailingComma = ['{', '  "people": [', '    { "key": "ana", "name": "Ana", "email": "ana@example.org" },', '  ]', '}'].join('\n');

  it('refuses a trailing comma, at the line and column where JSON stops, in the file:line:col format', () => {
    const issues = issuesOf(parseDirectoryText(trailingComma, 'd.json'));
    expect(issues).toHaveLength(1);
    expect(formatIssue(issues[0]!)).toMatch(/^d\.json:4:3 \(top level\): .+ \(the file is not valid JSON: /);
    expect(issues[0]!.message.endsWith(`(${HINT})`)).toBe(true);
    expect(issues[0]!.message).not.toContain('"people"'); // JSON.parse's echo of the text is dropped
  });

  it('refuses single quotes and comments in a .json file', () => {
    const singleQuotes = ['{', "  'people': []", '}'].join('\n');
    expect(issuesOf(parseDirectoryText(singleQuotes, 'd.json')).map((i) => [i.line, i.column])).toEqual([[2, 3]]);
    const comment = ['{', '  // who is who', '  "people": []', '}'].join('\n');
    expect(issuesOf(parseDirectoryText(comment, 'd.json')).map((i) => [i.line, i.column])).toEqual([[2, 3]]);
  });

  it('reads the same text as YAML when the file says it is YAML', () => {
    expect(directoryOf(parseDirectoryText(trailingComma, 'd.yaml')).people.map((p) => p.key)).toEqual(['ana']);
  });

  it('accepts strict JSON with a byte order mark, as some editors save it', () => {
    expect(directoryOf(parseDirectoryText(`\uFEFF{ "people": [] }`, 'd.json')).people).toEqual([]);
  });
});

describe('limits', () => {
  const one = (person: Record<string, unknown>) => JSON.stringify({ people: [{ key: 'ana', name: 'Ana', email: 'ana@example.org', ...person }] });
  const messages = (text: string, file = 'd.json') => issuesOf(parseDirectoryText(text, file)).map(formatIssue);

  it('refuses a 4 MB name (a file under the size limit) with a short sentence naming the limit, never echoing it', () => {
    const lines = messages(one({ name: 'x'.repeat(4 * 1024 * 1024) }));
    expect(lines).toEqual(['d.json:1:32 people[0].name: must be at most 200 characters']);
  });

  it('quotes at most the start of a huge wrong value', () => {
    const [line] = messages(one({ timeZone: `Mars/${'y'.repeat(100_000)}` }));
    expect(line).toContain('people[0].timeZone: must be at most 64 characters');
    expect(line!.length).toBeLessThan(400);
  });

  it('names the limit of keys, emails, ids and lists', () => {
    expect(messages(one({ key: 'a'.repeat(65) }))).toEqual([expect.stringContaining('people[0].key: must be at most 64 characters')]);
    expect(messages(one({ email: `${'a'.repeat(250)}@example.org` }))).toEqual([
      expect.stringContaining('people[0].email: must be at most 254 characters'),
    ]);
    const identity = (i: number) => ({ platform: 'slack', workspaceId: 'T1', userId: `U${i}` });
    expect(messages(one({ identities: Array.from({ length: 21 }, (_, i) => identity(i)) }))).toEqual([
      expect.stringContaining('people[0].identities: may list at most 20 entries'),
    ]);
    expect(messages(one({ identities: [{ platform: 'slack', workspaceId: 'T1', userId: 'U'.repeat(257) }] }))).toEqual([
      expect.stringContaining('people[0].identities[0].userId: must be at most 256 characters'),
    ]);
  });

  it('refuses a topic with a comma, saying the Teams form would split it in two', () => {
    const file = ['mandates:', '  - key: sr-x', '    title: Special Rapporteur', '    team: []', '    topics: ["privacy, surveillance"]'].join('\n');
    expect(messages(file, 'd.yaml')).toEqual([
      'd.yaml:5:14 mandates[0].topics[0]: "privacy, surveillance" contains a comma — the Teams preview form sends the chosen topics as one comma-separated list, so it would arrive as two topics',
    ]);
  });

  it('refuses a topic over 150 characters, saying Slack cannot offer it', () => {
    const file = ['mandates:', '  - key: sr-x', '    title: Special Rapporteur', '    team: []', `    topics: [${'t'.repeat(151)}]`].join('\n');
    expect(messages(file, 'd.yaml')).toEqual([
      "d.yaml:5:14 mandates[0].topics[0]: must be at most 150 characters — Slack's preview form cannot offer a longer topic",
    ]);
  });

  it('refuses a company bound to a channel whose routes give no topic, at the line of its routes or of the company', () => {
    const file = [
      'people:',
      '  - { key: ana, name: Ana, email: ana@example.org }',
      'companies:',
      '  - key: acme',
      '    name: Acme',
      '    channels: [{ platform: slack, workspaceId: T1, channelId: C1 }]',
      '    routes: []',
      '  - key: globex',
      '    name: Globex',
      '    channels: [{ platform: slack, workspaceId: T1, channelId: C2 }]',
      '  - key: initech',
      '    name: Initech',
      '    routes: []',
    ].join('\n');
    const why = 'gives no topic — a company bound to a channel needs at least one route with a topic, or its letters cannot be routed by topic and its preview form may have nothing to offer';
    expect(messages(file, 'd.yaml')).toEqual([`d.yaml:7:5 companies[0].routes: ${why}`, `d.yaml:8:5 companies[1].routes: ${why}`]);
  });

  it('refuses a file over 5 MB before parsing it, with a sentence saying what to do', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preletter-big-'));
    try {
      const file = path.join(dir, 'big.yaml');
      writeFileSync(file, `# ${'x'.repeat(MAX_DIRECTORY_FILE_BYTES)}\npeople: []\n`);
      expect(issuesOf(readDirectoryFile(file)).map(formatIssue)).toEqual([
        `${file}: this file is 5.0 MB, and a directory file may be at most 5.0 MB — split it into several files and import them one after another (import adds, it never deletes)`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writing a directory file', () => {
  const demo = loadDemoDirectory();

  it.each(['yaml', 'json'] as const)('round-trips the demo directory through %s', (format) => {
    const text = serializeDirectory(demo, format);
    const again = directoryOf(parseDirectoryText(text, `export.${format}`));
    expect(serializeDirectory(again, format)).toBe(text);
    expect(again.companies.find((c) => c.key === 'lumen-messaging')).toEqual(demo.companies.find((c) => c.key === 'lumen-messaging'));
    expect(again.people).toHaveLength(demo.people.length);
  });

  it('writes only the file fields, so stored extras never break a re-import', () => {
    const person = { ...demo.people[0]!, _id: 'abc', __v: 0, timeZone: null } as unknown as Directory['people'][number];
    const text = serializeDirectory({ people: [person], mandates: [], companies: [] }, 'json');
    expect(text).not.toMatch(/_id|__v|timeZone/);
    expect(parseDirectoryText(text, 'x.json').ok).toBe(true);
  });
});

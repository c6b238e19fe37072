/**
 * manifest/teams/fr.json and es.json: the Teams app's French and Spanish strings, in the
 * shape of Microsoft's localization file schema for the manifest's version. Each names
 * the schema, holds the strings the schema requires, keeps every string within the limit
 * of the one it replaces, and names only strings that manifest.json has. Command titles
 * stay the words PreLetter understands (Teams would send a translated title as the
 * message); their descriptions are the catalogue's words in that language.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { voiceFor } from '../../src/bot/messages/catalogue';
import { buildTeamsManifest, buildTeamsPackage, MANIFEST_VERSION, readManifestTemplate, TEAMS_MANIFEST_DIR } from '../../src/cli/package-teams';
import { checkLocalizationFile, localizationSchemaUrl, manifestValueAt } from '../../src/cli/teams-localization';
import { COMMAND_NAMES } from '../../src/domain/command';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const LANGUAGES = ['fr', 'es'] as const;
const template = readManifestTemplate();
const committed = JSON.parse(template) as Record<string, any>;
const manifest = buildTeamsManifest(APP_ID, template);

const text = (language: string) => readFileSync(path.join(TEAMS_MANIFEST_DIR, `${language}.json`), 'utf8');
const entries = (language: string) => JSON.parse(text(language)) as Record<string, string>;

/** The localization schema's limits (Microsoft's reference table), by key shape. */
const LIMITS: Array<[RegExp, number]> = [
  [/^name\.short$/, 30],
  [/^name\.full$/, 100],
  [/^description\.short$/, 80],
  [/^description\.full$/, 4000],
  [/^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.description$/, 128],
  [/^composeExtensions\[0\]\.commands\[[0-9]\]\.title$/, 32],
  [/^composeExtensions\[0\]\.commands\[[0-9]\]\.description$/, 128],
];

/** Every string of the manifest a person reads, as a localization key. */
const READ_BY_PEOPLE = [
  'name.short',
  'name.full',
  'description.short',
  'description.full',
  ...[0, 1, 2].flatMap((list) => COMMAND_NAMES.map((_, i) => `bots[0].commandLists[${list}].commands[${i}].description`)),
  ...[0, 1, 2].flatMap((command) => [`composeExtensions[0].commands[${command}].title`, `composeExtensions[0].commands[${command}].description`]),
];

describe('Teams app translations', () => {
  it('finds the manifest string a key names, and nothing for a key that names none', () => {
    expect(manifestValueAt(manifest, 'name.short')).toBe('PreLetter');
    expect(manifestValueAt(manifest, `bots[0].commandLists[2].commands[${COMMAND_NAMES.indexOf('help')}].title`)).toBe('help');
    expect(manifestValueAt(manifest, 'composeExtensions[0].commands[0].title')).toBe('Preview a letter');
    for (const key of ['bots[0].commandLists[3].commands[0].title', 'bots.commandLists', 'name[0]', 'staticTabs[0].name', 'name..short']) {
      expect({ key, value: manifestValueAt(manifest, key) }).toEqual({ key, value: undefined });
    }
  });

  it.each(LANGUAGES)('%s.json names the localization schema of the manifest version, and passes its checks', (language) => {
    expect(entries(language).$schema).toBe(localizationSchemaUrl(MANIFEST_VERSION));
    expect(localizationSchemaUrl(MANIFEST_VERSION)).toBe(committed.$schema.replace('MicrosoftTeams.schema.json', 'MicrosoftTeams.Localization.schema.json'));
    expect(() => checkLocalizationFile(`${language}.json`, text(language), manifest, MANIFEST_VERSION)).not.toThrow();
  });

  it.each(LANGUAGES)('%s.json translates every string people read in the manifest, each within the limit of the one it replaces', (language) => {
    const translated = entries(language);
    expect(Object.keys(translated).filter((key) => key !== '$schema').sort()).toEqual([...READ_BY_PEOPLE].sort());
    for (const [key, value] of Object.entries(translated)) {
      if (key === '$schema') continue;
      const limit = LIMITS.find(([pattern]) => pattern.test(key))?.[1];
      expect({ key, fits: limit !== undefined && value.trim().length > 0 && value.length <= limit }).toEqual({ key, fits: true });
    }
  });

  it.each(LANGUAGES)('%s.json names only strings manifest.json has, as committed and as packaged', (language) => {
    for (const key of Object.keys(entries(language)).filter((k) => k !== '$schema')) {
      expect({ key, committed: typeof manifestValueAt(committed, key), packaged: typeof manifestValueAt(manifest, key) }).toEqual({ key, committed: 'string', packaged: 'string' });
    }
  });

  it.each(LANGUAGES)("%s.json describes each command in the catalogue's words, and leaves command titles as the words PreLetter understands", (language) => {
    const v = voiceFor({ locale: language, zone: 'UTC' });
    const translated = entries(language);
    for (let list = 0; list < 3; list += 1) {
      COMMAND_NAMES.forEach((name, i) => {
        expect(translated[`bots[0].commandLists[${list}].commands[${i}].description`]).toBe(v.t('help.description', { name }));
      });
    }
    expect(Object.keys(translated).filter((key) => /commandLists.*\.title$/.test(key))).toEqual([]);
    for (const command of [0, 1, 2]) expect(translated[`composeExtensions[0].commands[${command}].title`]).not.toBe(manifest.composeExtensions[0]!.commands[command]!.title);
  });

  it('rejects a translation Teams would reject, or one that renames a command, naming the key at fault', () => {
    const fr = entries('fr');
    const check = (changed: Record<string, unknown>) => () => checkLocalizationFile('fr.json', JSON.stringify(changed), manifest, MANIFEST_VERSION);
    expect(check({ ...fr, 'description.short': 'x'.repeat(81) })).toThrow(/^manifest\/teams\/fr\.json is not a valid Teams localization file: description\.short: is 81 characters long; the limit is 80\.$/);
    expect(check({ ...fr, 'staticTabs[0].name': 'Accueil' })).toThrow(/staticTabs\[0\]\.name: is not a string this manifest translates/);
    expect(check({ ...fr, 'composeExtensions[0].commands[3].description': 'Rien.' })).toThrow(/commands\[3\]\.description: names nothing in manifest\.json/);
    expect(check({ ...fr, 'bots[0].commandLists[0].commands[0].title': 'aperçu' })).toThrow(/commands\[0\]\.title: a command title stays the word PreLetter understands/);
    const { 'name.full': _dropped, ...withoutFullName } = fr;
    expect(check(withoutFullName)).toThrow(/name\.full: is missing/);
    expect(check({ ...fr, $schema: localizationSchemaUrl('1.16') })).toThrow(/\$schema: expected .*v1\.30\/MicrosoftTeams\.Localization\.schema\.json/);
    expect(() => checkLocalizationFile('fr.json', '{ "name.short": ', manifest, MANIFEST_VERSION)).toThrow(/^manifest\/teams\/fr\.json is not JSON/);
  });

  it('refuses to package a manifest whose translation file is missing, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preletter-teams-l10n-'));
    try {
      cpSync(TEAMS_MANIFEST_DIR, dir, { recursive: true });
      unlinkSync(path.join(dir, 'es.json'));
      expect(() => buildTeamsPackage(APP_ID, dir)).toThrow(/manifest\/teams\/es\.json, named in localizationInfo, cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The Teams app's translations: one file per language that the manifest's
 * `localizationInfo.additionalLanguages` names (manifest/teams/fr.json, es.json), in
 * the shape of Microsoft's localization file schema for the manifest's version
 * (MicrosoftTeams.Localization.schema.json): flat keys naming a string of the manifest
 * (`name.short`, `bots[0].commandLists[0].commands[0].description`), each within the
 * limit of the string it replaces. Packaging checks every file, and that every key names
 * a string the manifest has, before it puts the files beside the manifest in the zip.
 *
 * Bot command titles are never translated: Teams sends the title a person picks as the
 * message text, and PreLetter's commands are the same words in every language (the
 * French and Spanish help show them as they are). Their descriptions are translated,
 * with the catalogue's words (help.description), like the English ones.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PreLetterError } from '../domain/errors';

/** Why: a language's file is at the zip root, next to manifest.json, so it is a plain file name. */
export const LOCALIZATION_FILE = /^[a-z0-9-]{1,35}\.json$/;

/** Why: what a file may translate, with the localization schema's limits; anything else is refused by name. */
export const LOCALIZABLE_KEYS: ReadonlyArray<{ pattern: RegExp; max: number }> = [
  { pattern: /^name\.short$/, max: 30 },
  { pattern: /^name\.full$/, max: 100 },
  { pattern: /^description\.short$/, max: 80 },
  { pattern: /^description\.full$/, max: 4000 },
  { pattern: /^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.description$/, max: 128 },
  { pattern: /^composeExtensions\[0\]\.commands\[[0-9]\]\.title$/, max: 32 },
  { pattern: /^composeExtensions\[0\]\.commands\[[0-9]\]\.description$/, max: 128 },
];

/** Why: the keys the schema requires in every file (the documentation adds name.full, which the manifest has). */
export const REQUIRED_KEYS = ['name.short', 'name.full', 'description.short', 'description.full'] as const;

const COMMAND_TITLE = /^bots\[0\]\.commandLists\[[0-2]\]\.commands\[[0-9]\]\.title$/;

/** Why: the schema a localization file names, for the manifest version it goes with. */
export function localizationSchemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.Localization.schema.json`;
}

/** Why: the manifest value a key names (`bots[0].commandLists[2].commands[6].description`), or undefined when there is none. */
export function manifestValueAt(manifest: unknown, key: string): unknown {
  let at: unknown = manifest;
  for (const part of key.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    const steps = [match[1]!, ...[...match[2]!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]))];
    for (const step of steps) {
      if (at === null || typeof at !== 'object' || (typeof step === 'number') !== Array.isArray(at)) return undefined;
      at = (at as Record<string | number, unknown>)[step];
    }
  }
  return at;
}

/** Why: one file's problems, each naming its key, so the person packaging knows what to fix. */
function problemsOf(entries: Record<string, unknown>, manifest: unknown, manifestVersion: string): string[] {
  const problems: string[] = [];
  if (entries.$schema !== localizationSchemaUrl(manifestVersion)) problems.push(`$schema: expected ${localizationSchemaUrl(manifestVersion)}, as the manifest's version says`);
  for (const key of REQUIRED_KEYS) if (!(key in entries)) problems.push(`${key}: is missing`);
  for (const [key, value] of Object.entries(entries)) {
    if (key === '$schema') continue;
    const rule = LOCALIZABLE_KEYS.find((r) => r.pattern.test(key));
    if (COMMAND_TITLE.test(key)) problems.push(`${key}: a command title stays the word PreLetter understands; translate its description only`);
    else if (!rule) problems.push(`${key}: is not a string this manifest translates`);
    else if (typeof value !== 'string' || value.trim() === '') problems.push(`${key}: expected text`);
    else if (value.length > rule.max) problems.push(`${key}: is ${value.length} characters long; the limit is ${rule.max}`);
    else if (typeof manifestValueAt(manifest, key) !== 'string') problems.push(`${key}: names nothing in manifest.json`);
  }
  return problems;
}

/**
 * Why: one language's file checked against the localization schema and the manifest it
 * translates; throws PreLetterError 'invalid-config' naming the file and each key at fault.
 */
export function checkLocalizationFile(file: string, text: string, manifest: unknown, manifestVersion: string): Record<string, string> {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (err) {
    throw new PreLetterError('invalid-config', `manifest/teams/${file} is not JSON: ${(err as Error).message}.`);
  }
  const parsed = z.record(z.string(), z.unknown()).safeParse(entries);
  const problems = parsed.success ? problemsOf(parsed.data, manifest, manifestVersion) : ['expected an object of translated strings'];
  if (problems.length > 0) {
    throw new PreLetterError('invalid-config', `manifest/teams/${file} is not a valid Teams localization file: ${problems.join('; ')}.`);
  }
  return parsed.data as Record<string, string>;
}

/** Why: the languages a manifest names, each file read from `dir` and checked, in the manifest's order. */
export function readLocalizationFiles(
  manifest: { manifestVersion: string; localizationInfo?: { additionalLanguages: { file: string }[] } },
  dir: string,
): { file: string; text: string }[] {
  return (manifest.localizationInfo?.additionalLanguages ?? []).map(({ file }) => {
    let text: string;
    try {
      text = readFileSync(path.join(dir, file), 'utf8');
    } catch (err) {
      throw new PreLetterError('invalid-config', `manifest/teams/${file}, named in localizationInfo, cannot be read: ${(err as Error).message}.`);
    }
    checkLocalizationFile(file, text, manifest, manifest.manifestVersion);
    return { file, text };
  });
}

/**
 * Command lines of the CLIs, read by node:util parseArgs. Its strict mode throws on
 * the first problem with a message of its own; the CLIs answer in their own words,
 * naming what was typed, so they read parseArgs' tokens in its lenient mode and
 * pick out here what strict mode would have refused.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The options one command accepts, as parseArgs describes them. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** One command line: the known options' values, the plain words, and the first mistake of each kind, as typed. */
export interface CliArgs {
  /** Values of the known options only: a string option's text, or true for a flag. */
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** The first argument that is not one of the options (`--force`, `-x`, `--dry-run=yes`), as typed. */
  unknown?: string;
  /** The first string option given no value (`--out` last, `--out=`, or `--out --force`), as its name was typed. */
  missingValue?: string;
}

/** Splits `args` with parseArgs, so every CLI spells, groups and ends its options (`--`) the same way. */
export function readCliArgs(args: readonly string[], options: CliOptions): CliArgs {
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const read: CliArgs = { values: {}, positionals: [] };
  for (const token of tokens) {
    if (token.kind === 'positional') read.positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const type = Object.hasOwn(options, token.name) ? options[token.name]!.type : undefined;
    if (type === 'string') {
      const value = token.value;
      if (value === undefined || value === '' || (token.inlineValue === false && value.startsWith('-'))) {
        read.missingValue ??= token.rawName;
      } else {
        read.values[token.name] = value;
      }
    } else if (type === 'boolean' && token.value === undefined) {
      read.values[token.name] = true;
    } else {
      read.unknown ??= args[token.index]!;
    }
  }
  return read;
}

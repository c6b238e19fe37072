/**
 * `npm run directory -- import <file> [--dry-run]` and `npm run directory -- export
 * [--format yaml|json]`: how admins keep the routing directory. A file with any
 * problem writes nothing; every problem is listed at once, with its line.
 */
import type { DirectoryRepository } from '../bot/repositories';
import { isPreLetterError } from '../domain/errors';
import type { Directory } from '../domain/types';
import { readCliArgs } from './cli-args';
import { openConfiguredStore } from './configured-store';
import { formatIssue, readDirectoryFile, serializeDirectory } from './directory-file';

/** Where the CLI writes: stdout for results (export stays pipeable), stderr for problems. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** How the CLI reaches the directory; tests pass a store on a throwaway database. */
export interface CliDeps {
  openDirectory(): Promise<{ directory: DirectoryRepository; close(): Promise<void> }>;
}

/** Exit codes: 0 done, 1 the file or the database had a problem, 2 the command was misused. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = [
  'Usage:',
  '  npm run directory -- import <file.yaml|file.json> [--dry-run]',
  '  npm run directory -- export [--format yaml|json]',
];

function usage(io: CliIo, problem: string): number {
  io.err(`${problem} Please use one of the commands below.`);
  USAGE.forEach((line) => io.err(line));
  return EXIT.usage;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function counts(c: { people: number; mandates: number; companies: number }): string {
  return `${plural(c.people, 'person', 'people')}, ${plural(c.mandates, 'mandate', 'mandates')}, ${plural(c.companies, 'company', 'companies')}`;
}

function sizes(d: Directory): { people: number; mandates: number; companies: number } {
  return { people: d.people.length, mandates: d.mandates.length, companies: d.companies.length };
}

async function withDirectory<T>(deps: CliDeps, use: (directory: DirectoryRepository) => Promise<T>): Promise<T> {
  const handle = await deps.openDirectory();
  try {
    return await use(handle.directory);
  } finally {
    await handle.close();
  }
}

async function importFile(argv: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const args = readCliArgs(argv, { 'dry-run': { type: 'boolean' } });
  const dryRun = args.values['dry-run'] === true;
  const files = args.positionals;
  if (args.unknown) return usage(io, `Sorry, import does not know the option ${args.unknown}.`);
  if (files.length !== 1) {
    return usage(io, files.length === 0 ? 'Please tell me which file to import.' : 'Please import one file at a time.');
  }
  return withDirectory(deps, async (directory) => {
    // Checked against what is stored too, so no channel or account ends up with two owners.
    const result = readDirectoryFile(files[0]!, { existing: await directory.exportAll() });
    if (!result.ok) {
      result.errors.forEach((issue) => io.err(formatIssue(issue)));
      const n = result.errors.length;
      io.err(`Nothing was written: fix the ${plural(n, 'problem', 'problems')} above and run the import again.`);
      return EXIT.failed;
    }
    if (dryRun) {
      io.out(`Would import ${counts(sizes(result.directory))}. Nothing was written (dry run).`);
      return EXIT.ok;
    }
    io.out(`Imported ${counts(await directory.apply(result.directory))}.`);
    return EXIT.ok;
  });
}

async function exportAll(argv: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const args = readCliArgs(argv, { format: { type: 'string' } });
  const format = args.values.format ?? 'yaml';
  if (args.missingValue || (format !== 'yaml' && format !== 'json')) return usage(io, 'Please choose --format yaml or --format json.');
  const stray = args.unknown ?? args.positionals[0];
  if (stray !== undefined) return usage(io, `Sorry, export does not take ${stray}.`);
  const directory = await withDirectory(deps, (repo) => repo.exportAll());
  io.out(serializeDirectory(directory, format).replace(/\n$/, ''));
  io.err(`Exported ${counts(sizes(directory))}.`);
  return EXIT.ok;
}

/** The whole CLI as a function of its arguments, so tests run it in-process on a test database. */
export async function runDirectoryCli(argv: string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === 'import') return await importFile(args, io, deps);
    if (command === 'export') return await exportAll(args, io, deps);
    if (command === 'help' || command === '--help' || command === '-h') {
      USAGE.forEach((line) => io.out(line));
      return EXIT.ok;
    }
    return usage(io, command ? `Sorry, "${command}" is not a directory command.` : 'Please say what to do: import or export.');
  } catch (err) {
    const reason = isPreLetterError(err) ? err.userMessage : (err as Error).message;
    io.err(`The directory command could not finish, and nothing more was written: ${reason}`);
    return EXIT.failed;
  }
}

/** Real wiring: the same database as the bot (src/cli/configured-store.ts). */
export function configuredDeps(io: CliIo, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): CliDeps {
  return {
    async openDirectory() {
      const { store, close } = await openConfiguredStore((line) => io.err(line), env, cwd);
      return { directory: store.directory, close };
    },
  };
}

if (require.main === module) {
  const io: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };
  void runDirectoryCli(process.argv.slice(2), io, configuredDeps(io)).then((code) => {
    process.exitCode = code;
  });
}

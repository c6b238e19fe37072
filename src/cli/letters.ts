/**
 * `npm run letters -- export`: every letter, with its facts, threads and audit trail, one
 * JSON object per line on stdout, for a readable backup beside the database's own. The
 * output holds confidential letter text, so it goes where the operator sends it and
 * nowhere else: nothing of it is logged.
 */
import type { Letter } from '../domain/types';
import { isPreLetterError } from '../domain/errors';
import { readCliArgs } from './cli-args';
import { openConfiguredStore } from './configured-store';

/** Where the CLI writes: stdout for letters (pipeable), stderr for everything said to the person. */
export interface LettersIo {
  out(line: string): void;
  err(line: string): void;
}

/** How the CLI reaches the letters; tests pass a store on a throwaway database. */
export interface LettersDeps {
  openLetters(): Promise<{ letters: AsyncIterable<Letter>; close(): Promise<void> }>;
}

/** Exit codes, as the directory CLI's: 0 done, 1 the database had a problem, 2 the command was misused. */
export const LETTERS_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = ['Usage:', '  npm run letters -- export > letters.jsonl   every letter, one JSON object per line'];

function usage(io: LettersIo, problem: string): number {
  io.err(problem);
  USAGE.forEach((line) => io.err(line));
  return LETTERS_EXIT.usage;
}

async function exportLetters(argv: string[], io: LettersIo, deps: LettersDeps): Promise<number> {
  const args = readCliArgs(argv, {});
  const stray = args.unknown ?? args.positionals[0];
  if (stray !== undefined) return usage(io, `Sorry, export does not take ${stray}.`);
  const handle = await deps.openLetters();
  let count = 0;
  try {
    for await (const letter of handle.letters) {
      io.out(JSON.stringify(letter));
      count += 1;
    }
  } finally {
    await handle.close();
  }
  io.err(`Exported ${count} ${count === 1 ? 'letter' : 'letters'}.`);
  return LETTERS_EXIT.ok;
}

/** The whole CLI as a function of its arguments, so tests run it in-process on a test database. */
export async function runLettersCli(argv: string[], io: LettersIo, deps: LettersDeps): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === 'export') return await exportLetters(args, io, deps);
    if (command === 'help' || command === '--help' || command === '-h') {
      USAGE.forEach((line) => io.out(line));
      return LETTERS_EXIT.ok;
    }
    return usage(io, command ? `Sorry, "${command}" is not a letters command.` : 'Please say what to do: export.');
  } catch (err) {
    const reason = isPreLetterError(err) ? err.userMessage : (err as Error).message;
    io.err(`The letters export could not finish: ${reason} What was written before this line is incomplete.`);
    return LETTERS_EXIT.failed;
  }
}

/** Real wiring: the same database as the bot (src/cli/configured-store.ts). */
export function configuredLettersDeps(io: LettersIo, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): LettersDeps {
  return {
    async openLetters() {
      const { store, close } = await openConfiguredStore((line) => io.err(line), env, cwd);
      return { letters: store.exportLetters(), close };
    },
  };
}

if (require.main === module) {
  const io: LettersIo = { out: (line) => console.log(line), err: (line) => console.error(line) };
  void runLettersCli(process.argv.slice(2), io, configuredLettersDeps(io)).then((code) => {
    process.exitCode = code;
  });
}

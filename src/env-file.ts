/**
 * `.env` in the current directory, read at start-up of the bot and of every CLI,
 * before the configuration is parsed (.env.example says to copy it there).
 *
 * Values come from Node's own parser (util.parseEnv, the one behind `node --env-file`,
 * in every supported Node.js). That parser silently skips, or glues onto the next setting, any line
 * it cannot read; so each line is first checked to be a comment or `NAME=value`, and
 * a line that is not stops start-up with one sentence naming its number (never its
 * content, which may be a secret). Variables already set in the environment win.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as util from 'node:util';
import { PreLetterError } from './domain/errors';

/** The file's name, as .env.example and the README call it. */
export const ENV_FILE_NAME = '.env';

const SETTING = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=(.*)$/;
const QUOTES = ['"', "'", '`'];

/** The first line that is not blank, a comment or NAME=value (quoted values may span lines), with why. */
function firstBadLine(lines: string[]): { line: number; why: string } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const setting = SETTING.exec(line);
    if (!setting) return { line: i + 1, why: 'is not NAME=value (a # starts a comment)' };
    const value = setting[1]!.trimStart();
    const quote = QUOTES.find((q) => value.startsWith(q));
    if (!quote || value.indexOf(quote, 1) !== -1) continue;
    const closing = lines.findIndex((later, j) => j > i && later.includes(quote));
    if (closing === -1) return { line: i + 1, why: `opens a ${quote}-quoted value that is never closed` };
    i = closing;
  }
  return undefined;
}

function invalid(file: string, message: string, context: Record<string, unknown> = {}): PreLetterError {
  return new PreLetterError('invalid-config', `The settings file ${file} ${message}`, { file, ...context });
}

/**
 * Why: settings in `.env` must reach the bot and the CLIs exactly as if they were
 * exported, without overriding what the environment already says. Reads
 * `<cwd>/.env` into `env` (process.env by default) and returns `env`; a missing file
 * changes nothing; an unreadable or malformed one throws PreLetterError 'invalid-config'.
 */
export function loadEnvFile(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): NodeJS.ProcessEnv {
  const env = options.env ?? process.env;
  const file = path.resolve(options.cwd ?? process.cwd(), ENV_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return env;
    throw invalid(file, `cannot be read (${code === 'EISDIR' ? 'it is a folder' : (code ?? (err as Error).message)}).`);
  }
  const bad = firstBadLine(text.split(/\r?\n/));
  if (bad) throw invalid(file, `cannot be read: line ${bad.line} ${bad.why}.`, { line: bad.line });
  for (const [name, value] of Object.entries(util.parseEnv(text))) {
    if (env[name] === undefined && value !== undefined) env[name] = value;
  }
  return env;
}

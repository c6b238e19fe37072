/**
 * The compiled program, as `npm start` and the container image run it: tests that
 * start PreLetter as an operator would use `node dist/…` (npm test builds it first),
 * so what they prove is what ships.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The command and arguments that run a source entry point (`src/main.ts`) from its build (`dist/src/main.js`). */
export function builtEntry(entry: string, args: string[] = []): { command: string; args: string[] } {
  const file = path.join(ROOT, 'dist', entry.replace(/\.ts$/, '.js'));
  if (!existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` (npm test does) before this test.`);
  return { command: process.execPath, args: [file, ...args] };
}

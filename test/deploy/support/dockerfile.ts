/**
 * Reads the Dockerfile's instructions, stage by stage, so tests can check what the image
 * does and rebuild its runtime tree from the built program without a container engine.
 * Written here rather than taken from a library: the tests read only FROM, COPY, RUN, USER,
 * HEALTHCHECK and CMD of this one file (continuations and comments are the only syntax needed).
 */
import { readFileSync } from 'node:fs';

/** One instruction: its keyword, and its text with continuations joined. */
export interface Instruction {
  keyword: string;
  args: string;
}

/** A build stage: `FROM <image> AS <name>` and what follows it. */
export interface Stage {
  name: string;
  instructions: Instruction[];
}

/** Why: a Dockerfile's logical lines, continuations joined and comments dropped, split into stages. */
export function readStages(file: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  const stages: Stage[] = [];
  for (const line of logical.filter(Boolean)) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') stages.push({ name: /\sAS\s+(\S+)$/i.exec(line)?.[1] ?? `stage-${stages.length}`, instructions: [] });
    else if (stages.length > 0) stages.at(-1)!.instructions.push(instruction);
  }
  return stages;
}

/** Why: the exec form (`["node", "x.js"]`) is what makes node PID 1 and lets SIGTERM reach it. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`not an exec form: ${args}`);
  return parsed;
}

/** Why: a COPY's sources and destination, and the stage it copies from (`--from=build`), if any. */
export function copyOf(args: string): { from?: string; sources: string[]; destination: string } {
  const words = args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
}

/**
 * Start-up and memory: each program started several times from nothing (its own OS
 * process, as an operator starts it), timed from spawn to the first 200 on /readyz,
 * and its resident memory read once ready. The old way (`npx tsx src/main.ts`) is
 * started once, for the before-and-after.
 */
import { p50, type Row } from './stats';
import { startKind, type BenchWorld, type ProgramKind } from './world';

const RUNS: Array<[ProgramKind, string, number]> = [
  ['bare-bolt', 'bare Bolt app (node)', 3],
  ['preletter', 'PreLetter build (node dist/src/main.js)', 3],
  ['preletter-tsx', 'PreLetter before (npx tsx src/main.ts)', 1],
];

/** Rows: name, ready ms (median of runs), RSS of the process, RSS of its whole process tree (MiB). */
export async function measureStartup(world: BenchWorld, log: (line: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [kind, name, runs] of RUNS) {
    const ready: number[] = [];
    const rss: number[] = [];
    const tree: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const program = await startKind(world, kind);
      // Memory once it has settled a moment after ready, as a probe would see it.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const memory = program.memory();
      ready.push(program.readyMs);
      rss.push(memory.rssMiB);
      tree.push(memory.treeRssMiB);
      await program.stop();
    }
    log(`  ${name}: ready in ${ready.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    rows.push([name, p50(ready), p50(rss), p50(tree), runs]);
  }
  return rows;
}

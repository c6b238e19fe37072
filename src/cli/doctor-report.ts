/**
 * How `npm run doctor` reports: one line per check, `ok`, `fail` or `skip`, the check's
 * name and one plain sentence; a check over many items (channels, people) names at most
 * a few of those that failed, so every check stays one line however big the directory.
 */

/** What became of one check; `skip` is no failure (nothing to check, or it needs what failed before). */
export type CheckStatus = 'ok' | 'fail' | 'skip';

/** One line of the report. */
export interface CheckLine {
  status: CheckStatus;
  name: string;
  sentence: string;
}

/** How many failing items one line names before it says how many more there are. */
export const NAMED_FAILURES = 5;

const NAME_WIDTH = 16;

/** Why: the report's one format, so operators (and scripts) can read every line alike. */
export function formatLine(line: CheckLine): string {
  return `${line.status.padEnd(4)}  ${line.name.padEnd(NAME_WIDTH)}  ${line.sentence}`;
}

/** Why: "1 person" / "3 people" in every sentence. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Why: the failing items of a check in one clause: the first few by name, then how many more. */
export function nameFailures(failures: string[]): string {
  const named = failures.slice(0, NAMED_FAILURES).join('; ');
  const more = failures.length - NAMED_FAILURES;
  return more > 0 ? `${named}; and ${more} more` : named;
}

/**
 * Why: checks of many items against a platform's rate limits: a few at a time, in order,
 * each item's answer kept in its place.
 */
export async function inTurn<T, R>(items: T[], work: (item: T) => Promise<R>, atOnce = 4): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
  return results;
}

/** The hosts of a MongoDB URI without its credentials, options or database: what the database line may show. */
export function databaseHosts(uri: string): string {
  return /^mongodb(?:\+srv)?:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(uri)?.[1] || 'the database server';
}

/**
 * Mutations of a documented payload shape: a field replaced by a value of the wrong
 * type, a huge or hostile string, an unknown option, a date out of range, or removed.
 */
import fc from 'fast-check';
import { hostileText } from './hostile-text';

/** Marks a mutation that deletes the field instead of replacing it. */
export const DELETE = Symbol('delete');

/** A path into a payload: object keys and array indexes. */
export type Path = ReadonlyArray<string | number>;

/** One mutation: where, and what to put there. */
export interface Mutation {
  path: Path;
  value: unknown;
}

/**
 * Why: applies mutations in place to a payload made fresh for this case (each inserted
 * value is copied, so a later mutation never writes into a generated constant); a path
 * through something that is not an object is left alone.
 */
export function mutate<T>(payload: T, mutations: readonly Mutation[]): T {
  for (const { path, value } of mutations) {
    let node = payload as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== 'object' || next === null) {
        node = undefined as never;
        break;
      }
      node = next as Record<string | number, unknown>;
    }
    if (!node) continue;
    const last = path[path.length - 1]!;
    if (value === DELETE) delete node[last];
    // An own property even for `__proto__`, as JSON.parse makes it from a platform's payload.
    else Object.defineProperty(node, last, { value: typeof value === 'object' && value !== null ? structuredClone(value) : value, enumerable: true, writable: true, configurable: true });
  }
  return payload;
}

/** Dates as a date picker might send them, and as a forged payload might. */
export const oddDates = fc.oneof(
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '0000-01-01', '9999-12-31', '+275760-09-13', '2026-3-3', '2026-03-03T00:00:00Z', '20260303', '2026-02-29', '2028-02-29', '1969-12-31', '２０２６-03-03', ' 2026-04-01 ', ''),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

/** Values a field should never hold, and some it may. */
export function oddValues(plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: plausible },
    { weight: 2, arbitrary: fc.constant(DELETE) },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, Number.NaN, [], {}, [null], { value: null }) },
    { weight: 2, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', '😀', '<!here>'), fc.integer({ min: 1000, max: 12_000 })).map(([f, n]) => f.repeat(n)) },
    { weight: 1, arbitrary: oddDates },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2, maxKeys: 3 }) },
  );
}

/** Why: one to four mutations at the given paths, each with odd values or plausible ones for that path. */
export function mutations(paths: ReadonlyArray<{ path: Path; plausible: fc.Arbitrary<unknown> }>): fc.Arbitrary<Mutation[]> {
  const one = fc.constantFrom(...paths).chain(({ path, plausible }) => oddValues(plausible).map((value) => ({ path, value })));
  return fc.array(one, { minLength: 1, maxLength: 4 });
}

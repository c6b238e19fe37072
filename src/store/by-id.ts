/**
 * Conditional single-document updates addressed by `_id`. MongoDB runs them as one
 * filtered command. The embedded FerretDB v1.24 only uses an index for a filter
 * that is exactly `{ _id }` and scans the whole collection otherwise, so there the
 * document is read by `_id`, the condition checked here, and the update written by
 * `_id`, all inside the process-wide write queue that already makes it atomic.
 */

/** Conditions used by the store: equality (strings, numbers, dates), `$exists` and `$size`. */
export type Condition = Record<string, unknown>;

function holds(value: unknown, expected: unknown): boolean {
  if (expected instanceof Date) return value instanceof Date && value.getTime() === expected.getTime();
  if (expected && typeof expected === 'object') {
    const op = expected as { $exists?: boolean; $size?: number };
    if ('$exists' in op) return (value !== undefined && value !== null) === op.$exists;
    if ('$size' in op) return Array.isArray(value) && value.length === op.$size;
    throw new Error(`unsupported condition ${Object.keys(op).join(',')}`);
  }
  return value === expected;
}

/** Whether a document read by `_id` satisfies the condition the filter would have had. */
export function matchesCondition(doc: Record<string, unknown>, condition: Condition): boolean {
  return Object.entries(condition).every(([field, expected]) => holds(doc[field], expected));
}

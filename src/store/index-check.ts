/**
 * Whether a database has every index the store's models declare, read without
 * building any: the unique keys that keep one owner per account or channel and the
 * lookups the sweeps and lists rely on. `npm run doctor` reports what is missing
 * (the bot builds missing indexes when it starts, so a gap means it never started on
 * this database, or could not).
 */
import type { Model } from 'mongoose';
import type { StoreModels } from './store-connection';

/** One index a model declares that its collection lacks, named by its keys (`letterRef_1`, `at_1 (unique)`). */
export interface MissingIndex {
  collection: string;
  index: string;
}

/** What the check found: how many indexes the models declare, over how many collections, and which are missing. */
export interface IndexCheck {
  expected: number;
  collections: number;
  missing: MissingIndex[];
}

function describe(keys: Record<string, unknown>, options: Record<string, unknown> | undefined): string {
  const name = Object.entries(keys).map(([field, direction]) => `${field}_${String(direction)}`).join('_');
  return options?.unique ? `${name} (unique)` : name;
}

/**
 * Why: mongoose's own comparison of each schema's indexes with the collection's (diffIndexes,
 * which also reads a collection that does not exist yet as having none), so "present" means
 * what it means when the store builds them. Indexes the models do not declare are not a fault.
 */
export async function checkIndexes(models: StoreModels): Promise<IndexCheck> {
  const check: IndexCheck = { expected: 0, collections: 0, missing: [] };
  for (const model of Object.values(models) as Model<unknown>[]) {
    const declared = model.schema.indexes();
    if (declared.length === 0) continue;
    check.expected += declared.length;
    check.collections += 1;
    const { toCreate } = await model.diffIndexes();
    for (const keys of toCreate as Array<Record<string, unknown>>) {
      const options = declared.find(([declaredKeys]) => JSON.stringify(declaredKeys) === JSON.stringify(keys))?.[1];
      check.missing.push({ collection: model.collection.collectionName, index: describe(keys, options as Record<string, unknown> | undefined) });
    }
  }
  return check;
}

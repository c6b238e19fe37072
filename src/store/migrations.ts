/**
 * Schema migrations, run once per database when a store opens. Each step is
 * idempotent (upserts, inserts that tolerate duplicates, deletes by `_id`), so two
 * instances starting together, or a start interrupted half-way, still end in the
 * same state; the version is written last.
 *
 * Version 2: directory documents are keyed by their key (`_id`); accounts and channel
 * bindings become claim documents (one person per account, one company per channel,
 * kept by the database); thread lookups, list scopes and the scheduler's agenda move
 * out of the letters into their own small documents.
 *
 * Version 3: list entries are kept twenty to a document (`PL-2026:2`) instead of a
 * hundred (`PL-2026/0`); the old documents are deleted, and each entry is written again
 * by the next change of its letter or the next status list that needs it.
 */
import type { Model } from 'mongoose';
import type { Logger } from '../logger';
import { isDuplicateKeyError } from './db-errors';
import type { LetterDoc } from './letter-model';
import { LetterLists } from './letter-lists';
import { scopesOf } from './letter-repository';
import { fromLetterDoc } from './letter-model';
import { channelKey } from './company-model';
import { identityKey } from './person-model';
import { EPOCH, WAKE_ID } from './schedule-repository';
import type { StoreModels } from './store-connection';

/** The schema version this code reads and writes. */
export const SCHEMA_VERSION = 3;
const SCHEMA_ID = 'schema';

/** Indexes earlier versions declared that nothing queries any more; dropping them makes writes cheaper. */
const RETIRED_INDEXES: Array<[keyof StoreModels, string]> = [
  ['person', 'identityKeys_1'],
  ['company', 'channelKeys_1'],
  ['letter', 'routedKeys_1'],
  ['letter', 'threadRefs_1'],
  ['letter', 'nextDueAt_1'],
  ['letter', 'mandateKey_1'],
  ['letter', 'companyKey_1'],
  ['delivery', 'status_1_leaseUntil_1'],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations read documents of older shapes
async function insertOnce(model: Model<any>, doc: Record<string, unknown>): Promise<void> {
  try {
    await model.create(doc);
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

/** Re-keys documents whose `_id` is not their key (written by version 1 with generated ids). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations read documents of older shapes
async function rekey(model: Model<any>): Promise<number> {
  const docs = await model.find({}).lean<Array<Record<string, unknown>>>();
  let moved = 0;
  for (const doc of docs) {
    const key = doc.key;
    if (typeof key !== 'string' || doc._id === key) continue;
    const { _id: oldId, ...rest } = doc;
    await model.replaceOne({ _id: key }, { ...rest, _id: key }, { upsert: true }).exec();
    await model.deleteOne({ _id: oldId }).exec();
    moved += 1;
  }
  return moved;
}

async function toVersion2(models: StoreModels, logger: Logger): Promise<void> {
  const { person, mandate, company, letter, account, channelBinding, letterThread, schedule, meta } = models;
  const lists = new LetterLists({ models, logger, run: (_operation, _context, fn) => fn() });
  const moved = (await rekey(person)) + (await rekey(mandate)) + (await rekey(company));
  for (const p of await person.find({}).lean<Array<{ key: string; identities?: Array<{ platform: 'slack' | 'teams'; userId: string }> }>>()) {
    for (const identity of p.identities ?? []) await insertOnce(account, { _id: identityKey(identity), personKey: p.key });
  }
  for (const c of await company.find({}).lean<Array<{ key: string; channels?: Array<{ platform: 'slack' | 'teams'; workspaceId: string; channelId: string }> }>>()) {
    for (const channel of c.channels ?? []) await insertOnce(channelBinding, { _id: channelKey(channel), companyKey: c.key });
  }
  let letters = 0;
  for (const raw of await letter.find({}).lean<Array<LetterDoc & { nextDueAt?: Date }>>()) {
    const l = fromLetterDoc(raw);
    for (const t of l.threads) await letterThread.updateOne({ _id: t.threadRef }, { $set: { letterRef: l.ref } }, { upsert: true }).exec();
    await lists.add(scopesOf(l), l.ref);
    // Every letter gets one look: open ones are planned again, finished ones pruned when their retention ends.
    await schedule.updateOne({ _id: l.ref }, { $min: { at: raw.nextDueAt ?? EPOCH }, $inc: { v: 1 } }, { upsert: true }).exec();
    letters += 1;
  }
  await meta.updateOne({ _id: WAKE_ID }, { $min: { at: EPOCH }, $inc: { v: 1 } }, { upsert: true }).exec();
  for (const [name, index] of RETIRED_INDEXES) {
    await models[name].collection.dropIndex(index).catch(() => undefined);
  }
  logger.info({ moved, letters }, 'store migrated to schema version 2');
}

async function toVersion3(models: StoreModels, logger: Logger): Promise<void> {
  const { deletedCount } = await models.letterLines.deleteMany({ _id: { $regex: '/' } }).exec();
  logger.info({ deleted: deletedCount }, 'store migrated to schema version 3');
}

/** Brings the database to SCHEMA_VERSION; a database already there costs one `_id` read. */
export async function migrate(models: StoreModels, logger: Logger): Promise<void> {
  const current = await models.meta.findOne({ _id: SCHEMA_ID }).lean<{ version?: number }>();
  const version = current?.version ?? 1;
  if (version >= SCHEMA_VERSION) return;
  if (version < 2) await toVersion2(models, logger);
  await toVersion3(models, logger);
  await models.meta.updateOne({ _id: SCHEMA_ID }, { $max: { version: SCHEMA_VERSION } }, { upsert: true }).exec();
}

/**
 * Which letters each list scope shows (a company's, a mandate's, a person's, all), kept
 * so that reading the newest 25 and adding or removing one cost the same with fifty open
 * letters or five thousand. A scope's references are split by reference bucket (a
 * hundred consecutive references, see letter-lines.ts): `<scope>|<bucket>` holds that
 * bucket's references, and `<scope>` lists the scope's buckets. Readers walk a scope's
 * buckets newest first and stop once they have enough.
 *
 * References are handed out in order, so only a year's newest buckets ever gain a
 * reference. A bucket is taken out of a scope's list only when it is empty and old
 * (well behind the year's counter): nothing can be added to it any more, so removing
 * it can never hide a letter, and no transaction is needed.
 */
import type { LetterListDoc } from './letter-index-models';
import { bucketOf } from './letter-lines';
import type { StoreContext } from './store-connection';

/** How far behind the year's counter a bucket must be before an empty one is dropped from its scopes. */
const SETTLED_GAP = 200;

/** Newest bucket first: by year, then bucket number. */
function compareBucketsNewestFirst(a: string, b: string): number {
  const parse = (id: string) => {
    const match = /^PL-(\d+)\/(\d+)$/.exec(id);
    return match ? [Number(match[1]), Number(match[2])] : [0, 0];
  };
  const [ya, na] = parse(a);
  const [yb, nb] = parse(b);
  return yb! - ya! || nb! - na! || (a < b ? 1 : a > b ? -1 : 0);
}

const shard = (scope: string, bucket: string) => `${scope}|${bucket}`;

/** How many scope-and-bucket pairs an instance remembers having listed. */
const LISTED_KEPT = 10_000;

/** The scopes' lists on mongoose; every command names one `_id`. */
export class LetterLists {
  /**
   * Scope-and-bucket pairs this instance has seen listed. A bucket that may still gain
   * references is never taken out of its scope, so once listed it stays listed, and
   * the index write can be skipped for the next letters of the same bucket.
   */
  private readonly listed = new Set<string>();

  constructor(private readonly ctx: StoreContext) {}

  /**
   * The scope lists its bucket first, so a reader never misses the reference added next.
   * All of it is one ordered command (one round trip): the server applies the statements
   * in order, each atomic on its own document, and stops at the first that fails.
   */
  async add(scopes: string[], ref: string): Promise<void> {
    const { letterList } = this.ctx.models;
    const bucket = bucketOf(ref);
    const unlisted = scopes.filter((scope) => !this.listed.has(shard(scope, bucket)));
    const upsert = (_id: string, update: Record<string, unknown>) => ({ updateOne: { filter: { _id }, update, upsert: true } });
    const statements = scopes.flatMap((scope) => [
      ...(unlisted.includes(scope) ? [upsert(scope, { $addToSet: { buckets: bucket } })] : []),
      upsert(shard(scope, bucket), { $addToSet: { refs: ref } }),
    ]);
    if (statements.length > 0) await letterList.bulkWrite(statements, { ordered: true });
    for (const scope of unlisted) {
      if (this.listed.size >= LISTED_KEPT) this.listed.clear();
      this.listed.add(shard(scope, bucket));
    }
  }

  /** Takes the reference out of each scope; a settled bucket left empty leaves the scope's list too. */
  async remove(scopes: string[], ref: string): Promise<void> {
    const { letterList, counter } = this.ctx.models;
    const bucket = bucketOf(ref);
    const match = /^PL-(\d+)\/(\d+)$/.exec(bucket);
    const year = await counter.findOne({ _id: `letter-ref-${match?.[1]}` }).lean<{ seq: number }>();
    const settled = Boolean(match && year && (Number(match[2]) + 1) * 100 + SETTLED_GAP <= year.seq);
    for (const scope of scopes) {
      await letterList.updateOne({ _id: shard(scope, bucket) }, { $pull: { refs: ref } }).exec();
      if (!settled) continue;
      const emptied = await letterList.deleteOne({ _id: shard(scope, bucket), refs: { $size: 0 } }).exec();
      if (emptied.deletedCount === 1) {
        await letterList.updateOne({ _id: scope }, { $pull: { buckets: bucket } }).exec();
        this.listed.delete(shard(scope, bucket));
      }
    }
  }

  private async buckets(scope: string): Promise<string[]> {
    const index = await this.ctx.models.letterList.findOne({ _id: scope }).lean<LetterListDoc>();
    return [...(index?.buckets ?? [])].sort(compareBucketsNewestFirst);
  }

  private async refsIn(scope: string, bucket: string): Promise<string[]> {
    const doc = await this.ctx.models.letterList.findOne({ _id: shard(scope, bucket) }).lean<LetterListDoc>();
    return doc?.refs ?? [];
  }

  /** A scope's newest references, at least `atLeast` of them when it has that many (whole buckets are read). */
  async newest(scope: string, atLeast: number): Promise<string[]> {
    const refs: string[] = [];
    for (const bucket of await this.buckets(scope)) {
      if (refs.length >= atLeast) break;
      refs.push(...(await this.refsIn(scope, bucket)));
    }
    return refs;
  }

  /**
   * The newest references that are in `within` and in at least one of `scopes`, at
   * least `atLeast` of them when there are that many: `within`'s buckets are walked
   * newest first and each is checked against the same bucket of every scope.
   */
  async newestWithin(scopes: string[], within: string, atLeast: number): Promise<string[]> {
    const found: string[] = [];
    for (const bucket of await this.buckets(within)) {
      if (found.length >= atLeast) break;
      const candidates = await this.refsIn(within, bucket);
      if (candidates.length === 0) continue;
      const visible = new Set((await Promise.all(scopes.map((scope) => this.refsIn(scope, bucket)))).flat());
      found.push(...candidates.filter((ref) => visible.has(ref)));
    }
    return found;
  }
}

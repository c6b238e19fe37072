/**
 * Every letter as stored, oldest reference first, read in pages so an archive of years of
 * letters never sits in memory at once. Feeds `npm run letters -- export`, the readable
 * backup beside the database's own (mongodump, Atlas backups).
 */
import type { Letter } from '../domain/types';
import { fromLetterDoc, type LetterDoc } from './letter-model';
import type { StoreContext } from './store-connection';

const PAGE = 200;

/** Why: a page per round trip, resumed after the last `_id`, keeps each call short and retryable. */
export async function* exportLetters(ctx: StoreContext, pageSize = PAGE): AsyncGenerator<Letter> {
  let after: string | undefined;
  for (;;) {
    const filter = after === undefined ? {} : { _id: { $gt: after } };
    const page = await ctx.run('exportLetters', { after }, () =>
      ctx.models.letter.find(filter).sort({ _id: 1 }).limit(pageSize).lean<LetterDoc[]>(),
    );
    for (const doc of page) yield fromLetterDoc(doc);
    if (page.length < pageSize) return;
    after = page.at(-1)!._id;
  }
}

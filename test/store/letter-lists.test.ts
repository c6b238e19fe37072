/** Scope lists split by reference bucket: the newest letters of a scope, narrowed by another, as letters accumulate. */
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';
import { sampleLetter } from '../support/sample-letter';

const letter = sampleLetter;


const routing = (owners: string[], backups: string[], escalation: string[]) => ({
  owners,
  backups,
  escalation,
  unrouted: false,
  matchedTopics: [],
});

describe('lists that stay cheap as letters accumulate', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));
  const ref = (n: number) => `PL-2026-${String(n).padStart(4, '0')}`;

  // 260 letters over three buckets: every fifth to kestrel, the rest to acme; all from mandate m1; bob routed on every tenth.
  beforeAll(async () => {
    for (let n = 1; n <= 260; n += 1) await store.letters.nextRef(2026);
    for (let start = 1; start <= 260; start += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => start + i).map((n) =>
          store.letters.create(
            letter(ref(n), {
              companyKey: n % 5 === 0 ? 'kestrel' : 'acme',
              mandateKey: 'm1',
              routing: routing(n % 10 === 0 ? ['bob'] : ['carol'], [], []),
            }),
          ),
        ),
      );
    }
  }, 120_000);

  it('finds the newest letters of a scope across reference buckets, and narrows by a second scope before the limit', async () => {
    const refs = async (query: Partial<Parameters<Store['letters']['list']>[0]>) =>
      (await store.letters.list({ scopes: [], limit: 25, ...query })).map((l) => l.ref);
    expect(await refs({ scopes: ['mandate:m1'] })).toEqual(Array.from({ length: 25 }, (_, i) => ref(260 - i)));
    expect(await refs({ scopes: ['person:bob'], limit: 30 })).toEqual(Array.from({ length: 26 }, (_, i) => ref(260 - i * 10)));
    // bob's letters that are kestrel's: every tenth is also a fifth.
    expect(await refs({ scopes: ['person:bob'], within: 'company:kestrel', limit: 3 })).toEqual([ref(260), ref(250), ref(240)]);
    // Narrowed before the limit: kestrel's letters are spread thin among acme's, none is lost.
    expect(await refs({ scopes: ['mandate:m1'], within: 'company:kestrel', limit: 60 })).toHaveLength(52);
  });

  it('keeps every remaining letter listed as settled buckets empty out, and keeps listing into the newest bucket after it emptied', async () => {
    const oldest = await store.letters.get(ref(5));
    const newest = await store.letters.get(ref(260));
    // PL-2026-0005 sits in a settled bucket (the counter is at 260): once its bucket empties in kestrel's list, the bucket goes.
    for (let n = 5; n < 100; n += 5) await store.letters.unlist((await store.letters.get(ref(n)))!);
    expect(oldest).not.toBeNull();
    const raw = async (id: string) => (await store.letters.list({ scopes: [id], limit: 500 })).map((l) => l.ref);
    expect((await raw('company:kestrel')).every((r) => Number(r.slice(-4)) >= 100)).toBe(true);
    // The newest bucket never leaves a list, even when emptied: a reference may still be added to it.
    await store.letters.unlist(newest!);
    await store.letters.create(letter(ref(261), { companyKey: 'kestrel', mandateKey: 'm1', routing: routing(['bob'], [], []) }));
    expect((await raw('company:kestrel'))[0]).toBe(ref(261));
  });
});

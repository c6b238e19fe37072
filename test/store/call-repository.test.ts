/** Calls for input on the real database: their own numbering, a round trip, answers kept by atomic updates whoever races, lists by mandate and company. */
import type { CallForInput } from '../../src/domain/call';
import type { LetterThread } from '../../src/domain/types';
import type { Store } from '../../src/store';
import { closeTestStore, openTestStore, uniqueDbName } from '../support/db';

const NORTH = { platform: 'slack' as const, workspaceId: 'T0TEST', channelId: 'C0NORTH' };

const call = (ref: string, overrides: Partial<CallForInput> = {}): CallForInput => ({
  ref,
  mandateKey: 'sr-expression',
  title: 'Call for input: content moderation in elections',
  link: 'https://www.ohchr.org/en/calls-for-input/2026/elections',
  topics: ['content-moderation', 'surveillance'],
  deadline: new Date('2026-04-30T21:59:59.999Z'),
  published: { at: new Date('2026-03-03T08:00:00Z'), by: 'mara' },
  recipients: [
    { companyKey: 'northwind', owners: ['ana', 'wei'], matchedTopics: ['content-moderation'], channel: NORTH },
    { companyKey: 'kestrel', owners: ['kai'], matchedTopics: ['surveillance'] },
  ],
  answers: {},
  history: [],
  ...overrides,
});

const thread: LetterThread = { platform: 'slack', channel: NORTH, threadRef: 'slack:C0NORTH:1.1', rootMessageRef: 'slack:C0NORTH:1.1' };
const at = (iso: string, by: string) => ({ at: new Date(iso), by });

describe('calls for input in the database', () => {
  const dbName = uniqueDbName();
  let store!: Store;
  let other!: Store;
  beforeAll(async () => {
    store = await openTestStore(dbName);
    other = await openTestStore(dbName);
  });
  afterAll(async () => {
    await other.close();
    await closeTestStore(store);
  });

  it('numbers calls in their own yearly series, apart from letters and flags', async () => {
    expect([await store.calls.nextRef(2026), await other.calls.nextRef(2026), await store.calls.nextRef(2027)]).toEqual(['CI-2026-0001', 'CI-2026-0002', 'CI-2027-0001']);
    expect(await store.flags.nextRef(2026)).toBe('FL-2026-0001');
  });

  it('keeps a call exactly as it was published, and knows nothing of an unknown reference', async () => {
    await store.calls.create(call('CI-2026-0100'));
    expect(await store.calls.get('CI-2026-0100')).toEqual(call('CI-2026-0100'));
    expect(await store.calls.get('CI-2026-9999')).toBeNull();
  });

  it('records an answer with its time, says a repeat is the same, and keeps every change in the history', async () => {
    await store.calls.create(call('CI-2026-0101'));
    const first = await store.calls.answer('CI-2026-0101', 'northwind', 'contribute', at('2026-03-04T09:00:00Z', 'ana'));
    expect(first).toMatchObject({ outcome: 'answered', call: { answers: { northwind: { answer: 'contribute', by: 'ana', at: new Date('2026-03-04T09:00:00Z') } } } });
    const again = await store.calls.answer('CI-2026-0101', 'northwind', 'contribute', at('2026-03-05T09:00:00Z', 'wei'));
    expect(again).toMatchObject({ outcome: 'same', call: { answers: { northwind: { by: 'ana' } } } });
    await store.calls.answer('CI-2026-0101', 'northwind', 'submitted', at('2026-03-20T09:00:00Z', 'wei'));
    const kept = (await store.calls.get('CI-2026-0101'))!;
    expect(kept.answers).toEqual({ northwind: { answer: 'submitted', at: new Date('2026-03-20T09:00:00Z'), by: 'wei' } });
    expect(kept.history.map((e) => `${e.companyKey} ${e.answer} ${e.by}`)).toEqual(['northwind contribute ana', 'northwind submitted wei']);
  });

  it('refuses an answer from a company the call did not go to, and any answer once the call is closed', async () => {
    await store.calls.create(call('CI-2026-0102'));
    expect((await store.calls.answer('CI-2026-0102', 'initech', 'declined', at('2026-03-04T09:00:00Z', 'zoe'))).outcome).toBe('not-recipient');
    expect((await store.calls.close('CI-2026-0102', at('2026-03-05T09:00:00Z', 'mara'))).applied).toBe(true);
    expect((await store.calls.close('CI-2026-0102', at('2026-03-06T09:00:00Z', 'tom'))).applied).toBe(false);
    expect((await store.calls.answer('CI-2026-0102', 'kestrel', 'declined', at('2026-03-06T09:00:00Z', 'kai'))).outcome).toBe('closed');
    expect((await store.calls.answer('CI-2026-9999', 'kestrel', 'declined', at('2026-03-06T09:00:00Z', 'kai'))).outcome).toBe('not-found');
    expect(await store.calls.get('CI-2026-0102')).toMatchObject({ answers: {}, history: [], closed: { by: 'mara' } });
  });

  it('loses no answer when two instances answer at once, for the same company or for two companies', async () => {
    await store.calls.create(call('CI-2026-0103'));
    const results = await Promise.all([
      store.calls.answer('CI-2026-0103', 'northwind', 'contribute', at('2026-03-04T09:00:00Z', 'ana')),
      other.calls.answer('CI-2026-0103', 'northwind', 'declined', at('2026-03-04T09:00:00Z', 'wei')),
      store.calls.answer('CI-2026-0103', 'kestrel', 'submitted', at('2026-03-04T09:00:00Z', 'kai')),
      other.calls.answer('CI-2026-0103', 'kestrel', 'submitted', at('2026-03-04T09:00:01Z', 'kai')),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['answered', 'answered', 'answered', 'same']);
    const kept = (await store.calls.get('CI-2026-0103'))!;
    const northwind = kept.history.filter((e) => e.companyKey === 'northwind');
    expect(northwind.map((e) => e.answer).sort()).toEqual(['contribute', 'declined']);
    expect(kept.answers.northwind!.answer).toBe(northwind[northwind.length - 1]!.answer);
    expect(kept.history.filter((e) => e.companyKey === 'kestrel').map((e) => e.answer)).toEqual(['submitted']);
    expect(kept.answers.kestrel!.answer).toBe('submitted');
  });

  it('records where each company’s card is once, on either instance, and only for a company the call went to', async () => {
    await store.calls.create(call('CI-2026-0104'));
    const racing = await Promise.all([store.calls.setThread('CI-2026-0104', 'northwind', thread), other.calls.setThread('CI-2026-0104', 'northwind', { ...thread, threadRef: 'slack:C0NORTH:2.2' })]);
    expect(racing.filter((r) => r.applied)).toHaveLength(1);
    expect((await store.calls.setThread('CI-2026-0104', 'initech', thread)).applied).toBe(false);
    const copies = [{ personKey: 'kai', platform: 'slack' as const, messageRef: 'dm-1' }];
    expect((await store.calls.setCopies('CI-2026-0104', 'kestrel', copies)).applied).toBe(true);
    expect((await store.calls.setCopies('CI-2026-0104', 'kestrel', [])).applied).toBe(false);
    const mandateThread = { ...thread, channel: { ...NORTH, channelId: 'C0MANDATE' }, threadRef: 'slack:C0MANDATE:3.3' };
    expect((await store.calls.setMandateThread('CI-2026-0104', mandateThread)).applied).toBe(true);
    const kept = (await store.calls.get('CI-2026-0104'))!;
    expect(kept.recipients.find((r) => r.companyKey === 'northwind')!.thread).toEqual(racing.find((r) => r.applied)!.call!.recipients[0]!.thread);
    expect(kept.recipients.find((r) => r.companyKey === 'kestrel')!.copies).toEqual(copies);
    expect(kept.mandateThread).toEqual(mandateThread);
  });

  it('lists a mandate’s calls and a company’s calls newest first, and the open calls by deadline', async () => {
    await store.calls.create(call('CI-2026-0200', { mandateKey: 'sr-list', deadline: new Date('2026-06-30T21:59:59.999Z') }));
    await store.calls.create(call('CI-2026-0201', { mandateKey: 'sr-list', recipients: [{ companyKey: 'lonely', owners: ['lee'], matchedTopics: ['x'] }] }));
    await store.calls.create(call('CI-2026-1000', { mandateKey: 'sr-list', deadline: new Date('2026-02-01T22:59:59.999Z') }));
    expect((await store.calls.listByMandate('sr-list', 10)).map((c) => c.ref)).toEqual(['CI-2026-1000', 'CI-2026-0201', 'CI-2026-0200']);
    expect((await store.calls.listByMandate('sr-list', 2)).map((c) => c.ref)).toEqual(['CI-2026-1000', 'CI-2026-0201']);
    expect((await store.calls.listByCompany('lonely', 10)).map((c) => c.ref)).toEqual(['CI-2026-0201']);
    expect(await store.calls.listByCompany('nobody', 10)).toEqual([]);
    const open = (await store.calls.listOpen(new Date('2026-03-01T00:00:00Z'), 100)).map((c) => c.ref);
    expect(open).toEqual(expect.arrayContaining(['CI-2026-0200', 'CI-2026-0201']));
    expect(open).not.toContain('CI-2026-1000');
    expect(open).not.toContain('CI-2026-0102');
    expect(open.indexOf('CI-2026-0201')).toBeLessThan(open.indexOf('CI-2026-0200'));
  });
});

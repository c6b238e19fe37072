import type { AuditEvent } from '../../src/domain/types';
import { openStore, type Store } from '../../src/store';
import { formatRef } from '../../src/store/letter-repository';
import { silentLogger } from '../support/silent-logger';
import { closeTestStore, openTestStore, testServerUri, uniqueDbName, useTestStore } from '../support/db';
import { day, sampleLetter } from '../support/sample-letter';

const letter = sampleLetter;

const ackAudit = (by: string): AuditEvent => ({ at: day(2), by, action: 'acknowledged' });

describe('letter repository', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));

  it('hands 50 concurrent callers 50 distinct, consecutive references', async () => {
    const refs = await Promise.all(Array.from({ length: 50 }, () => store.letters.nextRef(2026)));
    const expected = Array.from({ length: 50 }, (_, i) => `PL-2026-${String(i + 1).padStart(4, '0')}`);
    expect([...refs].sort()).toEqual(expected);
  });

  it('numbers each year separately and keeps every digit past 9999', async () => {
    expect(await store.letters.nextRef(2027)).toBe('PL-2027-0001');
    expect(await store.letters.nextRef(2026)).toBe('PL-2026-0051');
    expect(formatRef(2026, 12345)).toBe('PL-2026-12345');
  });

  it('creates a letter and reads back exactly what was saved, by reference or by thread', async () => {
    const saved = letter('PL-2026-0100', {
      threads: [
        {
          platform: 'teams',
          channel: { platform: 'teams', workspaceId: 'tenant', channelId: '19:x@thread.tacv2' },
          threadRef: 'opaque-thread',
          rootMessageRef: 'opaque-root',
        },
      ],
    });
    await store.letters.create(saved);
    expect(await store.letters.get('PL-2026-0100')).toStrictEqual(saved);
    expect(await store.letters.findByThread('opaque-thread')).toStrictEqual(saved);
    expect(await store.letters.get('PL-2026-9999')).toBeNull();
  });

  it('refuses a second letter with the same reference as a conflict', async () => {
    await store.letters.create(letter('PL-2026-0101'));
    await expect(store.letters.create(letter('PL-2026-0101'))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('sets a fact and appends its audit event in the same update', async () => {
    await store.letters.create(letter('PL-2026-0102'));
    const result = await store.letters.setFact('PL-2026-0102', 'formalSent', { at: day(3), by: 'alice' }, {
      absent: ['withdrawn'],
      audit: { at: day(3), by: 'alice', action: 'formal-sent', detail: 'symbol A/HRC/1' },
      officialSymbol: 'AL OTH 1/2026',
    });
    expect(result.applied).toBe(true);
    expect(result.letter).toMatchObject({ formalSent: { at: day(3), by: 'alice' }, officialSymbol: 'AL OTH 1/2026' });
    expect(result.letter!.audit.map((a) => a.action)).toEqual(['previewed', 'formal-sent']);
    expect(await store.letters.get('PL-2026-0102')).toStrictEqual(result.letter);
  });

  it('lets exactly one of two concurrent acknowledgements through, with one audit entry', async () => {
    await store.letters.create(letter('PL-2026-0103'));
    const results = await Promise.all(
      ['bob', 'carol'].map((by) =>
        store.letters.setFact('PL-2026-0103', 'acknowledged', { at: day(2), by }, { absent: ['withdrawn'], audit: ackAudit(by) }),
      ),
    );
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    const winner = results.find((r) => r.applied)!.letter!.acknowledged!.by;
    const stored = await store.letters.get('PL-2026-0103');
    expect(stored!.acknowledged!.by).toBe(winner);
    expect(stored!.audit.filter((a) => a.action === 'acknowledged')).toEqual([ackAudit(winner)]);
    expect(results.find((r) => !r.applied)!.letter).toStrictEqual(stored);
  });

  it('lets exactly one acknowledgement through when two connections race on one database', async () => {
    const dbName = uniqueDbName('race');
    const a = await openStore({ uri: testServerUri(), dbName, logger: silentLogger });
    const b = await openStore({ uri: testServerUri(), dbName, logger: silentLogger });
    try {
      await a.letters.create(letter('PL-2026-0200'));
      const results = await Promise.all(
        [a, b, a, b].map((s, i) =>
          s.letters.setFact('PL-2026-0200', 'acknowledged', { at: day(2), by: `p${i}` }, { absent: [], audit: ackAudit(`p${i}`) }),
        ),
      );
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      const stored = await b.letters.get('PL-2026-0200');
      expect(stored!.audit.filter((x) => x.action === 'acknowledged')).toHaveLength(1);
    } finally {
      await b.close();
      await closeTestStore(a);
    }
  });

  it('refuses to set a fact when one of its absent facts is already set, leaving the letter unchanged', async () => {
    await store.letters.create(letter('PL-2026-0104'));
    await store.letters.setFact('PL-2026-0104', 'withdrawn', { at: day(2), by: 'alice' }, {
      absent: ['replied'],
      audit: { at: day(2), by: 'alice', action: 'withdrawn' },
      withdrawReason: 'Resolved informally',
    });
    const before = await store.letters.get('PL-2026-0104');
    const result = await store.letters.setFact('PL-2026-0104', 'acknowledged', { at: day(3), by: 'bob' }, {
      absent: ['withdrawn'],
      audit: ackAudit('bob'),
    });
    expect(result).toStrictEqual({ applied: false, letter: before });
    expect(before).toMatchObject({ withdrawReason: 'Resolved informally' });
    expect(before).not.toHaveProperty('acknowledged');
  });

  it('answers applied false and no letter for an unknown reference', async () => {
    const result = await store.letters.setFact('PL-1999-0001', 'acknowledged', { at: day(2), by: 'bob' }, {
      absent: [],
      audit: ackAudit('bob'),
    });
    expect(result).toEqual({ applied: false, letter: null });
  });

  it('keeps every audit entry when many are appended at once', async () => {
    await store.letters.create(letter('PL-2026-0105'));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.letters.appendAudit('PL-2026-0105', { at: day(4), by: 'system', action: 'posted', detail: `step-${i}` }),
      ),
    );
    const stored = await store.letters.get('PL-2026-0105');
    expect(stored!.audit.filter((a) => a.action === 'posted')).toHaveLength(20);
  });

  it('adds a thread with its audit event, finds the letter by that thread, and says not-found for an unknown letter', async () => {
    await store.letters.create(letter('PL-2026-0106'));
    const thread = {
      platform: 'slack' as const,
      channel: { platform: 'slack' as const, workspaceId: 'T-ACME', channelId: 'C-SHARED' },
      threadRef: '1700000000.000100',
      rootMessageRef: '1700000000.000100',
    };
    const audit: AuditEvent = { at: day(1), by: 'system', action: 'posted', detail: 'slack' };
    await store.letters.addThread('PL-2026-0106', thread, audit);
    const stored = await store.letters.get('PL-2026-0106');
    expect(stored!.threads).toEqual([thread]);
    expect(stored!.audit.at(-1)).toEqual(audit);
    expect(await store.letters.findByThread('1700000000.000100')).toStrictEqual(stored);
    expect(await store.letters.findByThread('1700000000.999999')).toBeNull();
    await expect(store.letters.addThread('PL-1999-0001', thread, audit)).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.letters.appendAudit('PL-1999-0001', audit)).rejects.toMatchObject({ code: 'not-found' });
  });
});

const routing = (owners: string[], backups: string[], escalation: string[]) => ({
  owners,
  backups,
  escalation,
  unrouted: false,
  matchedTopics: [],
});

describe('listing letters', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
    await store.letters.create(letter('L1', { previewed: { at: day(1), by: 'a' }, companyKey: 'acme', mandateKey: 'm1', routing: routing(['bob'], [], []) }));
    await store.letters.create(letter('L2', { previewed: { at: day(2), by: 'a' }, companyKey: 'globex', mandateKey: 'm1', routing: routing(['carol'], ['bob'], []) }));
    await store.letters.create(letter('L3', { previewed: { at: day(3), by: 'a' }, companyKey: 'initech', mandateKey: 'm2', routing: routing(['erin'], [], ['bob']) }));
    await store.letters.create(letter('L4', { previewed: { at: day(4), by: 'a' }, companyKey: 'acme', mandateKey: 'm2', routing: routing([], [], []) }));
  });
  afterAll(async () => {
    await closeTestStore(store);
  });

  const refs = async (query: Partial<Parameters<Store['letters']['list']>[0]>) =>
    (await store.letters.list({ scopes: [], limit: 50, ...query })).map((l) => l.ref);

  it('lists every letter in the admins\' scope, newest reference first', async () => {
    expect(await refs({ scopes: ['all'] })).toEqual(['L4', 'L3', 'L2', 'L1']);
  });

  it('lists the letters of the given companies and mandates, each once', async () => {
    expect(await refs({ scopes: ['company:acme'] })).toEqual(['L4', 'L1']);
    expect(await refs({ scopes: ['mandate:m2'] })).toEqual(['L4', 'L3']);
    expect(await refs({ scopes: ['company:globex', 'mandate:m2'] })).toEqual(['L4', 'L3', 'L2']);
  });

  it('lists the letters routed to a person as owner, backup or escalation contact', async () => {
    expect(await refs({ scopes: ['person:bob'] })).toEqual(['L3', 'L2', 'L1']);
    expect(await refs({ scopes: ['person:nobody'] })).toEqual([]);
  });

  it('narrows to a second scope before the limit, so no letter of that company is lost behind others', async () => {
    expect(await refs({ scopes: ['all'], within: 'company:acme', limit: 1 })).toEqual(['L4']);
    expect(await refs({ scopes: ['person:bob'], within: 'company:acme' })).toEqual(['L1']);
    expect(await refs({ scopes: ['mandate:m1'], within: 'company:initech' })).toEqual([]);
  });

  it('lists nothing without a scope and honours the limit', async () => {
    expect(await refs({ scopes: [] })).toEqual([]);
    expect(await refs({ scopes: ['all'], limit: 2 })).toEqual(['L4', 'L3']);
  });

  it('skips a reference whose letter is missing and still fills the page', async () => {
    await store.letters.create(letter('L5', { companyKey: 'acme', mandateKey: 'm1', routing: routing(['bob'], [], []) }));
    const l5 = (await store.letters.get('L5'))!;
    await store.letters.unlist(l5);
    expect(await refs({ scopes: ['all'] })).toEqual(['L4', 'L3', 'L2', 'L1']);
  });
});

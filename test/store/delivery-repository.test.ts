import type { DeliveryKind, DeliveryRecord } from '../../src/bot/repositories';
import { openStore, type Store } from '../../src/store';
import { silentLogger } from '../support/silent-logger';
import { closeTestStore, testServerUri, uniqueDbName, useTestStore } from '../support/db';

const t = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes));

function nudge(letterRef: string, kind: DeliveryKind, recipientKey = 'bob', step = '1') {
  return { key: `${letterRef}:${kind}:${step}:${recipientKey}`, letterRef, kind, step, recipientKey, dueAt: t(0) };
}

describe('delivery repository', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));

  it('claims a delivery once: the insert is the claim and a second claim of the key is refused', async () => {
    const d = nudge('PL-2026-0001', 'ack-reminder');
    expect(await store.deliveries.claim(d, 'instance-a', t(5))).toBe(true);
    expect(await store.deliveries.claim(d, 'instance-b', t(5))).toBe(false);
    expect(await store.deliveries.get(d.key)).toStrictEqual<DeliveryRecord>({
      ...d,
      status: 'claimed',
      claimedBy: 'instance-a',
      leaseUntil: t(5),
      attempts: 1,
    });
    expect(await store.deliveries.get('missing')).toBeNull();
  });

  it('claims several deliveries in one insert, and a key someone already holds neither stops the others nor changes hands', async () => {
    const held = nudge('PL-2026-0009', 'owner-dm', 'carol');
    await store.deliveries.claim(held, 'instance-b', t(5));
    const batch = [nudge('PL-2026-0009', 'thread-intro', 'thread'), held, nudge('PL-2026-0009', 'owner-dm', 'dave')];
    const mine = await store.deliveries.claimMany(batch, 'instance-a', t(6));
    expect([...mine].sort()).toEqual([batch[0]!.key, batch[2]!.key].sort());
    expect(await store.deliveries.get(held.key)).toMatchObject({ claimedBy: 'instance-b', leaseUntil: t(5), attempts: 1 });
    expect(await store.deliveries.get(batch[2]!.key)).toStrictEqual<DeliveryRecord>({ ...batch[2]!, status: 'claimed', claimedBy: 'instance-a', leaseUntil: t(6), attempts: 1 });
    expect(await store.deliveries.claimMany(batch, 'instance-c', t(7))).toEqual(new Set());
  });

  it('records a delivery as sent, and tells the caller whether it still held the claim', async () => {
    const d = nudge('PL-2026-0002', 'ack-reminder');
    await store.deliveries.claim(d, 'instance-a', t(5));
    expect(await store.deliveries.markSent(d.key, 'instance-a', t(1))).toBe(true);
    expect(await store.deliveries.get(d.key)).toMatchObject({ status: 'sent', sentAt: t(1), claimedBy: 'instance-a' });
    // A second report (say, from an instance whose lease ran out) keeps it sent but is told it no longer held it.
    expect(await store.deliveries.markSent(d.key, 'instance-b', t(2))).toBe(false);
    expect(await store.deliveries.get(d.key)).toMatchObject({ status: 'sent' });
  });

  it('takes over a claim only from the attempt seen, counting the attempt, so the old holder can no longer record it', async () => {
    const expired = nudge('PL-2026-0003', 'countdown', 'bob', '30');
    await store.deliveries.claim(expired, 'crashed', t(1));
    const seen = (await store.deliveries.get(expired.key))!;
    const taken = await store.deliveries.takeOver(seen, 'instance-b', t(15));
    expect(taken).toMatchObject({ key: expired.key, claimedBy: 'instance-b', leaseUntil: t(15), attempts: 2, status: 'claimed' });
    expect(await store.deliveries.takeOver(seen, 'instance-c', t(15))).toBeNull();
    expect(await store.deliveries.markSent(expired.key, 'instance-b', t(11))).toBe(true);
    expect(await store.deliveries.markSent(expired.key, 'crashed', t(11))).toBe(false);
    expect(await store.deliveries.takeOver({ ...seen, attempts: 2 }, 'instance-c', t(15))).toBeNull();
  });

  it('keeps a failed attempt claimed until its retry time, with the error recorded', async () => {
    const d = nudge('PL-2026-0004', 'ack-escalation-backups');
    await store.deliveries.claim(d, 'instance-a', t(5));
    await store.deliveries.markFailed(d.key, 'instance-a', 'platform', t(20));
    const waiting = (await store.deliveries.get(d.key))!;
    expect(waiting).toMatchObject({ status: 'claimed', leaseUntil: t(20), lastErrorCode: 'platform', attempts: 1 });
    expect(await store.deliveries.takeOver(waiting, 'instance-b', t(40))).toMatchObject({ claimedBy: 'instance-b', attempts: 2 });
  });

  it('marks the last failed attempt as failed for good, and ignores failures reported by a non-owner', async () => {
    const d = nudge('PL-2026-0005', 'ack-escalation-executive');
    await store.deliveries.claim(d, 'instance-a', t(5));
    await store.deliveries.markFailed(d.key, 'instance-b', 'platform', null);
    expect(await store.deliveries.get(d.key)).toMatchObject({ status: 'claimed', claimedBy: 'instance-a' });
    await store.deliveries.markFailed(d.key, 'instance-a', 'platform', null);
    const failed = (await store.deliveries.get(d.key))!;
    expect(failed).toMatchObject({ status: 'failed', lastErrorCode: 'platform' });
    expect(await store.deliveries.takeOver(failed, 'instance-b', t(200))).toBeNull();
  });

  it("cancels one claim for its holder only, and prunes every record of one letter and no other's", async () => {
    const reminder = nudge('PL-2026-0006', 'ack-reminder');
    const countdown = nudge('PL-2026-0006', 'countdown');
    const other = nudge('PL-2026-0007', 'ack-reminder');
    for (const d of [reminder, countdown, other]) await store.deliveries.claim(d, 'instance-a', t(5));
    await store.deliveries.cancel(reminder.key, 'instance-b');
    expect(await store.deliveries.get(reminder.key)).toMatchObject({ status: 'claimed' });
    await store.deliveries.cancel(reminder.key, 'instance-a');
    expect(await store.deliveries.get(reminder.key)).toMatchObject({ status: 'cancelled' });
    expect(await store.deliveries.pruneLetter('PL-2026-0006')).toBe(2);
    expect(await store.deliveries.get(countdown.key)).toBeNull();
    expect(await store.deliveries.get(other.key)).toMatchObject({ status: 'claimed' });
  });
});

describe('delivery claims shared by several connections', () => {
  const dbName = uniqueDbName('instances');
  let instances: Store[];
  beforeAll(async () => {
    instances = await Promise.all([1, 2, 3].map(() => openStore({ uri: testServerUri(), dbName, logger: silentLogger })));
  });
  afterAll(async () => {
    await Promise.all(instances.slice(1).map((s) => s.close()));
    await closeTestStore(instances[0]!);
  });

  it('gives a nudge claimed by all connections at once to exactly one of them', async () => {
    const d = nudge('PL-2026-0100', 'ack-reminder');
    const claims = await Promise.all(instances.map((s, i) => s.deliveries.claim(d, `instance-${i}`, t(5))));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('lets exactly one connection take over an expired claim when all race for it', async () => {
    const d = nudge('PL-2026-0101', 'ack-reminder');
    await instances[0]!.deliveries.claim(d, 'crashed', t(1));
    for (let round = 0; round < 5; round++) {
      const seen = (await instances[0]!.deliveries.get(d.key))!;
      const results = await Promise.all(instances.map((s, i) => s.deliveries.takeOver(seen, `instance-${i}`, t(15 + round * 10))));
      const winners = results.flatMap((won, i) => (won ? [`instance-${i}`] : []));
      expect(winners).toHaveLength(1);
      expect((await instances[0]!.deliveries.get(d.key))!).toMatchObject({ claimedBy: winners[0], attempts: round + 2 });
    }
  });
});

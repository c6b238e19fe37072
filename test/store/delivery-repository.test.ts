import type { DeliveryKind, DeliveryRecord } from '../../src/bot/repositories';
import { openStore, type Store } from '../../src/store';
import { silentLogger } from '../../src/logger';
import { closeTestStore, testServerUri, uniqueDbName, useTestStore } from '../support/db';

const t = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes));

/** Only this test's deliveries: earlier tests in the file leave their own expired claims behind. */
const of = (letterRef: string) => (records: DeliveryRecord[]) => records.filter((r) => r.letterRef === letterRef);

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

  it('marks a delivery sent only for the instance that holds the claim', async () => {
    const d = nudge('PL-2026-0002', 'ack-reminder');
    await store.deliveries.claim(d, 'instance-a', t(5));
    expect(await store.deliveries.markSent(d.key, 'instance-b', t(1))).toBe(false);
    expect(await store.deliveries.markSent(d.key, 'instance-a', t(1))).toBe(true);
    expect(await store.deliveries.markSent(d.key, 'instance-a', t(2))).toBe(false);
    expect(await store.deliveries.get(d.key)).toMatchObject({ status: 'sent', sentAt: t(1), claimedBy: 'instance-a' });
  });

  it('takes over only claims whose lease expired, counting the attempt', async () => {
    const expired = nudge('PL-2026-0003', 'countdown', 'bob', '30');
    const live = nudge('PL-2026-0003', 'countdown', 'carol', '30');
    const sent = nudge('PL-2026-0003', 'countdown', 'dave', '30');
    await store.deliveries.claim(expired, 'crashed', t(1));
    await store.deliveries.claim(live, 'instance-a', t(30));
    await store.deliveries.claim(sent, 'instance-a', t(1));
    await store.deliveries.markSent(sent.key, 'instance-a', t(0));

    const won = of('PL-2026-0003')(await store.deliveries.reclaimExpired(t(10), 'instance-b', t(15), 10));
    expect(won).toEqual([
      expect.objectContaining({ key: expired.key, claimedBy: 'instance-b', leaseUntil: t(15), attempts: 2, status: 'claimed' }),
    ]);
    expect(await store.deliveries.markSent(expired.key, 'crashed', t(11))).toBe(false);
    expect(await store.deliveries.markSent(expired.key, 'instance-b', t(11))).toBe(true);
    expect(await store.deliveries.reclaimExpired(t(10), 'instance-c', t(15), 0)).toEqual([]);
  });

  it('keeps a failed attempt claimed until its retry time, then lets any instance retry it', async () => {
    const d = nudge('PL-2026-0004', 'ack-escalation-backups');
    await store.deliveries.claim(d, 'instance-a', t(5));
    await store.deliveries.markFailed(d.key, 'instance-a', 'platform', t(20));
    expect(await store.deliveries.get(d.key)).toMatchObject({ status: 'claimed', leaseUntil: t(20), lastErrorCode: 'platform' });
    const mine = of('PL-2026-0004');
    expect(mine(await store.deliveries.reclaimExpired(t(19), 'instance-b', t(40), 10))).toEqual([]);
    const retried = mine(await store.deliveries.reclaimExpired(t(21), 'instance-b', t(40), 10));
    expect(retried).toEqual([expect.objectContaining({ key: d.key, claimedBy: 'instance-b', attempts: 2 })]);
  });

  it('marks the last failed attempt as failed for good, and ignores failures reported by a non-owner', async () => {
    const d = nudge('PL-2026-0005', 'ack-escalation-executive');
    await store.deliveries.claim(d, 'instance-a', t(5));
    await store.deliveries.markFailed(d.key, 'instance-b', 'platform', null);
    expect(await store.deliveries.get(d.key)).toMatchObject({ status: 'claimed', claimedBy: 'instance-a' });
    await store.deliveries.markFailed(d.key, 'instance-a', 'platform', null);
    expect(await store.deliveries.get(d.key)).toMatchObject({ status: 'failed', lastErrorCode: 'platform' });
    expect(of('PL-2026-0005')(await store.deliveries.reclaimExpired(t(100), 'instance-b', t(200), 100))).toEqual([]);
  });

  it("cancels a letter's unsent claims, optionally only some kinds, and leaves sent ones and other letters alone", async () => {
    const reminder = nudge('PL-2026-0006', 'ack-reminder');
    const escalation = nudge('PL-2026-0006', 'ack-escalation-backups');
    const countdown = nudge('PL-2026-0006', 'countdown');
    const sent = nudge('PL-2026-0006', 'due-day');
    const other = nudge('PL-2026-0007', 'ack-reminder');
    for (const d of [reminder, escalation, countdown, sent, other]) await store.deliveries.claim(d, 'instance-a', t(5));
    await store.deliveries.markSent(sent.key, 'instance-a', t(1));

    expect(await store.deliveries.cancelForLetter('PL-2026-0006', ['ack-reminder', 'ack-escalation-backups'])).toBe(2);
    expect(await store.deliveries.get(countdown.key)).toMatchObject({ status: 'claimed' });
    expect(await store.deliveries.cancelForLetter('PL-2026-0006')).toBe(1);
    expect(await store.deliveries.cancelForLetter('PL-2026-0006')).toBe(0);

    const status = async (key: string) => (await store.deliveries.get(key))!.status;
    expect(await status(reminder.key)).toBe('cancelled');
    expect(await status(countdown.key)).toBe('cancelled');
    expect(await status(sent.key)).toBe('sent');
    expect(await status(other.key)).toBe('claimed');
    expect(await store.deliveries.markSent(reminder.key, 'instance-a', t(2))).toBe(false);
  });
});

describe('delivery claims shared by several instances', () => {
  const dbName = uniqueDbName('instances');
  let instances: Store[];
  beforeAll(async () => {
    instances = await Promise.all([1, 2, 3].map(() => openStore({ uri: testServerUri(), dbName, logger: silentLogger })));
  });
  afterAll(async () => {
    await Promise.all(instances.slice(1).map((s) => s.close()));
    await closeTestStore(instances[0]!);
  });

  it('gives a nudge claimed by all instances at once to exactly one of them', async () => {
    const d = nudge('PL-2026-0100', 'ack-reminder');
    const claims = await Promise.all(instances.map((s, i) => s.deliveries.claim(d, `instance-${i}`, t(5))));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('lets exactly one instance take over an expired claim when all race for it', async () => {
    const d = nudge('PL-2026-0101', 'ack-reminder');
    await instances[0]!.deliveries.claim(d, 'crashed', t(1));
    for (let round = 0; round < 5; round++) {
      const now = t(10 + round * 10);
      const results = await Promise.all(
        instances.map((s, i) => s.deliveries.reclaimExpired(now, `instance-${i}`, t(15 + round * 10), 10)),
      );
      const winners = results.flatMap((won, i) => of(d.letterRef)(won).map(() => `instance-${i}`));
      expect(winners).toHaveLength(1);
      expect((await instances[0]!.deliveries.get(d.key))!).toMatchObject({ claimedBy: winners[0], attempts: round + 2 });
    }
  });
});

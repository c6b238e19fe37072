/**
 * Metrics at the persistence ports, on the real store and the simulated clock: each
 * delivery's outcome (sent, retrying, abandoned) by its kind, how late a first claim
 * came, and the sweep's lag read from the wake time; the ports' answers unchanged.
 */
import { Registry } from 'prom-client';
import type { DeliveryRepository, ScheduleRepository } from '../../src/bot/repositories';
import { deliveryKindOf, instrumentedDeliveries, instrumentedSchedule } from '../../src/observability/instrumented-ports';
import { createPrometheusMetrics, METRIC_NAMES, type PrometheusMetrics } from '../../src/observability/prometheus';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { silentLogger } from '../support/silent-logger';
import { parseExposition, valueOf } from './support/exposition';

const REF = 'PL-2026-0042';

describe('instrumented ports', () => {
  let h: BotHarness;
  let metrics: PrometheusMetrics;
  let deliveries: DeliveryRepository;
  let schedule: ScheduleRepository;
  const samples = async () => parseExposition(await metrics.render());
  const lease = () => new Date(h.clock.now().getTime() + 300_000);
  const delivery = (kind: string, recipient: string, dueAt: Date) =>
    ({ key: `${REF}:${kind}:1:${recipient}`, letterRef: REF, kind, step: '1', recipientKey: recipient, dueAt }) as Parameters<DeliveryRepository['claim']>[0];

  beforeAll(async () => {
    h = await openBotHarness();
  });
  beforeEach(() => {
    metrics = createPrometheusMetrics({ registry: new Registry(), processMetrics: false, logger: silentLogger });
    deliveries = instrumentedDeliveries(h.store.deliveries, metrics, h.clock);
    schedule = instrumentedSchedule(h.store.schedule, metrics, h.clock);
  });
  afterAll(async () => h.close());

  it('reads the kind from a delivery key, and anything unknown as "other" (never the reference or the person)', () => {
    expect(deliveryKindOf(`${REF}:ack-reminder:2:ana`)).toBe('ack-reminder');
    expect(deliveryKindOf(`${REF}:post-root:0:channel`)).toBe('post-root');
    expect(deliveryKindOf(`${REF}:ana:1:x`)).toBe('other');
    expect(deliveryKindOf('no-colons')).toBe('other');
  });

  it('counts a sent, a retrying and an abandoned delivery by kind, as the store records them', async () => {
    const due = h.clock.now();
    const sent = delivery('countdown', 'ana', due);
    const retried = delivery('ack-reminder', 'wei', due);
    const abandoned = delivery('overdue', 'bea', due);
    for (const d of [sent, retried, abandoned]) expect(await deliveries.claim(d, 'instance-a', lease())).toBe(true);
    expect(await deliveries.markSent(sent.key, 'instance-a', h.clock.now())).toBe(true);
    await deliveries.markFailed(retried.key, 'instance-a', 'platform', new Date(due.getTime() + 60_000));
    await deliveries.markFailed(abandoned.key, 'instance-a', 'not-found', null);

    const s = await samples();
    expect(valueOf(s, METRIC_NAMES.deliveries, { kind: 'countdown', outcome: 'sent' })).toBe(1);
    expect(valueOf(s, METRIC_NAMES.deliveries, { kind: 'ack-reminder', outcome: 'retrying' })).toBe(1);
    expect(valueOf(s, METRIC_NAMES.deliveries, { kind: 'overdue', outcome: 'abandoned' })).toBe(1);
    expect(valueOf(s, METRIC_NAMES.deliveries)).toBe(3);
    expect((await h.store.deliveries.get(sent.key))?.status).toBe('sent');
    expect((await h.store.deliveries.get(abandoned.key))?.status).toBe('failed');
  });

  it('observes how long after falling due a delivery was first claimed, and nothing for a claim another holds', async () => {
    const due = new Date(h.clock.now().getTime() - 90_000);
    const d = delivery('due-day', 'kai', due);
    expect(await deliveries.claim(d, 'instance-a', lease())).toBe(true);
    expect(await deliveries.claim(d, 'instance-b', lease())).toBe(false);
    const s = await samples();
    expect(valueOf(s, `${METRIC_NAMES.deliveryLag}_count`)).toBe(1);
    expect(valueOf(s, `${METRIC_NAMES.deliveryLag}_sum`)).toBe(90);
    expect(valueOf(s, `${METRIC_NAMES.deliveryLag}_bucket`, { le: '60' })).toBe(0);
    expect(valueOf(s, `${METRIC_NAMES.deliveryLag}_bucket`, { le: '120' })).toBe(1);
  });

  it('sets the sweep lag from the wake time when a sweep reads it: 0 with nothing due, then how long the earliest due work waited', async () => {
    // A new database's wake time says "look now" (the epoch): no measure of waiting, so the gauge keeps its value.
    metrics.sweepLag(7);
    const fresh = await schedule.wake();
    expect(fresh.at).toEqual(new Date(0));
    expect(valueOf(await samples(), METRIC_NAMES.sweepLag)).toBe(7);
    await schedule.settleWake(fresh.version);
    expect((await schedule.wake()).at).toBeNull();
    expect(valueOf(await samples(), METRIC_NAMES.sweepLag)).toBe(0);

    await schedule.lower('PL-2026-0043', new Date(h.clock.now().getTime() + 3_600_000));
    await schedule.wake();
    expect(valueOf(await samples(), METRIC_NAMES.sweepLag)).toBe(0);

    h.clock.advanceHours(1.5);
    const wake = await schedule.wake();
    expect(wake.at).not.toBeNull();
    expect(valueOf(await samples(), METRIC_NAMES.sweepLag)).toBe(1800);
    // Every other method is the store's own, bound to it.
    await schedule.settleWake(wake.version);
    expect((await schedule.entry('PL-2026-0043'))?.ref).toBe('PL-2026-0043');
  });
});

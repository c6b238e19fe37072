/**
 * Metrics recorded at the persistence ports, where every path meets: a delivery is
 * sent, retried or abandoned through DeliveryRepository whether a sweep or a preview
 * made it, and the sweep reads the wake time through ScheduleRepository when it starts.
 * The wrappers change nothing they pass on: same arguments, same results, same errors.
 */
import type { DeliveryRecord, DeliveryRepository, ScheduleRepository } from '../bot/repositories';
import type { Clock } from '../domain/clock';
import type { NudgeKind } from '../domain/schedule';
import type { Metrics } from '../metrics';

/** Every delivery kind, the fixed label set of the deliveries counter (the compiler keeps it complete). */
const KINDS: Record<NudgeKind, true> = {
  'post-root': true,
  'post-mirror': true,
  'thread-intro': true,
  'owner-dm': true,
  'unrouted-alert': true,
  'ack-reminder': true,
  'ack-escalation-backups': true,
  'ack-escalation-executive': true,
  countdown: true,
  'due-day': true,
  overdue: true,
  'flag-post': true,
  'flag-dm': true,
  'flag-admins': true,
  'flag-reminder': true,
  'flag-escalation': true,
};

/** Why: the kind part of a delivery key (`<ref>:<kind>:<step>:<recipient>`) as a bounded label; anything unexpected is 'other'. */
export function deliveryKindOf(key: string): string {
  const kind = key.split(':')[1] ?? '';
  return Object.hasOwn(KINDS, kind) ? kind : 'other';
}

/** A copy of `inner` whose listed methods are replaced; every other member is the original, bound to it. */
function decorate<T extends object>(inner: T, overrides: Partial<T>): T {
  return new Proxy(inner, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Why: counts each delivery's outcome (sent; failed with a retry planned: retrying;
 * failed for good: abandoned) and how late a first claim came after the delivery fell due.
 */
export function instrumentedDeliveries(inner: DeliveryRepository, metrics: Metrics, clock: Clock): DeliveryRepository {
  return decorate<DeliveryRepository>(inner, {
    async claim(delivery: Pick<DeliveryRecord, 'key' | 'letterRef' | 'kind' | 'step' | 'recipientKey' | 'dueAt'>, owner: string, leaseUntil: Date) {
      const claimed = await inner.claim(delivery, owner, leaseUntil);
      if (claimed) metrics.deliveryLag((clock.now().getTime() - delivery.dueAt.getTime()) / 1000);
      return claimed;
    },
    async claimMany(deliveries: Array<Pick<DeliveryRecord, 'key' | 'letterRef' | 'kind' | 'step' | 'recipientKey' | 'dueAt'>>, owner: string, leaseUntil: Date) {
      const claimed = await inner.claimMany(deliveries, owner, leaseUntil);
      const now = clock.now().getTime();
      for (const d of deliveries) if (claimed.has(d.key)) metrics.deliveryLag((now - d.dueAt.getTime()) / 1000);
      return claimed;
    },
    async markSent(key: string, owner: string, at: Date, messageRef?: string) {
      const result = await inner.markSent(key, owner, at, messageRef);
      metrics.delivery(deliveryKindOf(key), 'sent');
      return result;
    },
    async markFailed(key: string, owner: string, errorCode: string, retryAt: Date | null) {
      await inner.markFailed(key, owner, errorCode, retryAt);
      metrics.delivery(deliveryKindOf(key), retryAt ? 'retrying' : 'abandoned');
    },
  });
}

/**
 * Why: the sweep reads the wake time (the earliest moment anything may be due) when it
 * starts; how far it lies in the past then is how long the earliest due work waited.
 * The wake time is never later than the earliest due entry, so this is an upper bound.
 * A wake time at the epoch or before says "look now, nothing is known yet" (a new or
 * migrated database): it is no measure of waiting, so the last lag stays as it was.
 */
export function instrumentedSchedule(inner: ScheduleRepository, metrics: Metrics, clock: Clock): ScheduleRepository {
  return decorate<ScheduleRepository>(inner, {
    async wake() {
      const wake = await inner.wake();
      const at = wake.at?.getTime();
      if (at !== undefined && at <= 0) return wake;
      const now = clock.now().getTime();
      metrics.sweepLag(at !== undefined && at <= now ? (now - at) / 1000 : 0);
      return wake;
    },
  });
}

/**
 * One sweeper at a time across instances: the sweep runs only on the instance that holds
 * the `sweeper` lease in the database. Each cron tick takes or renews it (one atomic
 * conditional write); the holder keeps it while it ticks, and when it dies its lease runs
 * out and the next tick of another instance takes it. With the one-minute cron and a
 * 90-second lease, a dead holder's last renewal was at most a minute before its death,
 * its lease ends 90 s after that renewal, and another instance's tick comes within the
 * next minute: taken over within two minutes. A clean shutdown releases it at once.
 *
 * Several sweepers at once would still send each reminder once (every delivery is
 * claimed); the lease spares the other instances the work and keeps the agenda quiet.
 * Expiry is compared by the instances' clocks, so they must agree to well within the
 * lease (NTP does).
 */
import type { Clock } from '../domain/clock';
import { errorDetails, type Logger } from '../logger';
import type { LeaseRepository } from './ports';

/** The lease's name in the database. */
export const SWEEPER_LEASE = 'sweeper';

/** 90 s: renewed every minute, so one slow tick does not lose it, and short enough for a takeover within two minutes. */
export const SWEEPER_LEASE_MS = 90_000;

/** This instance's side of the sweeper lease: what it last knew of its hold, and the log lines when that changes. */
export class SweeperLease {
  /** When this instance's hold ends unless renewed; null when it does not hold the lease. */
  private until: Date | null = null;
  private pending: Promise<boolean> | undefined;
  private released = false;

  constructor(
    private readonly repository: LeaseRepository,
    private readonly instanceId: string,
    private readonly leaseMs: number,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** True while this instance holds the lease by its own clock: a sweep stops taking letters once this turns false. */
  get held(): boolean {
    return this.until !== null && this.clock.now() < this.until;
  }

  /** Takes the lease, or renews it; true when this instance holds it afterwards. Never throws. */
  hold(): Promise<boolean> {
    if (this.released) return Promise.resolve(false);
    this.pending ??= this.attempt().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async attempt(): Promise<boolean> {
    const now = this.clock.now();
    const had = this.until !== null;
    try {
      const state = await this.repository.acquire(SWEEPER_LEASE, this.instanceId, now, new Date(now.getTime() + this.leaseMs));
      if (state.held) {
        this.until = state.expiresAt;
        if (!had) this.log.info({ instanceId: this.instanceId, leaseSeconds: this.leaseMs / 1000 }, 'sweeper lease taken: this instance sweeps');
      } else {
        this.until = null;
        if (had) this.log.info({ instanceId: this.instanceId, holder: state.holder }, 'sweeper lease lost: another instance sweeps');
        else this.log.debug({ instanceId: this.instanceId, holder: state.holder }, 'sweeper lease held by another instance');
      }
    } catch (err) {
      // Unknown whether the renewal landed: the hold counts until it would have ended, and the next tick tries again.
      this.log.warn({ instanceId: this.instanceId, ...errorDetails(err) }, 'sweeper lease not renewed');
      if (this.until !== null && !this.held) {
        this.until = null;
        this.log.info({ instanceId: this.instanceId }, 'sweeper lease lost: it ran out before a renewal');
      }
    }
    return this.held;
  }

  /** Gives the lease up (clean shutdown) so another instance takes it at its next tick; holds it no more. Never throws. */
  async release(): Promise<void> {
    this.released = true;
    await this.pending;
    if (this.until === null) return;
    this.until = null;
    try {
      if (await this.repository.release(SWEEPER_LEASE, this.instanceId)) this.log.info({ instanceId: this.instanceId }, 'sweeper lease released');
    } catch (err) {
      this.log.warn({ instanceId: this.instanceId, ...errorDetails(err) }, 'sweeper lease not released: it runs out by itself');
    }
  }
}

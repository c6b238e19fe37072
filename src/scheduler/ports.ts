/**
 * What the scheduler needs from the database to keep several instances behaving as
 * one: a named lease (one sweeper at a time) and each channel's next free posting slot.
 * src/store implements both, each step one atomic conditional write on the server, so
 * they hold for every process and never depend on an in-process queue.
 */

/** Who holds a lease after an attempt to take it; `held` says whether that is the caller. */
export interface LeaseState {
  held: boolean;
  /** The holder on file, or null when no one ever took it. */
  holder: string | null;
  /** When the holder's hold ends unless renewed (by the clocks of the instances that wrote it). */
  expiresAt: Date | null;
}

/** Named leases, so only one instance at a time does what must not run twice at once. */
export interface LeaseRepository {
  /**
   * Takes the lease for `holder` until `until`, or renews it when `holder` already has it:
   * one atomic conditional write that succeeds only if the lease is `holder`'s or ended at `now`.
   */
  acquire(name: string, holder: string, now: Date, until: Date): Promise<LeaseState>;
  /** Ends the lease at once if `holder` still has it, so another instance takes it at its next try; true when it did. */
  release(name: string, holder: string): Promise<boolean>;
}

/** Each channel's (or person's) next free posting slot, shared by every instance. */
export interface PaceRepository {
  /**
   * Reserves the first slot for `key` at or after `now` that is `intervalMs` after the
   * slot reserved before it, by whichever instance; returns the slot's time.
   */
  reserve(key: string, now: Date, intervalMs: number): Promise<Date>;
}

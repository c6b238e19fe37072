import type { Clock } from '../../src/domain/clock';

/** A clock tests move by hand, so 60 days pass in milliseconds. */
export class SimulatedClock implements Clock {
  private current: Date;
  constructor(start: string | Date) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: string | Date): void {
    this.current = new Date(at);
  }
  advanceHours(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3_600_000);
  }
  advanceDays(days: number): void {
    this.advanceHours(days * 24);
  }
}

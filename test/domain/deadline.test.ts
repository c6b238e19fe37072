import { daysLeft, deadlineOf } from '../../src/domain/deadline';

const ZURICH = 'Europe/Zurich';

describe('deadlineOf', () => {
  it('ends 60 calendar days after the formal letter at 23:59:59.999 in the mandate zone, after the March DST change', () => {
    const deadline = deadlineOf(new Date('2026-02-10T09:00:00Z'), ZURICH, 60);
    expect(deadline.toISOString()).toBe('2026-04-11T21:59:59.999Z');
  });

  it('counts from the local date of the formal letter, not its UTC date', () => {
    const justAfterMidnightInZurich = new Date('2026-02-10T23:30:00Z');
    expect(deadlineOf(justAfterMidnightInZurich, ZURICH, 60).toISOString()).toBe('2026-04-12T21:59:59.999Z');
  });

  it("uses the mandate's own zone for the end of the day", () => {
    const eveningInNewYork = new Date('2026-02-10T03:00:00Z');
    expect(deadlineOf(eveningInNewYork, 'America/New_York', 60).toISOString()).toBe('2026-04-11T03:59:59.999Z');
  });

  it('honours a configured response window', () => {
    expect(deadlineOf(new Date('2026-02-10T09:00:00Z'), ZURICH, 30).toISOString()).toBe('2026-03-12T22:59:59.999Z');
  });
});

describe('daysLeft', () => {
  const deadline = new Date('2026-04-11T21:59:59.999Z');

  it('counts whole calendar days to the deadline day', () => {
    expect(daysLeft(deadline, new Date('2026-04-10T06:00:00Z'), ZURICH)).toBe(1);
    expect(daysLeft(deadline, new Date('2026-02-10T09:00:00Z'), ZURICH)).toBe(60);
  });

  it('is zero on the deadline day and negative once it has passed', () => {
    expect(daysLeft(deadline, new Date('2026-04-11T21:00:00Z'), ZURICH)).toBe(0);
    expect(daysLeft(deadline, new Date('2026-04-13T08:00:00Z'), ZURICH)).toBe(-2);
  });

  it("follows the reader's calendar, so Singapore sees the deadline a day later", () => {
    const now = new Date('2026-04-11T10:00:00Z');
    expect(daysLeft(deadline, now, ZURICH)).toBe(0);
    expect(daysLeft(deadline, now, 'Asia/Singapore')).toBe(1);
  });
});

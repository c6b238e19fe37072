/** Injected time, so every clock rule can be tested over 60 simulated days in milliseconds. */
export interface Clock {
  now(): Date;
}

/** The real wall clock, for production wiring in src/main.ts. */
export const systemClock: Clock = { now: () => new Date() };

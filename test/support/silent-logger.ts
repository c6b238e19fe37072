/**
 * A logger for tests that do not assert on logs. It lives with the tests: the bot
 * always logs through createLogger, so production code has no use for it.
 */
import type { Logger } from '../../src/logger';

/** Drops every line, so test output shows only what a test asserts on. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

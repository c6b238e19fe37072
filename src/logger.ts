import pino from 'pino';

/**
 * The logger the core depends on: constant messages plus a context object, and
 * child loggers that carry ids. Any pino logger satisfies it.
 */
export interface Logger {
  debug(context: Record<string, unknown>, message: string): void;
  info(context: Record<string, unknown>, message: string): void;
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Keys whose values must never reach a log line, wherever they appear in the context. */
export const REDACTED_KEYS = [
  'token',
  'secret',
  'password',
  'authorization',
  'summary',
  'text',
  'body',
  'uri',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'MONGODB_URI',
];

/** Builds the process logger: JSON lines on stdout with secrets and letter text redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
  return pino(
    { level, base: { app: 'preletter' }, redact: { paths, censor: '[redacted]' } },
    destination,
  );
}

/** A logger that drops everything, for tests that do not assert on logs. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

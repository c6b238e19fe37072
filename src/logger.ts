import pino from 'pino';
import { isPreLetterError } from './domain/errors';

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

/** Keys whose values must never reach a log line, wherever they appear in the context (any depth, any letter case). */
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

/** What a redacted value is replaced by, so a reader sees that something was there. */
export const CENSOR = '[redacted]';

const REDACTED = new Set(REDACTED_KEYS.map((k) => k.toLowerCase()));
const MESSAGE_MAX = 500;
const STACK_FRAMES_MAX = 20;
const CAUSE_DEPTH_MAX = 3;

/** An error as a log line may carry it: no stored values, bounded in size. */
export interface ErrorDetails {
  name: string;
  code?: string | number;
  message: string;
  /** Stack frames only (the message line is left out: it is `message`, sanitized). */
  stack?: string;
  cause?: ErrorDetails;
}

const cap = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}… [${s.length - max} more characters]` : s);

/** Mongoose validation and cast errors echo the stored value in their message: keep only what failed where. */
function safeMessage(err: Error): string {
  if (isPreLetterError(err)) return err.message; // a sentence for people, free of letter text by contract
  const e = err as Error & { errors?: Record<string, { kind?: unknown; path?: unknown }>; kind?: unknown; path?: unknown };
  if (err.name === 'ValidationError' && e.errors && typeof e.errors === 'object') {
    const fields = Object.values(e.errors).map((f) => `${String(f.path)} (${String(f.kind)})`);
    return `validation failed: ${fields.join(', ')}`;
  }
  if (err.name === 'CastError' || err.name === 'ValidatorError') return `${err.name} at path ${String(e.path)} (${String(e.kind)})`;
  return cap(err.message, MESSAGE_MAX);
}

function stackFrames(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.slice(0, STACK_FRAMES_MAX).map((f) => cap(f.trim(), 300)).join('\n') : undefined;
}

function describeError(err: unknown, depth = 0): ErrorDetails {
  if (!(err instanceof Error)) return { name: typeof err, message: cap(String(err), MESSAGE_MAX) };
  const code = (err as { code?: unknown }).code;
  const details: ErrorDetails = { name: cap(String(err.name), 100), message: safeMessage(err) };
  if (typeof code === 'number' || typeof code === 'string') details.code = typeof code === 'string' ? cap(code, 100) : code;
  const stack = stackFrames(err.stack);
  if (stack) details.stack = stack;
  if (err.cause !== undefined && depth < CAUSE_DEPTH_MAX) details.cause = describeError(err.cause, depth + 1);
  return details;
}

/**
 * Why: an unexpected failure is only fixable with its name, code, message and stack,
 * but logs must never hold letter text or secrets. PreLetterError messages are safe by
 * contract; others are capped, and mongoose errors that echo stored values keep only
 * their kind and path. Spread it into a log context: `{ ...errorDetails(err) }`.
 */
export function errorDetails(err: unknown): { error: ErrorDetails } {
  return { error: describeError(err) };
}

/**
 * Returns `value` with every REDACTED_KEYS entry censored at any depth, in arrays too,
 * whatever the key's letter case. Objects are copied only where something changes, so
 * an ordinary context costs one pass over its keys. Errors become errorDetails; objects
 * with toJSON are redacted as they would be serialized.
 *
 * Written here because pino's `redact` (fast-redact's path syntax, @pinojs/redact) only
 * matches fixed paths where `*` is exactly one level and keys are case-sensitive; no
 * maintained library offers recursive, case-insensitive key redaction at logging speed.
 */
export function redactDeep(value: unknown, ancestors: object[] = []): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.includes(value)) return '[circular]';
  if (value instanceof Error) return describeError(value);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const json: unknown = toJSON.call(value);
    return json === value ? value : redactDeep(json, ancestors);
  }
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const next = redactDeep(item, ancestors);
        if (next !== item) (copy ??= [...value])[i] = next;
      });
      return copy ?? value;
    }
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(record)) {
      const item = record[key];
      const next = REDACTED.has(key.toLowerCase()) ? CENSOR : redactDeep(item, ancestors);
      if (next !== item) (copy ??= { ...record })[key] = next;
    }
    return copy ?? value;
  } finally {
    ancestors.pop();
  }
}

const redactRecord = (context: Record<string, unknown>) => redactDeep(context) as Record<string, unknown>;

/** Our Logger over pino; child bindings are redacted here because pino skips its bindings formatter for children. */
function wrap(logger: pino.Logger): Logger {
  return {
    debug: (context, message) => logger.debug(context, message),
    info: (context, message) => logger.info(context, message),
    warn: (context, message) => logger.warn(context, message),
    error: (context, message) => logger.error(context, message),
    child: (bindings) => wrap(logger.child(redactRecord(bindings))),
  };
}

/** Builds the process logger: JSON lines on stdout with secrets and letter text redacted at any depth. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'preletter' },
    formatters: { log: redactRecord, bindings: redactRecord },
  };
  return wrap(pino(options, destination));
}

/** A logger that drops everything, for tests that do not assert on logs. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

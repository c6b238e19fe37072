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

/** PreLetterError messages are sentences for people, free of letter text by contract; others are capped. */
function safeMessage(err: Error): string {
  return isPreLetterError(err) ? err.message : cap(err.message, MESSAGE_MAX);
}

function stackFrames(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.slice(0, STACK_FRAMES_MAX).map((f) => cap(f.trim(), 300)).join('\n') : undefined;
}

/** A thrown value that is not an Error: a string or number says itself; an object only its kind (its fields may be stored values). */
function describeValue(value: unknown): ErrorDetails {
  if (value === null || typeof value !== 'object') return { name: typeof value, message: cap(String(value), MESSAGE_MAX) };
  const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return { name: typeof kind === 'string' && kind ? cap(kind, 100) : 'object', message: 'a value that is not an Error was thrown' };
}

function describeError(err: unknown, depth = 0): ErrorDetails {
  if (!(err instanceof Error)) return describeValue(err);
  const code = (err as { code?: unknown }).code;
  const details: ErrorDetails = { name: cap(String(err.name), 100), message: safeMessage(err) };
  if (typeof code === 'number' || typeof code === 'string') details.code = typeof code === 'string' ? cap(code, 100) : code;
  const stack = stackFrames(err.stack);
  if (stack) details.stack = stack;
  // A cause that is not an Error (a driver may hand over a topology description) says nothing a reader could use.
  if (err.cause instanceof Error && depth < CAUSE_DEPTH_MAX) details.cause = describeError(err.cause, depth + 1);
  return details;
}

/**
 * Why: an unexpected failure is only fixable with its name, code, message and stack,
 * but logs must never hold letter text or secrets. PreLetterError messages are safe by
 * contract; others are capped (the store lets no database error out that echoes a
 * stored value: src/store/db-errors.ts withoutStoredValues). Spread it into a log context: `{ ...errorDetails(err) }`.
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

/** How log lines are written (LOG_FORMAT): JSON for machines, readable lines for people, or auto (readable on a terminal). */
export type LogFormat = 'auto' | 'json' | 'pretty';

type Prettifier = (line: string) => string;

/** pino-pretty is a development dependency: a production install has none, and that is no problem. */
function loadPrettifier(): ((options: Record<string, unknown>) => Prettifier) | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional at run time, so never a static import
    return (require('pino-pretty') as { prettyFactory: (options: Record<string, unknown>) => Prettifier }).prettyFactory;
  } catch {
    return undefined;
  }
}

/**
 * Why: readable lines only where a person reads them (a terminal) and pino-pretty is
 * installed; auto never fails over it, it silently writes JSON. LOG_FORMAT=pretty asks
 * for readable lines anywhere, LOG_FORMAT=json for JSON even on a terminal.
 */
export function chooseLogFormat(asked: LogFormat, terminal: boolean, prettyInstalled: boolean): 'json' | 'pretty' {
  if (asked === 'json' || !prettyInstalled) return 'json';
  return asked === 'pretty' || terminal ? 'pretty' : 'json';
}

/**
 * Why: each JSON line (already redacted) turned into a readable one and written at once
 * (synchronously), so nothing is lost when the process exits right after logging.
 */
function prettyDestination(factory: (options: Record<string, unknown>) => Prettifier, destination?: pino.DestinationStream): pino.DestinationStream {
  const out = destination ?? pino.destination({ dest: 1, sync: true });
  const colorize = destination === undefined && Boolean(process.stdout.isTTY);
  const pretty = factory({ colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' });
  return { write: (line: string) => void out.write(pretty(line)) };
}

/**
 * Builds the process logger with secrets and letter text redacted at any depth: JSON lines
 * on stdout (or `destination`), or readable lines when `format` and chooseLogFormat say so.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, format: LogFormat = 'json'): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'preletter' },
    formatters: { log: redactRecord, bindings: redactRecord },
  };
  const factory = format === 'json' ? undefined : loadPrettifier();
  const terminal = destination === undefined && Boolean(process.stdout.isTTY);
  if (factory && chooseLogFormat(format, terminal, true) === 'pretty') return wrap(pino(options, prettyDestination(factory, destination)));
  const logger = wrap(pino(options, destination));
  if (format === 'pretty' && !factory) logger.warn({ logFormat: format }, 'LOG_FORMAT=pretty asks for readable lines, but pino-pretty (a development dependency) is not installed: writing JSON');
  return logger;
}

/**
 * Bolt and the Web API client log free-form strings (at debug level, whole request
 * bodies). This bridge keeps our rules: constant messages, a small context object,
 * nothing at debug level, and for errors their Slack code plus errorDetails (name,
 * capped message, stack frames: the SDK's error messages name codes and statuses,
 * never bodies), so no letter text, token or request body reaches our logs through the SDK.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { errorDetails, type Logger } from '../../src/logger';

const DETAIL_MAX = 160;

function describe(parts: unknown[]): Record<string, unknown> {
  const error = parts.find((p): p is Error => p instanceof Error);
  if (error) {
    const code = (error as { code?: unknown }).code;
    const slackError = (error as { data?: { error?: unknown } }).data?.error;
    return { errorName: error.name, ...(typeof code === 'string' ? { errorCode: code } : {}), ...(typeof slackError === 'string' ? { slackError } : {}) };
  }
  // SDK warnings are fixed sentences ("…not acknowledged within 3 seconds"); keep the start for operators.
  const first = parts.find((p): p is string => typeof p === 'string');
  return first ? { sdkSays: first.replace(/[\r\n]+/g, ' ').slice(0, DETAIL_MAX) } : {};
}

function errorOf(parts: unknown[]): Record<string, unknown> {
  const error = parts.find((p): p is Error => p instanceof Error);
  return error ? errorDetails(error) : {};
}

/** Why: Bolt's Logger interface over our pino-style Logger, without leaking SDK debug output. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const log = logger.child({ component: 'slack-sdk' });
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => log.debug(describe(parts), 'slack sdk info'),
    warn: (...parts: unknown[]) => log.warn(describe(parts), 'slack sdk warning'),
    error: (...parts: unknown[]) => log.error({ ...describe(parts), ...errorOf(parts) }, 'slack sdk error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/**
 * Bolt and the Web API client log free-form strings (at debug level, whole request
 * bodies). This bridge keeps our rules: constant messages, a small context object,
 * nothing at debug level, and only the error's name and Slack code for errors,
 * so no letter text, token or request body ever reaches our logs through the SDK.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/logger';

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

/** Why: Bolt's Logger interface over our pino-style Logger, without leaking SDK debug output. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const log = logger.child({ component: 'slack-sdk' });
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => log.debug(describe(parts), 'slack sdk info'),
    warn: (...parts: unknown[]) => log.warn(describe(parts), 'slack sdk warning'),
    error: (...parts: unknown[]) => log.error(describe(parts), 'slack sdk error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

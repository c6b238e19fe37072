/**
 * A Logger that keeps every entry (level, message, context with its child bindings), so
 * tests can assert what was logged at which level, and that nothing secret was.
 */
import type { Logger } from '../../../../src/logger';

/** One log entry. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  context: Record<string, unknown>;
}

/** Why: the logger plus what it received, shared by every child logger. */
export interface RecordingLogger extends Logger {
  readonly entries: LogEntry[];
  clear(): void;
}

/** Why: builds a recording logger; children add their bindings to each entry's context. */
export function recordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const at = (level: LogEntry['level']) => (context: Record<string, unknown>, message: string) => {
      entries.push({ level, message, context: { ...bindings, ...context } });
    };
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => make({ ...bindings, ...more }) };
  };
  return Object.assign(make({}), { entries, clear: () => void (entries.length = 0) }) as RecordingLogger;
}

import type { Logger } from '../logger.ts';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps its lines in memory, for tests that assert on what was logged. */
export function createCapturingLogger(
  base: Record<string, unknown> = {},
  lines: LogLine[] = [],
): Logger & { lines: LogLine[] } {
  const write = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields: { ...base, ...fields } });
  };
  return {
    lines,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => createCapturingLogger({ ...base, ...fields }, lines),
  };
}

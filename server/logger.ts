/** Structured logging: one JSON line per entry on stderr, so stdout stays free for benchmark output. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type LogLevel = 'info' | 'warn' | 'error' | 'silent';

const rank = { info: 0, warn: 1, error: 2, silent: 3 } as const;

export function createLogger(options: { level?: LogLevel; fields?: Record<string, unknown> } = {}): Logger {
  const level = options.level ?? 'info';
  const base = options.fields ?? {};
  const write = (
    entryLevel: Exclude<LogLevel, 'silent'>,
    message: string,
    fields?: Record<string, unknown>,
  ) => {
    if (rank[entryLevel] < rank[level]) return;
    const entry = { time: new Date().toISOString(), level: entryLevel, msg: message, ...base, ...fields };
    process.stderr.write(`${JSON.stringify(entry, errorReplacer)}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (fields) => createLogger({ level, fields: { ...base, ...fields } }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}

/** A logger that drops everything: for tests that assert on behaviour, not on log lines. */
export const silentLogger: Logger = createLogger({ level: 'silent' });

import type { ReadOnlySqlBackend, SqlRows } from '../read-only-sql.ts';
import { sqlToolError } from '../read-only-sql.ts';
import { createSingleWorker } from '../single-worker.ts';
import { ToolError } from '../tool.ts';

/** Configuration of {@link createDemoTicketsBackend}. */
export interface DemoTicketsBackendOptions {
  /** First start runs initdb and seeds (several seconds on a slow machine); default 120 s. */
  startupTimeoutMs?: number;
}

/**
 * The bundled demo dataset (`tickets`, see generate-tickets.ts) in PGlite on a worker thread.
 * The first worker seeds the database and hands back a snapshot; a worker replaced after a
 * timeout starts from that snapshot. Statement time is enforced by terminating the worker.
 */
export function createDemoTicketsBackend(options: DemoTicketsBackendOptions = {}): ReadOnlySqlBackend & {
  warm(): Promise<void>;
} {
  let snapshot: ArrayBuffer | null = null;
  const worker = createSingleWorker({
    moduleUrl: new URL('./demo-worker.ts', import.meta.url),
    label: 'Demo tickets database',
    startupTimeoutMs: options.startupTimeoutMs ?? 120_000,
    workerData: () => (snapshot ? { dump: snapshot.slice(0) } : {}),
    onReady: (message) => {
      if (message.dump instanceof ArrayBuffer) snapshot = message.dump;
    },
  });
  return {
    async query(statement, limits): Promise<SqlRows> {
      const answer = await worker.run(
        {
          statement,
          bounds: {
            rowCap: limits.rowCap,
            maxRowBytes: limits.maxRowBytes,
            maxResultBytes: limits.maxResultBytes,
          },
        },
        {
          timeoutMs: limits.statementTimeoutMs,
          onTimeout: () =>
            new ToolError(
              'STATEMENT_TIMEOUT',
              `The query was cancelled after ${limits.statementTimeoutMs} ms`,
              {
                retryable: false,
              },
            ),
        },
      );
      if (answer.ok !== true) {
        throw sqlToolError(Object.assign(new Error(String(answer.message)), { code: answer.code }));
      }
      return {
        columns: answer.columns as string[],
        rows: answer.rows as unknown[][],
        oversizedRows: answer.oversizedRows as SqlRows['oversizedRows'],
        stoppedAtBytes: answer.stoppedAtBytes === true,
      };
    },
    warm: () => worker.warm(),
    close: () => worker.close(),
  };
}

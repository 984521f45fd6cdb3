import { z } from 'zod';
import { createDemoTicketsBackend } from './demo-tickets/demo-database.ts';
import { DEMO_TICKETS_DDL } from './demo-tickets/generate-tickets.ts';
import { createPgReadOnlyBackend, type ReadOnlySqlBackend } from './read-only-sql.ts';
import { checkReadOnlySql } from './sql-guard.ts';
import { rowsToObjects } from './sql-values.ts';
import { defineTool, type ToolDefinition, ToolError } from './tool.ts';

/** Configuration of {@link createRunSqlTool}. */
export interface RunSqlToolOptions {
  /** `'demo'`: the bundled support-tickets dataset (PGlite, in process); else a PostgreSQL server. */
  database: 'demo' | { connectionString: string };
  /** Rows returned at most; default 200. */
  rowCap?: number;
  /** Per-query time limit; default 5000 ms. */
  statementTimeoutMs?: number;
}

const paramsSchema = z.object({
  sql: z
    .string()
    .min(1)
    .max(20_000)
    .describe('One read-only PostgreSQL query (SELECT, WITH, VALUES or TABLE)'),
});
/** What the model passes to run_sql. */
export type RunSqlParams = z.infer<typeof paramsSchema>;

/** Rows as objects (timestamps as ISO strings), capped at `rowCap`. */
export interface RunSqlResult {
  columns: string[];
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
  note?: string;
}

/** Cold start of the demo database (initdb + seed in a fresh worker) on top of the statement time. */
const DEMO_STARTUP_MS = 60_000;

/**
 * `run_sql`: one read-only query with a row cap and a statement timeout. Writes are refused twice:
 * by a pre-check (one SELECT-like statement, no write keywords or admin functions outside
 * literals and comments) and by running inside `BEGIN READ ONLY`. Idempotent, LOW risk.
 */
export function createRunSqlTool(options: RunSqlToolOptions): ToolDefinition<RunSqlParams, RunSqlResult> {
  const rowCap = options.rowCap ?? 200;
  const statementTimeoutMs = options.statementTimeoutMs ?? 5000;
  const demo = options.database === 'demo';
  let backend: (ReadOnlySqlBackend & { warm?(): Promise<void> }) | null = null;
  const open = (): ReadOnlySqlBackend => {
    backend ??=
      options.database === 'demo'
        ? createDemoTicketsBackend()
        : createPgReadOnlyBackend(options.database.connectionString);
    return backend;
  };

  const description = demo
    ? `Run one read-only SQL query (PostgreSQL dialect) against the demo support-tickets database and get at most ${rowCap} rows. ` +
      `Timestamps come back as ISO-8601 strings. Schema:\n${DEMO_TICKETS_DDL}`
    : `Run one read-only SQL query (PostgreSQL) against the configured database and get at most ${rowCap} rows. ` +
      'Writes, DDL and multiple statements are refused. Use information_schema to discover tables.';

  return defineTool({
    name: 'run_sql',
    description,
    inputSchema: paramsSchema,
    defaultRisk: 'LOW',
    timeoutMs: statementTimeoutMs + (demo ? DEMO_STARTUP_MS : 10_000),
    idempotent: true,
    async run(params) {
      const check = checkReadOnlySql(params.sql);
      if (!check.ok) throw new ToolError('QUERY_REFUSED', check.reason, { retryable: false });
      const { columns, rows } = await open().query(check.statement, { rowCap, statementTimeoutMs });
      const truncated = rows.length > rowCap;
      const shown = rowsToObjects(columns, truncated ? rows.slice(0, rowCap) : rows);
      return {
        columns,
        rows: shown,
        rowCount: shown.length,
        truncated,
        ...(truncated ? { note: `Only the first ${rowCap} rows are shown; add LIMIT or aggregate.` } : {}),
      };
    },
    async close() {
      await backend?.close();
      backend = null;
    },
  });
}

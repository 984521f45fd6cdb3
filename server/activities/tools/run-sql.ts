import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import { BUILTIN_TOOL_RISK } from '../../safety/tool-risks.ts';
import { loadPgParser } from '../sql/pg-parser.ts';
import { cappedSelectText, DEFAULT_RESULT_BOUNDS } from './capped-query.ts';
import { createDemoTicketsBackend } from './demo-tickets/demo-database.ts';
import { DEMO_TICKETS_DDL } from './demo-tickets/generate-tickets.ts';
import { createPgReadOnlyBackend, type ReadOnlySqlBackend, type SqlRows } from './read-only-sql.ts';
import { warnAboutPowerfulRole } from './run-sql-role.ts';
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
  /** A row larger than this (in its text form) is left out; default 64 KiB. */
  maxRowBytes?: number;
  /** Rows are read until they add up to this many bytes; default 256 KiB. */
  maxResultBytes?: number;
  /** Where the start-up check of the connection's role warns (a server database only). */
  logger?: Logger;
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

/** The sentence that tells the model what was left out of a result, if anything. */
function resultNote(read: SqlRows, rowCap: number, truncated: boolean, bounds: Bounds): string | undefined {
  const notes: string[] = [];
  if (truncated) notes.push(`Only the first ${rowCap} rows are shown; add LIMIT or aggregate.`);
  if (read.stoppedAtBytes)
    notes.push(`Reading stopped at ${bounds.maxResultBytes} bytes of rows; select fewer or smaller columns.`);
  if (read.oversizedRows.length > 0) {
    const listed = read.oversizedRows
      .slice(0, 5)
      .map(({ row, bytes }) => `row ${row} (${bytes} bytes)`)
      .join(', ');
    notes.push(`Left out for being over ${bounds.maxRowBytes} bytes: ${listed}.`);
  }
  return notes.length > 0 ? notes.join(' ') : undefined;
}

type Bounds = { maxRowBytes: number; maxResultBytes: number };

/**
 * `run_sql`: one read-only query with a row cap, a byte cap and a statement timeout. Decided on
 * PostgreSQL's own parse tree (`checkReadOnlySql`: one SELECT tree, allow-listed functions only —
 * the same check the `sql|sqlKind` policy view uses), then run inside `BEGIN READ ONLY` through a
 * cursor that the database itself caps in bytes. Idempotent; MEDIUM risk (`BUILTIN_TOOL_RISK`).
 */
export function createRunSqlTool(options: RunSqlToolOptions): ToolDefinition<RunSqlParams, RunSqlResult> {
  const rowCap = options.rowCap ?? 200;
  const statementTimeoutMs = options.statementTimeoutMs ?? 5000;
  const bounds: Bounds = {
    maxRowBytes: options.maxRowBytes ?? DEFAULT_RESULT_BOUNDS.maxRowBytes,
    maxResultBytes: options.maxResultBytes ?? DEFAULT_RESULT_BOUNDS.maxResultBytes,
  };
  // Compile the parser now, not on the first call (safety evaluation of a run_sql call needs it too).
  void loadPgParser().catch(() => undefined);
  if (options.database !== 'demo' && options.logger) {
    void warnAboutPowerfulRole(options.database.connectionString, options.logger);
  }
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
    defaultRisk: BUILTIN_TOOL_RISK.run_sql,
    timeoutMs: statementTimeoutMs + (demo ? DEMO_STARTUP_MS : 10_000),
    idempotent: true,
    async run(params) {
      const parse = await loadPgParser();
      const check = checkReadOnlySql(params.sql, parse);
      if (!check.ok) throw new ToolError('QUERY_REFUSED', check.reason, { retryable: false });
      // What runs is the statement inside the capping wrapper: check that text too.
      const wrapped = checkReadOnlySql(cappedSelectText(check.statement, 0, bounds.maxRowBytes), parse);
      if (!wrapped.ok) throw new ToolError('QUERY_REFUSED', wrapped.reason, { retryable: false });
      const read = await open().query(check.statement, { rowCap, statementTimeoutMs, ...bounds });
      const truncated = read.rows.length > rowCap;
      const shown = rowsToObjects(read.columns, truncated ? read.rows.slice(0, rowCap) : read.rows);
      const note = resultNote(read, rowCap, truncated, bounds);
      return {
        columns: read.columns,
        rows: shown,
        rowCount: shown.length,
        truncated: truncated || read.stoppedAtBytes || read.oversizedRows.length > 0,
        ...(note ? { note } : {}),
      };
    },
    async close() {
      await backend?.close();
      backend = null;
    },
  });
}

import pg from 'pg';
import { SupervisedPgClient } from '../../db/pg-database.ts';
import { type CappedRows, type ResultBounds, readCapped } from './capped-query.ts';
import { SQL_VALUE_PARSERS } from './sql-values.ts';
import { ToolError } from './tool.ts';

/** Column names, at most `rowCap + 1` rows (the extra row tells there were more), and what was left out for size. */
export type SqlRows = CappedRows;

/** Limits of one run_sql query: rows, bytes (see `readCapped`) and time. */
export interface ReadOnlyQueryLimits extends ResultBounds {
  statementTimeoutMs: number;
}

/** Runs one already-checked query in a read-only transaction; run_sql's database port. */
export interface ReadOnlySqlBackend {
  query(statement: string, limits: ReadOnlyQueryLimits): Promise<SqlRows>;
  close(): Promise<void>;
}

/**
 * A read-only backend over a PostgreSQL server (`RUN_SQL_DATABASE_URL`). Every call takes a pooled
 * connection, opens `BEGIN READ ONLY`, sets `statement_timeout` locally, reads through a cursor
 * with rows and bytes capped (`readCapped`), and rolls back. Queries use the extended protocol,
 * which refuses several statements in one string.
 * Give it a role with read access only: the transaction mode is defence in depth, not a permission.
 */
export function createPgReadOnlyBackend(connectionString: string): ReadOnlySqlBackend {
  const pool = new pg.Pool({
    connectionString,
    max: 4,
    Client: SupervisedPgClient,
    application_name: 'spark-ops run_sql',
    // Every transaction of these sessions is read-only unless it says otherwise, and ours never do.
    options: '-c default_transaction_read_only=on',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        SQL_VALUE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose backend dies emits 'error' on the pool; the next query reports it.
  pool.on('error', () => undefined);
  return {
    async query(statement, limits) {
      const client = await pool.connect().catch((error: unknown) => {
        throw sqlToolError(error);
      });
      let broken = false;
      try {
        await client.query('BEGIN READ ONLY');
        await client.query(
          `SET LOCAL statement_timeout = ${Math.max(1, Math.floor(limits.statementTimeoutMs))}`,
        );
        return await readCapped(
          (text) =>
            client.query({ text, values: [], rowMode: 'array', queryMode: 'extended' } as pg.QueryConfig),
          statement,
          limits,
        );
      } catch (error) {
        throw sqlToolError(error);
      } finally {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** Classifies a driver error by SQLSTATE: bad queries are the model's to fix, outages are retryable. */
export function sqlToolError(error: unknown): ToolError {
  if (error instanceof ToolError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '57014') {
    return new ToolError('STATEMENT_TIMEOUT', `The query was cancelled: ${message}`, {
      retryable: false,
      cause: error,
    });
  }
  if (code === '25006') {
    return new ToolError('READ_ONLY', `Refused: ${message}`, { retryable: false, cause: error });
  }
  if (typeof code === 'string' && /^(08|57P|53)/.test(code)) {
    return new ToolError('DATABASE_UNAVAILABLE', message, { retryable: true, cause: error });
  }
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return new ToolError('SQL_ERROR', message, { retryable: false, cause: error });
  }
  return new ToolError('DATABASE_UNAVAILABLE', message, { retryable: true, cause: error });
}

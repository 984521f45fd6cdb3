import pg from 'pg';
import type { QueryOptions, SqlDatabase, SqlQueryable, SqlResult } from './sql-database.ts';

export interface PgDatabaseOptions {
  connectionString: string;
  /** Pool size; 2–4× the cores is enough (more only adds contention). */
  max?: number;
  /** Called for connection errors the pool reports outside any query (e.g. a terminated backend). */
  onBackgroundError?: (error: Error) => void;
}

/**
 * A pg client that always has an 'error' listener. A connection's errors reach whoever uses it (the
 * statement's promise, the pool's 'error' event for idle clients) and mark it unusable, so the pool
 * drops it on release; but a FATAL that arrives while the pool has the client checked out and no
 * statement runs (57P01 when the server restarts) is emitted with nobody listening, and an unheard
 * 'error' ends the process (the restart chaos test lost a projections process so).
 */
export class SupervisedPgClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

const LISTEN_RETRY_MS = 500;
const FIRST_LISTEN_TIMEOUT_MS = 15_000;

/** A PostgreSQL server through a `pg` pool; LISTEN runs on its own reconnecting connection. */
export function createPgDatabase(options: PgDatabaseOptions): SqlDatabase {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 8,
    Client: SupervisedPgClient,
  });
  // An idle client whose backend dies emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', (error) => options.onBackgroundError?.(error));
  // Prepared statements by name, one name per text; `pg` parses a name once per connection.
  const statementNames = new Map<string, string>();
  const statementName = (text: string) => {
    let name = statementNames.get(text);
    if (name === undefined) {
      name = `spark_${statementNames.size}`;
      statementNames.set(text, name);
    }
    return name;
  };
  const run = async <R>(
    target: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<SqlResult<R>> => {
    const values = params ? [...params] : undefined;
    const result = options?.prepared
      ? await target.query({ name: statementName(text), text, ...(values ? { values } : {}) })
      : await target.query(text, values);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
  };
  const listeners = new Set<() => Promise<void>>();
  let closed = false;
  return {
    kind: 'pg',
    query: (text, params, options) => run(pool, text, params, options),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      // A checked-out client has no pool listener: a server shutdown between two statements
      // (57P01) would be an unhandled 'error' and end the process. The next statement reports it.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const tx: SqlQueryable = { query: (text, params, options) => run(client, text, params, options) };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection is gone: do not hand it back to the pool
        }
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    async listen(channel, onNotify) {
      let client: pg.Client | null = null;
      let stopped = false;
      // The first connection must succeed within a bound so a start against an unreachable or full
      // server fails with a clear error instead of hanging; later reconnects retry for ever.
      const connect = async (deadline = Number.POSITIVE_INFINITY): Promise<void> => {
        let lastError: unknown = null;
        while (!stopped && !closed) {
          if (Date.now() > deadline) {
            throw new Error(
              `could not LISTEN on ${channel}: ${String((lastError as Error)?.message ?? lastError)}`,
              {
                cause: lastError,
              },
            );
          }
          const candidate = new pg.Client({ connectionString: options.connectionString });
          try {
            candidate.on('notification', (message) => {
              if (message.channel === channel) onNotify();
            });
            candidate.on('error', () => {
              client = null;
              void candidate.end().catch(() => undefined);
              // A lost listener misses notifications: wake readers so they poll, then reconnect.
              onNotify();
              if (!stopped) setTimeout(() => void connect(), LISTEN_RETRY_MS);
            });
            await candidate.connect();
            await candidate.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
            client = candidate;
            return;
          } catch (error) {
            lastError = error;
            await candidate.end().catch(() => undefined);
            await new Promise((resolve) => setTimeout(resolve, LISTEN_RETRY_MS));
          }
        }
      };
      await connect(Date.now() + FIRST_LISTEN_TIMEOUT_MS);
      const unlisten = async () => {
        stopped = true;
        listeners.delete(unlisten);
        await client?.end().catch(() => undefined);
      };
      listeners.add(unlisten);
      return unlisten;
    },
    async close() {
      closed = true;
      await Promise.all([...listeners].map((unlisten) => unlisten()));
      await pool.end();
    },
  };
}

/** One statement's result, the same shape from PGlite and from `pg`. */
export interface SqlResult<R> {
  rows: R[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * A hot statement, run many times with this very text (the engine's appends, reads and recalls):
   * a PostgreSQL server keeps it parsed and planned per connection instead of doing both each time.
   * Only for texts drawn from a small fixed set, never for text built from input.
   */
  prepared?: boolean;
}

/** Something that runs parameterized SQL: the database itself or an open transaction. */
export interface SqlQueryable {
  query<R = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<SqlResult<R>>;
}

/**
 * A PostgreSQL database reached either in-process (PGlite) or over the network (`pg`). The event
 * store and the projections share this so there is one code path over both drivers.
 */
export interface SqlDatabase extends SqlQueryable {
  readonly kind: 'pglite' | 'pg';
  /** Runs `fn` in one READ COMMITTED transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /** Calls `onNotify` for every NOTIFY on `channel`, from this or another process; returns an unlisten. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { SqlDatabase, SqlQueryable, SqlResult } from './sql-database.ts';

export interface PgliteDatabaseOptions {
  /** Folder for the data files; omitted: in memory (tests). */
  dataDir?: string;
  /** Start from a dump of another cluster (tests: skips initdb). */
  loadDataDir?: Blob;
}

/** PGlite plus what only PGlite can do: dump its data directory. */
export interface PgliteSqlDatabase extends SqlDatabase {
  dumpDataDir(): Promise<Blob>;
}

/**
 * PGlite in-process PostgreSQL with pgvector loaded. It is one connection: PGlite queues queries and
 * holds other callers off while a transaction is open, so concurrency here is cooperative.
 */
export async function createPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<PgliteSqlDatabase> {
  const db = await PGlite.create(options.dataDir ?? 'memory://', {
    extensions: { vector },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const wrap = (target: Pick<PGlite, 'query'>): SqlQueryable => ({
    async query<R>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> {
      const result = await target.query<R>(text, params ? [...params] : undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  });
  const root = wrap(db);
  return {
    kind: 'pglite',
    query: root.query,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    exec: async (script) => {
      await db.exec(script);
    },
    listen: async (channel, onNotify) => {
      const unlisten = await db.listen(channel, () => onNotify());
      return async () => {
        await unlisten();
      };
    },
    close: () => db.close(),
    dumpDataDir: async () => {
      const dump = await db.dumpDataDir('none');
      return dump;
    },
  };
}

import type { SqlDatabase, SqlQueryable } from '../server/db/sql-database.ts';
import type { Logger } from '../server/logger.ts';

/**
 * How embeddings are stored and searched: `pgvector` (a `vector` column, HNSW indexes, the `<=>`
 * operator) when the extension exists; `exact` (a `real[]` column, cosine distance computed in SQL
 * over every candidate row) when it does not, e.g. a stock PostgreSQL server.
 */
export const VectorSupport = { Pgvector: 'pgvector', Exact: 'exact' } as const;
export type VectorSupport = (typeof VectorSupport)[keyof typeof VectorSupport];

/** HNSW indexes `vector` columns of at most this many dimensions (pgvector's limit). */
export const HNSW_MAX_DIMS = 2000;

const detected = new WeakMap<SqlDatabase, Promise<VectorSupport>>();

/**
 * Installs pgvector if it can (`CREATE EXTENSION IF NOT EXISTS vector`) and says which support the
 * database has. Detected once per database handle, so the fallback is logged exactly once.
 */
export function detectVectorSupport(db: SqlDatabase, logger: Logger): Promise<VectorSupport> {
  let support = detected.get(db);
  if (!support) {
    support = detect(db, logger);
    detected.set(db, support);
  }
  return support;
}

async function detect(db: SqlDatabase, logger: Logger): Promise<VectorSupport> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS vector');
  } catch {
    // Not available or not allowed; a concurrent CREATE EXTENSION may also have won the race.
  }
  const { rows } = await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`);
  if (rows.length > 0) return VectorSupport.Pgvector;
  logger.info(
    'pgvector is not installed: memories store embeddings as real[] and nearest-neighbour search uses an exact scan',
  );
  return VectorSupport.Exact;
}

/** What the `embedding` column of a memories table is, read from the catalogue (null: no table). */
export async function embeddingColumnSupport(db: SqlQueryable, table: string): Promise<VectorSupport | null> {
  const { rows } = await db.query<{ type: string }>(
    `SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attname = 'embedding' AND NOT a.attisdropped`,
    [table],
  );
  const type = rows[0]?.type;
  if (type === undefined) return null;
  return type.startsWith('vector') ? VectorSupport.Pgvector : VectorSupport.Exact;
}

/** An embedding as a `real[]` literal: the one text form both column types accept from a cast. */
export function realArrayLiteral(vector: readonly number[]): string {
  return `{${vector.join(',')}}`;
}

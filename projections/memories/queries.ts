import type { SqlDatabase, SqlQueryable } from '../../server/db/sql-database.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';
import { embeddingColumnSupport, realArrayLiteral, VectorSupport } from '../vector-support.ts';

/** A memory as the API shows it (without its embedding). */
export interface MemoryView {
  memoryId: string;
  runId: string;
  agentId: string | null;
  step: number;
  kind: string;
  text: string;
  embeddingModel: string;
  dims: number;
  createdAt: Date;
}

/** A search hit: the memory and its cosine distance to the query (0 = same direction, 2 = opposite). */
export interface MemoryMatch extends MemoryView {
  distance: number;
}

export interface MemorySearch {
  agentId: string;
  /** The query embedding; only memories of the same length are compared. */
  vector: readonly number[];
  /** Only memories embedded by this model (vectors of different models do not compare). */
  model?: string;
  /** How many (default 5, at most 100). */
  limit?: number;
}

interface MemoryRowOut {
  memory_id: string;
  run_id: string;
  agent_id: string | null;
  step: number;
  kind: string;
  text: string;
  embedding_model: string;
  dims: number;
  created_at: Date;
  distance?: number | string;
}

const MEMORIES = readTable('memories', LIVE_TABLES);
const COLUMNS = 'memory_id, run_id, agent_id, step, kind, text, embedding_model, dims, created_at';

function toView(row: MemoryRowOut): MemoryView {
  return {
    memoryId: row.memory_id,
    runId: row.run_id,
    agentId: row.agent_id,
    step: row.step,
    kind: row.kind,
    text: row.text,
    embeddingModel: row.embedding_model,
    dims: row.dims,
    createdAt: row.created_at,
  };
}

/** The memories a run stored, in step order. */
export async function listRunMemories(db: SqlQueryable, runId: string): Promise<MemoryView[]> {
  const { rows } = await db.query<MemoryRowOut>(
    `SELECT ${COLUMNS} FROM ${MEMORIES} WHERE run_id = $1 ORDER BY step, created_at, memory_id`,
    [runId],
  );
  return rows.map(toView);
}

/**
 * The agent's memories nearest to `vector` by cosine distance, nearest first. With pgvector this
 * uses the HNSW index of the vector's length (iterative scan, so the agent filter cannot starve the
 * result); without it, an exact scan computing the cosine in SQL over the agent's memories.
 * @throws RangeError for an empty or non-finite vector or a bad limit.
 */
// The engine searches on every step: the column's type is read from the catalogue once per database,
// not per search, and read again after any failed search (a rebuild may have changed the table).
const columnSupport = new WeakMap<SqlDatabase, VectorSupport>();

async function memoriesColumnSupport(db: SqlDatabase): Promise<VectorSupport | null> {
  const known = columnSupport.get(db);
  if (known) return known;
  const support = await embeddingColumnSupport(db, MEMORIES);
  if (support) columnSupport.set(db, support);
  return support;
}

export async function searchMemories(db: SqlDatabase, search: MemorySearch): Promise<MemoryMatch[]> {
  const dims = search.vector.length;
  const limit = search.limit ?? 5;
  if (dims === 0 || !search.vector.every(Number.isFinite))
    throw new RangeError('vector must hold finite numbers');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new RangeError('limit must be from 1 to 100');
  // A vector with no direction (a query the embedder found no words in) is near nothing; pgvector
  // would call every distance NaN, which no event may carry.
  if (search.vector.every((x) => x === 0)) return [];
  const support = await memoriesColumnSupport(db);
  if (support === null) return [];
  const params: unknown[] = [search.agentId, realArrayLiteral(search.vector), limit];
  let where = `agent_id = $1 AND dims = ${dims}`;
  if (search.model !== undefined) {
    params.push(search.model);
    where += ` AND embedding_model = $${params.length}`;
  }
  let rows: MemoryRowOut[];
  try {
    if (support === VectorSupport.Pgvector) {
      // Same expression and predicate as the partial index, with the length spliced in (an integer).
      const distance = `(embedding::vector(${dims})) <=> ($2::real[]::vector(${dims}))`;
      rows = await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL hnsw.iterative_scan = strict_order`);
        const result = await tx.query<MemoryRowOut>(
          `SELECT ${COLUMNS}, ${distance} AS distance FROM ${MEMORIES} WHERE ${where}
            ORDER BY ${distance}, memory_id LIMIT $3`,
          params,
        );
        return result.rows;
      });
    } else {
      const result = await db.query<MemoryRowOut>(
        `SELECT ${COLUMNS}, 1 - s.dot / nullif(sqrt(s.norm) * q.norm, 0) AS distance
           FROM ${MEMORIES} m
          CROSS JOIN (SELECT sqrt(sum(x::float8 * x::float8)) AS norm FROM unnest($2::real[]) AS x) AS q
          CROSS JOIN LATERAL (
            SELECT sum(a::float8 * b::float8) AS dot, sum(a::float8 * a::float8) AS norm
              FROM unnest(m.embedding, $2::real[]) AS pair(a, b)) AS s
          WHERE ${where}
          ORDER BY distance, memory_id LIMIT $3`,
        params,
      );
      rows = result.rows;
    }
  } catch (error) {
    columnSupport.delete(db);
    throw error;
  }
  // A stored vector with no direction has no distance (NaN with pgvector, NULL in the exact scan).
  return rows
    .filter((row) => row.distance !== null && Number.isFinite(Number(row.distance)))
    .map((row) => ({ ...toView(row), distance: Number(row.distance) }));
}

/** The memories with these ids (in no particular order); ids not in the read model are left out. */
export async function getMemories(db: SqlQueryable, memoryIds: readonly string[]): Promise<MemoryView[]> {
  if (memoryIds.length === 0) return [];
  const { rows } = await db.query<MemoryRowOut>(
    `SELECT ${COLUMNS} FROM ${MEMORIES} WHERE memory_id = ANY($1::text[])`,
    [[...memoryIds]],
  );
  return rows.map(toView);
}

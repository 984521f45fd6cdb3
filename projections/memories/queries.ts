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
const PREFIXED_COLUMNS = COLUMNS.split(', ')
  .map((column) => `m.${column}`)
  .join(', ');

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
export async function searchMemories(db: SqlDatabase, search: MemorySearch): Promise<MemoryMatch[]> {
  const [matches] = await searchMemoriesMany(db, [search]);
  return matches ?? [];
}

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

/**
 * Checks a search before it is queued or run, so one bad search fails alone.
 * @throws RangeError for an empty or non-finite vector or a bad limit.
 */
export function checkMemorySearch(search: MemorySearch): void {
  const limit = search.limit ?? 5;
  if (search.vector.length === 0 || !search.vector.every(Number.isFinite))
    throw new RangeError('vector must hold finite numbers');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new RangeError('limit must be from 1 to 100');
}

/**
 * Several searches (of any agents) answered together, one statement per vector length: the engine's
 * concurrent runs each search on every step, and one round trip for many is what keeps that cheap.
 * Answers are in the order of `searches`, each as `searchMemories` would give it.
 * @throws RangeError when any search is malformed (nothing is run).
 */
export async function searchMemoriesMany(
  db: SqlDatabase,
  searches: readonly MemorySearch[],
): Promise<MemoryMatch[][]> {
  for (const search of searches) checkMemorySearch(search);
  const answers: MemoryMatch[][] = searches.map(() => []);
  // A vector with no direction (a query the embedder found no words in) is near nothing; pgvector
  // would call every distance NaN, which no event may carry.
  const byDims = new Map<number, number[]>();
  for (const [i, search] of searches.entries()) {
    if (search.vector.every((x) => x === 0)) continue;
    const dims = search.vector.length;
    const group = byDims.get(dims);
    if (group) group.push(i);
    else byDims.set(dims, [i]);
  }
  if (byDims.size === 0) return answers;
  const support = await memoriesColumnSupport(db);
  if (support === null) return answers;
  try {
    for (const [dims, indexes] of byDims) {
      const group = indexes.map((i) => searches[i] as MemorySearch);
      const rows = await searchGroup(db, support, dims, group);
      // A stored vector with no direction has no distance (NaN with pgvector, NULL in the exact scan).
      for (const row of rows) {
        if (row.distance === null || !Number.isFinite(Number(row.distance))) continue;
        answers[indexes[row.query - 1] as number]?.push({ ...toView(row), distance: Number(row.distance) });
      }
    }
  } catch (error) {
    columnSupport.delete(db);
    throw error;
  }
  return answers;
}

// One row per search: its agent, vector (as a real[] literal), model (null: any) and limit. `query`
// is the search's 1-based place in the group.
const QUERIES = `SELECT agent_id, vec::real[] AS vec, model, lim, query::int AS query
  FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS q(agent_id, vec, model, lim, query)`;

async function searchGroup(
  db: SqlDatabase,
  support: VectorSupport,
  dims: number,
  group: readonly MemorySearch[],
): Promise<(MemoryRowOut & { query: number })[]> {
  const params = [
    group.map((search) => search.agentId),
    group.map((search) => realArrayLiteral(search.vector)),
    group.map((search) => search.model ?? null),
    group.map((search) => search.limit ?? 5),
  ];
  const where = `m.agent_id = q.agent_id AND m.dims = ${dims}
    AND (q.model IS NULL OR m.embedding_model = q.model)`;
  if (support === VectorSupport.Pgvector) {
    // Same expression and predicate as the partial index, with the length spliced in (an integer);
    // the lateral subquery is one index scan per search.
    const distance = `(m.embedding::vector(${dims})) <=> (q.vec::vector(${dims}))`;
    return db.transaction(async (tx) => {
      await tx.query(`SET LOCAL hnsw.iterative_scan = strict_order`);
      const result = await tx.query<MemoryRowOut & { query: number }>(
        `WITH q AS MATERIALIZED (${QUERIES})
         SELECT q.query, hit.* FROM q CROSS JOIN LATERAL (
           SELECT ${PREFIXED_COLUMNS}, ${distance} AS distance FROM ${MEMORIES} m WHERE ${where}
            ORDER BY ${distance}, m.memory_id LIMIT q.lim) AS hit
          ORDER BY q.query, hit.distance, hit.memory_id`,
        params,
        { prepared: true },
      );
      return result.rows;
    });
  }
  const result = await db.query<MemoryRowOut & { query: number }>(
    `WITH q AS MATERIALIZED (
       SELECT queries.*, (SELECT sqrt(sum(x::float8 * x::float8)) FROM unnest(queries.vec) AS x) AS norm
         FROM (${QUERIES}) AS queries)
     SELECT q.query, hit.* FROM q CROSS JOIN LATERAL (
       SELECT ${PREFIXED_COLUMNS}, 1 - s.dot / nullif(sqrt(s.norm) * q.norm, 0) AS distance
         FROM ${MEMORIES} m
        CROSS JOIN LATERAL (
          SELECT sum(a::float8 * b::float8) AS dot, sum(a::float8 * a::float8) AS norm
            FROM unnest(m.embedding, q.vec) AS pair(a, b)) AS s
        WHERE ${where}
        ORDER BY distance, m.memory_id LIMIT q.lim) AS hit
      ORDER BY q.query, hit.distance, hit.memory_id`,
    params,
    { prepared: true },
  );
  return result.rows;
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

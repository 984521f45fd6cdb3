import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { READ_SCHEMA, readTable, type TableSet } from '../projection.ts';
import { embeddingColumnSupport, HNSW_MAX_DIMS, realArrayLiteral, VectorSupport } from '../vector-support.ts';
import type { MemoryChanges } from './mapping.ts';
import { hnswIndexName } from './migration.ts';

// Embeddings travel as real[] literals: `::real[]` fits a real[] column as it is and a vector column
// through pgvector's assignment cast, so one statement serves both.
function insertMemoriesSql(tables: TableSet): string {
  return `
INSERT INTO ${readTable('memories', tables)} (
  memory_id, run_id, agent_id, step, kind, text, embedding_model, dims, embedding, created_at, position)
SELECT u.memory_id, u.run_id, coalesce(u.agent_id, mr.agent_id), u.step, u.kind, u.text, u.embedding_model,
       u.dims, u.embedding::real[], u.created_at, u.position
  FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::int[],
              $9::text[], $10::timestamptz[], $11::text[])
    AS u(memory_id, run_id, agent_id, step, kind, text, embedding_model, dims, embedding, created_at, position)
  LEFT JOIN ${readTable('memory_runs', tables)} mr ON mr.run_id = u.run_id
ON CONFLICT (memory_id) DO NOTHING`;
}

/** Creates the HNSW index for each embedding length of the batch that has none yet (pgvector only). */
async function ensureVectorIndexes(
  tx: SqlQueryable,
  dims: readonly number[],
  tables: TableSet,
): Promise<void> {
  const table = readTable('memories', tables);
  if ((await embeddingColumnSupport(tx, table)) !== VectorSupport.Pgvector) return;
  for (const length of new Set(dims)) {
    // pgvector cannot index longer vectors with HNSW; those are found by a sequential scan.
    if (length > HNSW_MAX_DIMS) continue;
    const index = hnswIndexName(tables, length);
    const { rows } = await tx.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [
      `${READ_SCHEMA}.${index}`,
    ]);
    if ((rows[0] as { present: boolean } | undefined)?.present) continue;
    await tx.query(
      `CREATE INDEX IF NOT EXISTS ${index} ON ${table}
         USING hnsw ((embedding::vector(${length})) vector_cosine_ops) WHERE dims = ${length}`,
    );
  }
}

/** Writes a batch's run → agent links and memories with one statement each. */
export async function writeMemoryChanges(
  tx: SqlQueryable,
  changes: MemoryChanges,
  tables: TableSet,
): Promise<void> {
  if (changes.runs.length > 0) {
    await tx.query(
      `INSERT INTO ${readTable('memory_runs', tables)} (run_id, agent_id)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (run_id) DO NOTHING`,
      [changes.runs.map((run) => run.runId), changes.runs.map((run) => run.agentId)],
    );
  }
  const { memories } = changes;
  if (memories.length === 0) return;
  await ensureVectorIndexes(
    tx,
    memories.map((memory) => memory.dims),
    tables,
  );
  await tx.query(insertMemoriesSql(tables), [
    memories.map((m) => m.memoryId),
    memories.map((m) => m.runId),
    memories.map((m) => m.agentId),
    memories.map((m) => m.step),
    memories.map((m) => m.kind),
    memories.map((m) => m.text),
    memories.map((m) => m.embeddingModel),
    memories.map((m) => m.dims),
    memories.map((m) => realArrayLiteral(m.vector)),
    memories.map((m) => m.createdAt),
    memories.map((m) => m.position),
  ]);
}

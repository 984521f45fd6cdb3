import { readTable, type TableSet } from '../projection.ts';
import { VectorSupport } from '../vector-support.ts';

/**
 * The `memories` read model. With pgvector the embedding is a `vector` of any length; each length
 * gets its own partial HNSW index (cosine) when its first memory is written (`writer.ts`), because an
 * HNSW index needs a fixed dimension. Without pgvector it is a `real[]` searched by an exact scan.
 */
export function memoriesMigration(tables: TableSet, support: VectorSupport): string {
  const memories = readTable('memories', tables);
  const memoryRuns = readTable('memory_runs', tables);
  const name = `memories${tables.suffix}`;
  const embedding = support === VectorSupport.Pgvector ? 'vector' : 'real[]';
  return `
CREATE TABLE IF NOT EXISTS ${memories} (
  memory_id       text        NOT NULL PRIMARY KEY,
  run_id          text        NOT NULL,
  agent_id        text,
  step            integer     NOT NULL,
  kind            text        NOT NULL,
  text            text        NOT NULL,
  embedding_model text        NOT NULL,
  dims            integer     NOT NULL,
  embedding       ${embedding} NOT NULL,
  created_at      timestamptz NOT NULL,
  position        text        NOT NULL
);
CREATE INDEX IF NOT EXISTS ${name}_agent_idx ON ${memories} (agent_id, dims);
CREATE INDEX IF NOT EXISTS ${name}_run_idx ON ${memories} (run_id, step);
CREATE TABLE IF NOT EXISTS ${memoryRuns} (
  run_id   text NOT NULL PRIMARY KEY,
  agent_id text NOT NULL
);
`;
}

/** Name of the HNSW index for embeddings of `dims` dimensions. */
export function hnswIndexName(tables: TableSet, dims: number): string {
  return `memories${tables.suffix}_embedding_${dims}_hnsw`;
}

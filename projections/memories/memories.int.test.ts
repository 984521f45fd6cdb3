import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { encodeFloat32 } from '../../schema/events/embedding-vector.ts';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { eventCatalogue, runStream } from '../../schema/events/index.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import { createPostgresEventStore } from '../../server/eventstore/postgres/postgres-event-store.ts';
import { silentLogger } from '../../server/logger.ts';
import { createCapturingLogger } from '../../server/testkit/capturing-logger.ts';
import {
  appendLog,
  entry,
  exampleStory,
  type LogEntry,
  recordedLog,
} from '../../server/testkit/event-log.ts';
import { projectEvents, resetReadModels, sqlTargets, tableRows } from '../../server/testkit/read-models.ts';
import { rebuildProjection } from '../rebuild.ts';
import { detectVectorSupport, VectorSupport } from '../vector-support.ts';
import { memoriesProjection } from './memories-projection.ts';
import { listRunMemories, searchMemories, searchMemoriesMany } from './queries.ts';
import { createMemorySearchQueue } from './search-queue.ts';

const DIMS = 16;
const agentIds = ['01930000-0000-7000-8000-000000000101', '01930000-0000-7000-8000-000000000102'];

/** A small deterministic generator, so both databases see the same vectors. */
function pseudoRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  };
}

function cosineDistance(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] as number);
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return 1 - dot / (Math.sqrt(na) * Math.sqrt(nb));
}

/** Two agents, three runs each, four memories per run, plus a memory of another length. */
function memoryLog(): { entries: LogEntry[]; vectors: Map<string, { agentId: string; vector: number[] }> } {
  const random = pseudoRandom(42);
  const entries: LogEntry[] = [];
  const vectors = new Map<string, { agentId: string; vector: number[] }>();
  let n = 0;
  for (const [a, agentId] of agentIds.entries()) {
    for (let r = 0; r < 3; r++) {
      const runId = `01930000-0000-7000-8000-0000000003${a}${r}`;
      entries.push(entry(runStream(runId), 'RunStarted', { ...exampleEvents.RunStarted, runId, agentId }));
      for (let step = 1; step <= 4; step++) {
        const memoryId = `01930000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
        // Rounded to what a real[] holds exactly, so float4 storage changes nothing.
        const vector = Array.from({ length: DIMS }, () => Math.fround(random()));
        vectors.set(memoryId, { agentId, vector });
        entries.push(
          entry(runStream(runId), 'MemoryStored', {
            memoryId,
            step,
            kind: 'thought',
            text: `memory ${n}`,
            embedding: { model: 'test-embedder', dims: DIMS, vectorFloat32LE: encodeFloat32(vector) },
          }),
        );
      }
    }
  }
  entries.push(
    entry(runStream('01930000-0000-7000-8000-000000000300'), 'MemoryStored', {
      ...exampleEvents.MemoryStored,
      memoryId: '01930000-0000-7000-8000-000000000999',
    }),
  );
  return { entries, vectors };
}

for (const target of sqlTargets) {
  describe(`memories on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('logs the exact-scan fallback once, and only where pgvector is missing', async () => {
      const fresh = await target.open();
      try {
        const logger = createCapturingLogger();
        await memoriesProjection.migrate(fresh.db, { suffix: '' }, { logger });
        await memoriesProjection.migrate(fresh.db, { suffix: '__rebuild' }, { logger });
        const support = await detectVectorSupport(fresh.db, logger);
        const lines = logger.lines.filter((line) => line.message.includes('exact scan'));
        assert.equal(support, fresh.db.kind === 'pglite' ? VectorSupport.Pgvector : VectorSupport.Exact);
        assert.equal(lines.length, support === VectorSupport.Exact ? 1 : 0);
      } finally {
        await fresh.drop();
      }
    });

    it('given the example story → its memory, linked to the agent across batches', async () => {
      const events = recordedLog(exampleStory());
      await resetReadModels(db);
      await projectEvents(db, memoriesProjection, events, [2, 9]);
      const memories = await listRunMemories(db, exampleIds.runId);
      assert.deepEqual(
        memories.map((m) => [m.memoryId, m.agentId, m.step, m.kind, m.dims, m.embeddingModel]),
        [[exampleIds.memoryId, exampleIds.agentId, 1, 'observation', 4, 'local-hashing-4']],
      );
      const rows = await tableRows(db, 'memory_runs');
      assert.deepEqual(rows, [{ run_id: exampleIds.runId, agent_id: exampleIds.agentId }]);
    });

    it('finds the nearest memories of an agent by cosine distance, nearest first', async () => {
      const { entries, vectors } = memoryLog();
      await resetReadModels(db);
      await db.exec('DROP SCHEMA IF EXISTS es CASCADE');
      const store = await createPostgresEventStore({ db, catalogue: eventCatalogue });
      await appendLog(store, entries);
      await rebuildProjection({
        store,
        db,
        projection: memoriesProjection,
        batchSize: 7,
        logger: silentLogger,
      });

      const query = Array.from({ length: DIMS }, pseudoRandom(7));
      for (const agentId of agentIds) {
        const expected = [...vectors.entries()]
          .filter(([, memory]) => memory.agentId === agentId)
          .map(([memoryId, memory]) => ({ memoryId, distance: cosineDistance(memory.vector, query) }))
          .sort((a, b) => a.distance - b.distance)
          .slice(0, 5);
        const found = await searchMemories(db, { agentId, vector: query, limit: 5, model: 'test-embedder' });
        assert.deepEqual(
          found.map((m) => m.memoryId),
          expected.map((m) => m.memoryId),
        );
        for (const [i, match] of found.entries()) {
          assert.ok(Math.abs(match.distance - (expected[i]?.distance ?? Number.NaN)) < 1e-5);
          assert.equal(match.agentId, agentId);
        }
      }
      // A vector of another length only meets memories of that length.
      const four = await searchMemories(db, { agentId: agentIds[0] as string, vector: [1, 0, 0, 0] });
      assert.deepEqual(
        four.map((m) => [m.memoryId, m.dims, m.distance]),
        [['01930000-0000-7000-8000-000000000999', 4, 0.5]],
      );
      // Many searches at once (the engine's concurrent recalls) answer as each would alone.
      const searches = [
        ...agentIds.map((agentId, i) => ({ agentId, vector: query, limit: 2 + i, model: 'test-embedder' })),
        { agentId: agentIds[0] as string, vector: [1, 0, 0, 0] },
        { agentId: agentIds[1] as string, vector: [0, 0, 0, 0] },
        { agentId: 'no-such-agent', vector: query },
      ];
      const alone = await Promise.all(searches.map((search) => searchMemories(db, search)));
      assert.deepEqual(await searchMemoriesMany(db, searches), alone);
      assert.ok(alone.slice(0, agentIds.length).every((matches, i) => matches.length === 2 + i));
      const queue = createMemorySearchQueue(db);
      assert.deepEqual(await Promise.all(searches.map((search) => queue.search(search))), alone);
      await assert.rejects(queue.search({ agentId: 'a', vector: [1], limit: 0 }), RangeError);
      await assert.rejects(
        searchMemoriesMany(db, [searches[0] as (typeof searches)[0], { agentId: 'a', vector: [] }]),
        RangeError,
      );
      await assert.rejects(searchMemories(db, { agentId: agentIds[0] as string, vector: [] }), RangeError);
      // A query with no direction (a goal the embedder found no words in) is near nothing, not NaN.
      assert.deepEqual(
        await searchMemories(db, { agentId: agentIds[0] as string, vector: [0, 0, 0, 0] }),
        [],
      );
      await store.close();
    });

    it('searches through the HNSW index with pgvector, over real[] without', async () => {
      const support = await detectVectorSupport(db, silentLogger);
      const column = await db.query<{ type: string }>(
        `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
          WHERE attrelid = 'read.memories'::regclass AND attname = 'embedding'`,
      );
      assert.equal(column.rows[0]?.type, support === VectorSupport.Pgvector ? 'vector' : 'real[]');
      if (support !== VectorSupport.Pgvector) return;
      const { rows } = await db.query<{ indexname: string }>(
        `SELECT indexname FROM pg_indexes WHERE schemaname = 'read' AND tablename = 'memories' ORDER BY 1`,
      );
      assert.ok(rows.some((row) => row.indexname === `memories_embedding_${DIMS}_hnsw`));
      await db.exec('SET enable_seqscan = off');
      try {
        const plan = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT memory_id FROM read.memories WHERE agent_id = 'x' AND dims = ${DIMS}
            ORDER BY (embedding::vector(${DIMS})) <=> ('{${Array(DIMS).fill(0.1).join(',')}}'::real[]::vector(${DIMS})), memory_id LIMIT 5`,
        );
        assert.match(plan.rows.map((row) => row['QUERY PLAN']).join('\n'), /memories_embedding_16_hnsw/);
        // The batched form: one index scan per search, through the lateral subquery.
        const vector = `{${Array(DIMS).fill(0.1).join(',')}}`;
        const batched = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN WITH q AS MATERIALIZED (SELECT agent_id, vec::real[] AS vec
             FROM unnest(ARRAY['x','y'], ARRAY['${vector}','${vector}']) AS q(agent_id, vec))
           SELECT hit.memory_id FROM q CROSS JOIN LATERAL (SELECT m.memory_id FROM read.memories m
             WHERE m.agent_id = q.agent_id AND m.dims = ${DIMS}
             ORDER BY (m.embedding::vector(${DIMS})) <=> (q.vec::vector(${DIMS})), m.memory_id LIMIT 5) AS hit`,
        );
        assert.match(batched.rows.map((row) => row['QUERY PLAN']).join('\n'), /memories_embedding_16_hnsw/);
      } finally {
        await db.exec('RESET enable_seqscan');
      }
    });
  });
}

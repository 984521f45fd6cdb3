import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../schema/events/examples.ts';
import { eventCatalogue, runStream } from '../schema/events/index.ts';
import type { SqlDatabase } from '../server/db/sql-database.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { silentLogger } from '../server/logger.ts';
import { appendLog, entry, exampleStory } from '../server/testkit/event-log.ts';
import { readModelRows, resetReadModels, sqlTargets } from '../server/testkit/read-models.ts';
import { allProjections } from './all-projections.ts';
import { readCheckpoint } from './checkpoints.ts';
import { memoriesProjection } from './memories/memories-projection.ts';
import { rebuildProjection } from './rebuild.ts';
import { createProjectionRunner } from './runner.ts';
import { getRun } from './runs/queries.ts';
import { runsProjection } from './runs/runs-projection.ts';

const run = runStream(exampleIds.runId);

for (const target of sqlTargets) {
  describe(`rebuild on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('builds new tables while the old ones serve, then switches and the runner continues', async () => {
      await resetReadModels(db);
      await db.exec('DROP SCHEMA IF EXISTS es CASCADE');
      const store = await createPostgresEventStore({ db, catalogue: eventCatalogue });
      const runner = createProjectionRunner({ store, db, projections: allProjections, logger: silentLogger });
      await runner.start();
      const story = exampleStory();
      const written = await appendLog(store, story.slice(0, 8));
      assert.equal(await runner.waitFor(written.at(-1)?.position as string, 10_000), true);
      // Damage the live row, so that the old table and the rebuilt one can be told apart.
      await db.query(`UPDATE read.runs SET goal = 'stale' WHERE id = $1`, [exampleIds.runId]);

      let lateEvents: Awaited<ReturnType<typeof appendLog>> = [];
      const result = await rebuildProjection({
        store,
        db,
        projection: runsProjection,
        batchSize: 3,
        logger: silentLogger,
        beforeSwitch: async () => {
          // Until the switch, readers see the old table, and the runner keeps it up to date.
          assert.equal((await getRun(db, exampleIds.runId))?.goal, 'stale');
          const rebuilt = await db.query<{ goal: string }>(
            `SELECT goal FROM read.runs__rebuild WHERE id = $1`,
            [exampleIds.runId],
          );
          assert.equal(rebuilt.rows[0]?.goal, 'Resolve ticket 4711.');
          lateEvents = await appendLog(store, story.slice(8));
          assert.equal(await runner.waitFor(lateEvents.at(-1)?.position as string, 10_000), true);
          assert.equal((await getRun(db, exampleIds.runId))?.status, 'COMPLETED');
          assert.equal((await getRun(db, exampleIds.runId))?.goal, 'stale');
        },
      });
      assert.equal(result.events, 8);
      assert.equal(result.position, written.at(-1)?.position);
      assert.equal((await getRun(db, exampleIds.runId))?.goal, 'Resolve ticket 4711.');

      // The runner finds the checkpoint moved back, resubscribes and applies the late events, once.
      const head = lateEvents.at(-1)?.position as string;
      for (let i = 0; i < 200 && (await readCheckpoint(db, 'runs')) !== head; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.equal(await readCheckpoint(db, 'runs'), head);
      // Waits for its own append's position: the head readers see can lag behind it while any
      // transaction (the runner's own) is open in the database.
      const { position: final } = await store.append(run, [
        {
          id: crypto.randomUUID(),
          type: 'MemoryStored',
          data: { ...exampleEvents.MemoryStored, memoryId: crypto.randomUUID() },
        },
      ]);
      assert.equal(await runner.waitFor(final, 10_000), true);
      await runner.stop();
      const runs = await getRun(db, exampleIds.runId);
      assert.equal(runs?.status, 'COMPLETED');
      assert.equal(runs?.inputTokens, 2 * 812);
      assert.equal(runs?.lastPosition, final);

      // And the result is what a rebuild from scratch gives, with no leftover tables.
      const live = await readModelRows(db, allProjections);
      for (const projection of allProjections) {
        await rebuildProjection({ store, db, projection, logger: silentLogger });
      }
      assert.deepEqual(await readModelRows(db, allProjections), live);
      const leftovers = await db.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'read' AND tablename LIKE '%\\_\\_rebuild'`,
      );
      assert.deepEqual(leftovers.rows, []);
      const checkpoints = await db.query<{ projection: string }>(
        `SELECT projection FROM read.checkpoints ORDER BY 1`,
      );
      assert.deepEqual(
        checkpoints.rows.map((row) => row.projection),
        allProjections.map((projection) => projection.name).sort(),
      );
      await store.close();
    });

    it('leaves the old tables as they were when the rebuild fails', async () => {
      await resetReadModels(db);
      await db.exec('DROP SCHEMA IF EXISTS es CASCADE');
      const store = await createPostgresEventStore({ db, catalogue: eventCatalogue });
      await appendLog(store, [
        ...exampleStory(),
        entry(run, 'MemoryStored', { ...exampleEvents.MemoryStored, memoryId: crypto.randomUUID() }),
      ]);
      await rebuildProjection({ store, db, projection: memoriesProjection, logger: silentLogger });
      const before = await readModelRows(db, [memoriesProjection]);
      const checkpoint = await readCheckpoint(db, 'memories');
      const broken = {
        ...memoriesProjection,
        apply: async () => Promise.reject(new Error('bug in the new version')),
      };
      await assert.rejects(
        rebuildProjection({ store, db, projection: broken, logger: silentLogger }),
        /bug in the new version/,
      );
      assert.deepEqual(await readModelRows(db, [memoriesProjection]), before);
      assert.equal(await readCheckpoint(db, 'memories'), checkpoint);
      await store.close();
    });
  });
}

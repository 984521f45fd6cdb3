import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleIds } from '../schema/events/examples.ts';
import { eventCatalogue } from '../schema/events/index.ts';
import type { SqlDatabase } from '../server/db/sql-database.ts';
import type { EventStore } from '../server/eventstore/port.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { silentLogger } from '../server/logger.ts';
import { createCapturingLogger } from '../server/testkit/capturing-logger.ts';
import { appendLog, exampleStory } from '../server/testkit/event-log.ts';
import { resetReadModels, sqlTargets } from '../server/testkit/read-models.ts';
import { allProjections } from './all-projections.ts';
import { migrateCheckpoints, readCheckpoint } from './checkpoints.ts';
import type { Projection } from './projection.ts';
import { createProjectionRunner } from './runner.ts';
import { getRun } from './runs/queries.ts';
import { RunStatus } from './runs/run-status.ts';
import { runsProjection } from './runs/runs-projection.ts';
import { projectionStatus } from './status.ts';

const story = exampleStory();
const firstHalf = story.slice(0, 6);
const secondHalf = story.slice(6);

for (const target of sqlTargets) {
  describe(`projection runner on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    let store: EventStore;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    // Every test starts from an empty log and no read models.
    const fresh = async () => {
      await store?.close();
      await resetReadModels(db);
      await db.exec('DROP SCHEMA IF EXISTS es CASCADE');
      store = await createPostgresEventStore({ db, catalogue: eventCatalogue });
    };

    it('applies every event exactly once across a restart', async () => {
      await fresh();
      const first = createProjectionRunner({ store, db, projections: allProjections, logger: silentLogger });
      await first.start();
      const written = await appendLog(store, firstHalf);
      assert.equal(await first.waitFor(written.at(-1)?.position as string, 10_000), true);
      await first.stop();

      const more = await appendLog(store, secondHalf);
      const second = createProjectionRunner({ store, db, projections: allProjections, logger: silentLogger });
      await second.start();
      const head = more.at(-1)?.position as string;
      assert.equal(await second.waitFor(head, 10_000), true);
      await second.stop();

      const run = await getRun(db, exampleIds.runId);
      assert.equal(run?.status, RunStatus.Completed);
      assert.equal(run?.inputTokens, 2 * 812);
      assert.equal(run?.costUsd, 0.0024);
      assert.equal(run?.steps, 2);
      for (const projection of allProjections) assert.equal(await readCheckpoint(db, projection.name), head);
    });

    it('retries a failing batch after a back-off, never skipping it', async () => {
      await fresh();
      let failures = 0;
      const flaky: Projection = {
        ...runsProjection,
        async apply(tx, events, tables) {
          await runsProjection.apply(tx, events, tables);
          if (events.some((event) => event.type === 'RunCompleted') && failures < 3) {
            failures++;
            throw new Error('handler failed');
          }
        },
      };
      const logger = createCapturingLogger();
      const runner = createProjectionRunner({
        store,
        db,
        projections: [flaky],
        batchSize: 1,
        retryMinMs: 20,
        logger,
      });
      await runner.start();
      const written = await appendLog(store, story);
      const completedAt = written.at(-2)?.position as string; // RunCompleted's append
      assert.equal(await runner.waitFor(written.at(-1)?.position as string, 10_000), true);
      await runner.stop();
      assert.equal(failures, 3);
      const errors = logger.lines.filter((line) => line.level === 'error');
      assert.equal(errors.length, 3);
      assert.deepEqual(
        errors.map((line) => [line.fields.projection, line.fields.attempt, line.fields.to]),
        [
          ['runs', 1, completedAt],
          ['runs', 2, completedAt],
          ['runs', 3, completedAt],
        ],
      );
      const run = await getRun(db, exampleIds.runId);
      assert.equal(run?.status, RunStatus.Completed);
      assert.equal(run?.inputTokens, 2 * 812, 'the failed attempts left no effect');
    });

    it('reports lag from the checkpoint to the head, and caught-up once there', async () => {
      await fresh();
      const written = await appendLog(store, story);
      const head = written.at(-1)?.position as string;
      const runner = createProjectionRunner({ store, db, projections: allProjections, logger: silentLogger });
      // Before the runner ran, every projection is the whole log behind (capped when asked).
      await migrateCheckpoints(db);
      const before = await projectionStatus({ store, db, projections: allProjections });
      assert.deepEqual(
        before.map((s) => [s.projection, s.checkpoint, s.headPosition, s.eventsBehind, s.caughtUp]),
        allProjections.map((p) => [p.name, null, head, story.length, false]),
      );
      const capped = await projectionStatus({ store, db, projections: allProjections, lagCap: 5 });
      assert.ok(capped.every((s) => s.eventsBehind === 5));

      await runner.start();
      assert.equal(await runner.waitFor(head, 10_000), true);
      assert.deepEqual(
        (await runner.status()).map((s) => [
          s.projection,
          s.checkpoint,
          s.headPosition,
          s.eventsBehind,
          s.caughtUp,
        ]),
        allProjections.map((p) => [p.name, head, head, 0, true]),
      );
      await runner.stop();
    });

    it('waitFor resolves once every projection applied the position, false on timeout or stop', async () => {
      await fresh();
      const runner = createProjectionRunner({ store, db, projections: allProjections, logger: silentLogger });
      await runner.start();
      const [written] = await appendLog(store, story.slice(0, 1));
      const position = written?.position as string;
      assert.equal(await runner.waitFor(position, 10_000), true);
      assert.equal(await runner.waitFor(position, 0), true, 'an applied position resolves at once');
      const beyond = `${position}~`; // sorts after every position the log holds
      const started = Date.now();
      assert.equal(await runner.waitFor(beyond, 100), false);
      assert.ok(Date.now() - started >= 90);
      const pending = runner.waitFor(beyond, 60_000);
      await runner.stop();
      assert.equal(await pending, false);
    });
  });
}

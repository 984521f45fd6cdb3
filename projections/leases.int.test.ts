import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { exampleIds } from '../schema/events/examples.ts';
import { eventCatalogue } from '../schema/events/index.ts';
import type { SqlDatabase } from '../server/db/sql-database.ts';
import { createPostgresEventStore } from '../server/eventstore/postgres/postgres-event-store.ts';
import { silentLogger } from '../server/logger.ts';
import { appendLog, exampleStory, recordedLog } from '../server/testkit/event-log.ts';
import { createTestDatabase } from '../server/testkit/postgres.ts';
import { readModelRows, resetReadModels, sqlTargets } from '../server/testkit/read-models.ts';
import { allProjections } from './all-projections.ts';
import { applyBatch, ensureCheckpoint, migrateCheckpoints, readCheckpoint } from './checkpoints.ts';
import { createProjectionLeases, LeaseLostError, listProjectionLeases } from './leases.ts';
import { LIVE_TABLES, type Projection } from './projection.ts';
import { createProjectionRunner } from './runner.ts';
import { getRun } from './runs/queries.ts';
import { runsProjection } from './runs/runs-projection.ts';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const target of sqlTargets) {
  describe(`projection leases on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());
    beforeEach(async () => {
      await resetReadModels(db);
      await migrateCheckpoints(db);
    });

    it('one holder at a time; every claim raises the epoch; an expired or released lease is taken', async () => {
      const a = createProjectionLeases({ db, owner: 'process-a', leaseMs: 400 });
      const b = createProjectionLeases({ db, owner: 'process-b', leaseMs: 400 });
      const first = await a.claim('runs');
      assert.deepEqual(first, { owner: 'process-a', epoch: 1 });
      assert.equal(await b.claim('runs'), null, 'held by a');
      assert.equal(await a.renew('runs', { owner: 'process-a', epoch: 1 }), true);
      await delay(500);
      const taken = await b.claim('runs');
      assert.deepEqual(taken, { owner: 'process-b', epoch: 2 }, 'expired: b takes it with a new epoch');
      assert.equal(await a.renew('runs', { owner: 'process-a', epoch: 1 }), false, 'a learns it lost it');
      await b.release('runs', { owner: 'process-b', epoch: 2 });
      assert.deepEqual(await a.claim('runs'), { owner: 'process-a', epoch: 3 }, 'released: free at once');
      const [row] = await listProjectionLeases(db);
      assert.equal(row?.projection, 'runs');
      assert.equal(row?.owner, 'process-a');
      assert.equal(row?.live, true);
    });

    it('applyBatch refuses a batch fenced by a lost lease and keeps nothing of it', async () => {
      const events = recordedLog(exampleStory());
      await runsProjection.migrate(db, LIVE_TABLES, { logger: silentLogger });
      await ensureCheckpoint(db, 'runs');
      const a = createProjectionLeases({ db, owner: 'process-a', leaseMs: 60_000 });
      const b = createProjectionLeases({ db, owner: 'process-b', leaseMs: 60_000 });
      const stale = await a.claim('runs');
      assert.ok(stale);
      // Released (or expired) and taken over: a's epoch is stale.
      await a.release('runs', stale);
      const current = await b.claim('runs');
      assert.ok(current);
      await assert.rejects(
        applyBatch(db, {
          projection: runsProjection,
          tables: LIVE_TABLES,
          expected: null,
          events,
          fence: stale,
        }),
        (error: unknown) => error instanceof LeaseLostError && error.fence.epoch === stale.epoch,
      );
      assert.equal(await readCheckpoint(db, 'runs'), null);
      assert.equal(await getRun(db, exampleIds.runId), null, 'the refused batch wrote nothing');
      const moved = await applyBatch(db, {
        projection: runsProjection,
        tables: LIVE_TABLES,
        expected: null,
        events,
        fence: current,
      });
      assert.equal(moved, events.at(-1)?.position);
      assert.notEqual(await getRun(db, exampleIds.runId), null);
    });
  });
}

// A second connection is needed to pause one holder mid-transaction while another takes over:
// PGlite has one connection, so this runs on the PostgreSQL server only.
describe('projection lease fencing of a paused holder (PostgreSQL server)', () => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase('spark_fence'));
    await migrateCheckpoints(db);
  });
  afterAll(() => drop());

  it('a holder paused mid-batch past its lease cannot commit after the standby took over', async () => {
    const events = recordedLog(exampleStory());
    await runsProjection.migrate(db, LIVE_TABLES, { logger: silentLogger });
    await ensureCheckpoint(db, 'runs');
    const a = createProjectionLeases({ db, owner: 'process-a', leaseMs: 300 });
    const b = createProjectionLeases({ db, owner: 'process-b', leaseMs: 5000 });
    const fenceA = await a.claim('runs');
    assert.ok(fenceA);
    let reachedApply!: () => void;
    const applying = new Promise<void>((resolve) => {
      reachedApply = resolve;
    });
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => {
      resume = resolve;
    });
    // The holder applies its batch, then stops (a GC pause, SIGSTOP, a partition) before committing.
    const pausedProjection: Projection = {
      ...runsProjection,
      async apply(tx, batch, tables) {
        await runsProjection.apply(tx, batch, tables);
        reachedApply();
        await paused;
      },
    };
    const staleWrite = applyBatch(db, {
      projection: pausedProjection,
      tables: LIVE_TABLES,
      expected: null,
      events,
      fence: fenceA,
    });
    await applying;
    assert.equal(await b.claim('runs'), null, 'not yet expired: the standby waits');
    await delay(450);
    const fenceB = await b.claim('runs');
    assert.deepEqual(fenceB, { owner: 'process-b', epoch: 2 }, 'the standby took over the expired lease');
    resume();
    await assert.rejects(staleWrite, LeaseLostError);
    assert.equal(await readCheckpoint(db, 'runs'), null, 'the checkpoint did not move');
    assert.equal(await getRun(db, exampleIds.runId), null, "the old holder's rows were rolled back");
    // The new holder applies the same batch, once.
    await applyBatch(db, {
      projection: runsProjection,
      tables: LIVE_TABLES,
      expected: null,
      events,
      fence: fenceB,
    });
    assert.equal((await getRun(db, exampleIds.runId))?.steps, 2);
  });

  it('a standby runner takes every projection over when the active one stops, and the read models stay whole', async () => {
    await resetReadModels(db);
    await db.exec('DROP SCHEMA IF EXISTS es CASCADE');
    const store = await createPostgresEventStore({ db, catalogue: eventCatalogue });
    const options = {
      store,
      db,
      projections: allProjections,
      logger: silentLogger,
      leaseMs: 600,
      standbyPollMs: 50,
    };
    const active = createProjectionRunner({ ...options, owner: 'active' });
    await active.start();
    for (let waited = 0; active.held().length < allProjections.length && waited < 10_000; waited += 20)
      await delay(20);
    const standby = createProjectionRunner({ ...options, owner: 'standby' });
    await standby.start();
    const story = exampleStory();
    const first = await appendLog(store, story.slice(0, 6));
    assert.equal(await active.waitFor(first.at(-1)?.position as string, 10_000), true);
    // The standby follows the active runner's progress through the checkpoints.
    assert.equal(await standby.waitFor(first.at(-1)?.position as string, 10_000), true);
    assert.deepEqual(
      active
        .held()
        .map((lease) => lease.projection)
        .sort(),
      allProjections.map((projection) => projection.name).sort(),
    );
    assert.deepEqual(standby.held(), []);

    await active.stop();
    const started = Date.now();
    const rest = await appendLog(store, story.slice(6));
    assert.equal(await standby.waitFor(rest.at(-1)?.position as string, 10_000), true);
    const takeoverMs = Date.now() - started;
    assert.equal(standby.held().length, allProjections.length);
    assert.ok(standby.held().every((lease) => lease.owner === 'standby' && lease.epoch === 2));
    await standby.stop();

    const live = await readModelRows(db, allProjections);
    // A clean projection of the whole log, in one runner, gives the same rows.
    const all = await store.readAll();
    await resetReadModels(db);
    const clean = createProjectionRunner({ ...options, owner: 'clean' });
    await clean.start();
    assert.equal(await clean.waitFor(all.at(-1)?.position as string, 10_000), true);
    await clean.stop();
    assert.deepEqual(await readModelRows(db, allProjections), live);
    assert.ok(takeoverMs < 10_000, `took over in ${takeoverMs} ms`);
    await store.close();
  });
});

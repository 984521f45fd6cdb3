// The delivery log's guarantees on both databases: a planned delivery exists once, a crash
// mid-attempt is retried after its lease, a delivered one is never claimed again.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SqlDatabase } from '../db/sql-database.ts';
import { createTestDatabase, createTestPglite } from '../testkit/postgres.ts';
import {
  claimDue,
  commitPlan,
  listDeliveries,
  markDelivered,
  markFailed,
  migrateDeliveries,
  msUntilNextDue,
  type PlannedDelivery,
  PlannerCheckpointMovedError,
  readPlannerCheckpoint,
} from './delivery-store.ts';

const planned = (id: string, channelId: string, sourceEventId: string): PlannedDelivery => ({
  id,
  channelId,
  sourceEventId,
  event: 'RUN_FAILED',
  runId: null,
  approvalId: null,
  body: `{"id":"${id}"}`,
  target: { kind: 'email', to: ['a@example.com'] },
});

const targets: [string, () => Promise<{ db: SqlDatabase; drop(): Promise<void> }>][] = [
  ['PGlite', createTestPglite],
  ['PostgreSQL', () => createTestDatabase('spark_notify_store')],
];

describe.each(targets)('delivery log (%s)', (_name, createDb) => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createDb());
    await migrateDeliveries(db);
    await migrateDeliveries(db); // idempotent
  });
  afterAll(async () => {
    await drop();
  });

  it('plans a (channel, event) pair once, and moves the checkpoint only from where it was', async () => {
    assert.equal(await readPlannerCheckpoint(db, 'c1'), null);
    assert.equal(await msUntilNextDue(db), null, 'nothing waits yet');
    const plan = { consumer: 'c1', cancelChannels: [], maxAttempts: 3 };
    await commitPlan(db, {
      ...plan,
      expected: null,
      position: 'p1',
      deliveries: [planned('d1', 'ch1', 'e1')],
    });
    // The same event planned again (a replayed batch, another planner) under a new id: ignored.
    await assert.rejects(
      commitPlan(db, { ...plan, expected: null, position: 'p1', deliveries: [planned('d2', 'ch1', 'e1')] }),
      PlannerCheckpointMovedError,
    );
    await commitPlan(db, {
      ...plan,
      expected: 'p1',
      position: 'p2',
      deliveries: [planned('d3', 'ch1', 'e1')],
    });
    assert.equal(await readPlannerCheckpoint(db, 'c1'), 'p2');
    assert.equal(await msUntilNextDue(db), 0, 'a planned delivery is due at once');
    assert.deepEqual(
      (await listDeliveries(db, 'ch1', { limit: 10 })).map((d) => d.id),
      ['d1'],
    );
  });

  it('claims a delivery left SENDING by a stopped process again after its lease, counting both attempts', async () => {
    await readPlannerCheckpoint(db, 'c2');
    await commitPlan(db, {
      consumer: 'c2',
      expected: null,
      position: 'p1',
      deliveries: [planned('x1', 'ch2', 'e1')],
      cancelChannels: [],
      maxAttempts: 3,
    });
    const [claimed] = await claimDue(db, 10, 100);
    assert.equal(claimed?.id, 'x1');
    assert.equal(claimed?.attempts, 1);
    // Held by its lease: nobody else takes it.
    assert.deepEqual(await claimDue(db, 10, 100), []);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const [again] = await claimDue(db, 10, 60_000);
    assert.equal(again?.id, 'x1');
    assert.equal(again?.attempts, 2);
    await markDelivered(db, 'x1', 200);
    const [row] = await listDeliveries(db, 'ch2', { limit: 1 });
    assert.equal(row?.status, 'DELIVERED');
    assert.equal(row?.attempts, 2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(await claimDue(db, 10, 100), []);
  });

  it('gives up after the last attempt, and cancels pending deliveries of a disabled channel', async () => {
    await readPlannerCheckpoint(db, 'c3');
    await commitPlan(db, {
      consumer: 'c3',
      expected: null,
      position: 'p1',
      deliveries: [planned('y1', 'ch3', 'e1'), planned('y2', 'ch4', 'e1')],
      cancelChannels: [],
      maxAttempts: 1,
    });
    const claimed = await claimDue(db, 10, 60_000);
    const y1 = claimed.find((d) => d.id === 'y1');
    assert.ok(y1);
    await markFailed(db, 'y1', { error: 'HTTP 500', responseCode: 500, retryInMs: null });
    const [failed] = await listDeliveries(db, 'ch3', { limit: 1 });
    assert.deepEqual([failed?.status, failed?.lastError, failed?.responseCode], ['FAILED', 'HTTP 500', 500]);
    // y2 went back to PENDING (a retry later), then its channel was disabled.
    await markFailed(db, 'y2', { error: 'HTTP 503', responseCode: 503, retryInMs: 60_000 });
    await commitPlan(db, {
      consumer: 'c3',
      expected: 'p1',
      position: 'p2',
      deliveries: [],
      cancelChannels: ['ch4'],
      maxAttempts: 1,
    });
    const [cancelled] = await listDeliveries(db, 'ch4', { limit: 1 });
    assert.equal(cancelled?.status, 'CANCELLED');
  });
});

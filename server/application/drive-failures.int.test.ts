import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'vitest';
import { eventCatalogue, runStream } from '../../schema/events/index.ts';
import { fakeFinish, fakeToolCall } from '../activities/providers/fake-provider.ts';
import { createPostgresEventStore } from '../eventstore/postgres/postgres-event-store.ts';
import { silentLogger } from '../logger.ts';
import { createTestPglite } from '../testkit/postgres.ts';
import { createTestDeployment } from '../testkit/test-deployment.ts';
import { DRIVE_FAILED_CODE, failUndrivableRun } from './fail-undrivable-run.ts';
import { createRunLeases } from './run-leases.ts';
import { createRunScheduler, type RunScheduler } from './run-scheduler.ts';

const actor = { id: 'user:operator' };
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A deployment whose events go to PostgreSQL (PGlite), which refuses what jsonb cannot hold. */
async function pgDeployment(script: Parameters<typeof createTestDeployment>[0]['script']) {
  const { db, drop } = await createTestPglite();
  const store = await createPostgresEventStore({ db, catalogue: eventCatalogue });
  const deployment = await createTestDeployment({ script, actor, purpose: 'Hostile model', db, store });
  const cleanup = async () => {
    await deployment.close();
    await store.close();
    await drop();
  };
  return { ...deployment, db, cleanup };
}

describe('hostile: model output that the log could not hold', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a NUL in tool arguments, the thought and the tool result is stored (as U+FFFD, noted); the run completes', async () => {
    const t = await pgDeployment([
      fakeToolCall('lookup', { key: "SELECT 'a\u0000b' AS x" }, { text: 'thinking \u0000 hard \uD800' }),
      fakeFinish('done \u0000'),
    ]);
    cleanups.push(t.cleanup);
    const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'g\u0000' } }, actor);
    await t.drive(runId);
    assert.equal((await t.runs.get(runId)).status, 'COMPLETED');
    assert.equal(t.fake.requests.length, 2, 'one model call per step, none repeated');
    const events = await t.store.readStream(runStream(runId));
    const reasoning = events.find((event) => event.type === 'ReasoningCompleted');
    assert.equal(reasoning?.data.thought, 'thinking \uFFFD hard \uFFFD');
    assert.deepEqual(reasoning?.metadata.sanitized, { data: ['thought', 'action.params.key'] });
    const result = events.find((event) => event.type === 'ToolCallSucceeded');
    assert.deepEqual(result?.data.result, { key: "SELECT 'a\uFFFDb' AS x", value: 17 });
    // The tool ran on exactly what the log holds (the repaired text), so its echo needed no repair:
    // a replay of the log sees the same call the tool saw.
    assert.equal(result?.metadata.sanitized, undefined);
    // Nothing unrecordable anywhere, so no unknown outcome and no approval of a LOW tool.
    assert.ok(
      !events.some((event) => event.type === 'ApprovalRequested' || event.type === 'ToolCallOutcomeUnknown'),
    );
  });
});

describe('hostile: a run whose drive keeps failing', () => {
  const schedulers: RunScheduler[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((scheduler) => scheduler.stop()));
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('ends FAILED with the reason after a bounded number of drives, with one model call per drive', async () => {
    // An answer too large for any event: every drive pays for a model call and cannot record it.
    const huge = { text: 'x'.repeat(1_100_000), toolCalls: [] };
    const t = await pgDeployment(Array.from({ length: 20 }, () => huge));
    cleanups.push(t.cleanup);
    const { runId } = await t.runs.start({ agentId: t.agent.agentId, inputs: { goal: 'g' } }, actor);
    const leases = await createRunLeases({ db: t.db, owner: 'w', leaseMs: 5_000 });
    const scheduler = createRunScheduler({
      leases,
      findCandidates: async () => [{ runId, revision: 0 }],
      drive: (id, signal) => t.driver.drive(id, signal),
      giveUp: (id, failure) => failUndrivableRun(t.store, id, failure),
      maxDriveFailures: 3,
      concurrency: 2,
      pollMs: 20,
      renewMs: 1_000,
      logger: silentLogger,
    });
    schedulers.push(scheduler);
    scheduler.start();
    const started = Date.now();
    while ((await t.runs.get(runId)).status !== 'FAILED' && Date.now() - started < 20_000) await delay(50);
    const state = await t.runs.get(runId);
    assert.equal(state.status, 'FAILED');
    const events = await t.store.readStream(runStream(runId));
    const failed = events.find((event) => event.type === 'RunFailed');
    const error = failed?.data.error as { message: string; code: string };
    assert.equal(error.code, DRIVE_FAILED_CODE);
    assert.match(error.message, /3 attempts in a row/);
    assert.match(error.message, /too large|bytes/i);
    await delay(300);
    assert.equal(t.fake.requests.length, 3, 'the model was asked once per failed drive, then never again');
  });
});

import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import {
  entry,
  exampleStory,
  recordedLog,
  TEST_LOG_START,
  troubledRunStory,
} from '../../server/testkit/event-log.ts';
import { projectEvents, resetReadModels, sqlTargets, tableRows } from '../../server/testkit/read-models.ts';
import { getRun, listRuns, runOutcomes, runTotals } from './queries.ts';
import { RunStatus } from './run-status.ts';
import { runsProjection } from './runs-projection.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);
const otherRunId = '01930000-0000-7000-8000-000000000011';

for (const target of sqlTargets) {
  describe(`runs writer on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('given the example story → the run row', async () => {
      await resetReadModels(db);
      await projectEvents(db, runsProjection, recordedLog(exampleStory()));
      assert.deepEqual(await getRun(db, exampleIds.runId), {
        id: exampleIds.runId,
        agentId: exampleIds.agentId,
        agentVersion: 1,
        goal: 'Resolve ticket 4711.',
        status: RunStatus.Completed,
        steps: 2,
        inputTokens: 1624,
        outputTokens: 128,
        costUsd: 0.0024,
        output: { answer: 'Refund confirmed to the customer by email.' },
        error: null,
        forkedFrom: null,
        startedAt: at(1),
        finishedAt: at(11),
        updatedAt: at(11),
        lastRevision: 9,
        lastPosition: 't:000012',
      });
      assert.equal(await getRun(db, otherRunId), null);
    });

    it('gives the same rows however the log is cut into batches', async () => {
      const events = recordedLog([
        ...exampleStory(),
        entry(runStream(otherRunId), 'RunStarted', { ...exampleEvents.RunStarted, runId: otherRunId }),
        entry(runStream(otherRunId), 'ReasoningFailed', exampleEvents.ReasoningFailed),
        entry(runStream(otherRunId), 'RunFailed', exampleEvents.RunFailed),
        entry(runStream(otherRunId), 'RunCancelled', exampleEvents.RunCancelled),
      ]);
      await resetReadModels(db);
      await projectEvents(db, runsProjection, events);
      const whole = await tableRows(db, 'runs');
      for (let cut = 1; cut < events.length; cut++) {
        await resetReadModels(db);
        await projectEvents(db, runsProjection, events, [cut, Math.min(events.length, cut + 3)]);
        assert.deepEqual(await tableRows(db, 'runs'), whole, `cut at ${cut}`);
      }
      const failed = await getRun(db, otherRunId);
      assert.equal(failed?.status, RunStatus.Failed);
      assert.deepEqual(failed?.error, { message: 'Budget exceeded: 10 steps.', code: 'budget_exceeded' });
    });

    it('lists runs newest first with filters and cursors', async () => {
      const runIds = Array.from({ length: 5 }, (_, i) => `01930000-0000-7000-8000-0000000001${i}0`);
      const otherAgent = '01930000-0000-7000-8000-000000000009';
      const events = recordedLog(
        runIds.flatMap((runId, i) => {
          const started = entry(runStream(runId), 'RunStarted', {
            ...exampleEvents.RunStarted,
            runId,
            agentId: i % 2 === 0 ? exampleIds.agentId : otherAgent,
          });
          return i < 2
            ? [started, entry(runStream(runId), 'RunCompleted', exampleEvents.RunCompleted)]
            : [started];
        }),
      );
      await resetReadModels(db);
      await projectEvents(db, runsProjection, events);

      const first = await listRuns(db, {}, { first: 2 });
      assert.deepEqual(
        first.items.map((run) => run.id),
        [runIds[4], runIds[3]],
      );
      assert.equal(first.hasNextPage, true);
      const rest = await listRuns(db, {}, { first: 10, after: first.endCursor });
      assert.deepEqual(
        rest.items.map((run) => run.id),
        [runIds[2], runIds[1], runIds[0]],
      );
      assert.equal(rest.hasNextPage, false);

      const completed = await listRuns(db, { status: RunStatus.Completed });
      assert.deepEqual(
        completed.items.map((run) => run.id),
        [runIds[1], runIds[0]],
      );
      const ofAgent = await listRuns(db, {
        agentId: otherAgent,
        status: [RunStatus.Queued, RunStatus.Completed],
      });
      assert.deepEqual(
        ofAgent.items.map((run) => run.id),
        [runIds[3], runIds[1]],
      );
      // Runs start at 0 s, 2 s, 4 s, 5 s, 6 s (the first two also complete one second later).
      const window = await listRuns(db, { startedFrom: at(2), startedBefore: at(5) });
      assert.deepEqual(
        window.items.map((run) => run.id),
        [runIds[2], runIds[1]],
      );
      await assert.rejects(listRuns(db, {}, { after: 'nonsense' }), { code: 'INVALID_PAGE_REQUEST' });
      await assert.rejects(listRuns(db, {}, { first: 0 }), { code: 'INVALID_PAGE_REQUEST' });
    });

    it('aggregates totals by status and outcomes in a window, in SQL', async () => {
      await resetReadModels(db);
      // The example run completes at 11 s; the troubled run starts at 13 s and fails at 20 s.
      await projectEvents(db, runsProjection, recordedLog([...exampleStory(), ...troubledRunStory()]));
      const totals = await runTotals(db);
      assert.equal(totals.runs, 2);
      assert.equal(totals.byStatus[RunStatus.Completed], 1);
      assert.equal(totals.byStatus[RunStatus.Failed], 1);
      assert.equal(totals.byStatus[RunStatus.Running], 0);
      assert.equal(totals.inputTokens, 3 * 812);
      assert.equal(totals.costUsd, 0.0035);
      const later = await runTotals(db, { startedFrom: at(5) });
      assert.deepEqual([later.runs, later.inputTokens], [1, 812]);
      assert.equal((await runTotals(db, { agentId: 'nobody' })).runs, 0);
      assert.deepEqual(await runOutcomes(db, { from: null, to: null }), { finished: 2, failed: 1 });
      assert.deepEqual(await runOutcomes(db, { from: null, to: at(15) }), { finished: 1, failed: 0 });
      assert.deepEqual(await runOutcomes(db, { from: at(15), to: null, agentId: exampleIds.agentId }), {
        finished: 1,
        failed: 1,
      });
    });
  });
}

import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import { entry, exampleStory, recordedLog, troubledRunStory } from '../../server/testkit/event-log.ts';
import { projectEvents, resetReadModels, sqlTargets, tableRows } from '../../server/testkit/read-models.ts';
import { mapRunStepEvents } from './mapping.ts';
import { getRunStep, listRunSteps } from './queries.ts';
import { runStepsProjection } from './run-steps-projection.ts';

const forkId = '01930000-0000-7000-8000-000000000012';
const story = () => [
  ...exampleStory(),
  ...troubledRunStory(),
  entry(runStream(forkId), 'RunStarted', {
    ...exampleEvents.RunStarted,
    runId: forkId,
    forkedFrom: { runId: exampleIds.runId, atRevision: 1 },
  }),
  entry(runStream(forkId), 'SafetyEvaluated', { ...exampleEvents.SafetyEvaluated, decision: 'allow' }),
  entry(runStream(forkId), 'ToolCallStarted', exampleEvents.ToolCallStarted),
  entry(runStream(forkId), 'ToolCallSucceeded', exampleEvents.ToolCallSucceeded),
];

for (const target of sqlTargets) {
  describe(`run_steps writer on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('writes the rows the pure fold gives, read back unchanged', async () => {
      const events = recordedLog(story());
      await resetReadModels(db);
      await projectEvents(db, runStepsProjection, events);
      const folded = mapRunStepEvents([], events);
      for (const row of folded) assert.deepEqual(await getRunStep(db, row.runId, row.step), row);
      assert.equal(await getRunStep(db, exampleIds.runId, 3), null);
      const fork = await getRunStep(db, forkId, 1);
      assert.deepEqual(
        [fork?.status, fork?.decision, fork?.firstRevision, fork?.lastRevision],
        ['SUCCEEDED', 'allow', -1, 3],
      );
    });

    it('gives the same table however the log is cut into batches', async () => {
      const events = recordedLog(story());
      await resetReadModels(db);
      await projectEvents(db, runStepsProjection, events);
      const whole = await tableRows(db, 'run_steps');
      for (let cut = 1; cut < events.length; cut++) {
        await resetReadModels(db);
        await projectEvents(db, runStepsProjection, events, [cut, Math.min(events.length, cut + 3)]);
        assert.deepEqual(await tableRows(db, 'run_steps'), whole, `cut at ${cut}`);
      }
    });

    it('pages a run’s steps in step order with a total', async () => {
      const runId = '01930000-0000-7000-8000-000000000013';
      const run = runStream(runId);
      const steps = Array.from({ length: 25 }, (_, i) =>
        entry(run, 'ModelOutputRejected', { ...exampleEvents.ModelOutputRejected, step: i + 1 }),
      );
      await resetReadModels(db);
      await projectEvents(
        db,
        runStepsProjection,
        recordedLog([entry(run, 'RunStarted', { ...exampleEvents.RunStarted, runId }), ...steps]),
      );
      const first = await listRunSteps(db, runId, { first: 10 });
      assert.deepEqual(
        first.items.map((row) => row.step),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
      assert.deepEqual([first.hasNextPage, await first.totalCount()], [true, 25]);
      const rest = await listRunSteps(db, runId, { first: 1000, after: first.endCursor });
      assert.equal(rest.items.length, 15);
      assert.equal(rest.hasNextPage, false);
      await assert.rejects(listRunSteps(db, runId, { first: 1001 }), { code: 'INVALID_PAGE_REQUEST' });
      await assert.rejects(listRunSteps(db, runId, { after: 'nonsense' }), { code: 'INVALID_PAGE_REQUEST' });
    });
  });
}

import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { datasetStream, evaluationStream, runStream } from '../../schema/events/index.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import { entry, exampleStory, recordedLog } from '../../server/testkit/event-log.ts';
import {
  projectEvents,
  readModelRows,
  resetReadModels,
  sqlTargets,
} from '../../server/testkit/read-models.ts';
import { datasetsProjection } from '../datasets/datasets-projection.ts';
import { getDataset, listDatasetItems, listDatasets } from '../datasets/queries.ts';
import { runsProjection } from '../runs/runs-projection.ts';
import { evaluationsProjection } from './evaluations-projection.ts';
import { getEvaluation, listEvaluationItems, listEvaluations } from './queries.ts';

const SECOND_ITEM = '01930000-0000-7000-8000-000000000063';
const SECOND_RUN = '01930000-0000-7000-8000-000000000064';

/** The example run as item 1 of an evaluation (scored, 2 of 2 passed), item 2 never started. */
function log() {
  const evaluation = evaluationStream(exampleIds.evaluationId);
  const items = [
    ...exampleEvents.EvaluationStarted.items,
    { itemId: SECOND_ITEM, runId: SECOND_RUN, goal: 'Close ticket 7' },
  ];
  return recordedLog([
    entry(datasetStream(exampleIds.datasetId), 'DatasetCreated', exampleEvents.DatasetCreated),
    entry(datasetStream(exampleIds.datasetId), 'DatasetItemsAdded', exampleEvents.DatasetItemsAdded),
    entry(datasetStream(exampleIds.datasetId), 'DatasetItemsAdded', {
      ...exampleEvents.DatasetItemsAdded,
      items: [{ itemId: SECOND_ITEM, goal: 'Close ticket 7' }],
    }),
    entry(evaluation, 'EvaluationStarted', { ...exampleEvents.EvaluationStarted, items }),
    ...exampleStory(),
    entry(runStream(exampleIds.runId), 'RunScored', exampleEvents.RunScored),
    entry(evaluation, 'EvaluationItemScored', exampleEvents.EvaluationItemScored),
  ]);
}

const PROJECTIONS = [datasetsProjection, evaluationsProjection, runsProjection];

async function project(db: SqlDatabase, cuts: number[] = []) {
  const events = log();
  await resetReadModels(db);
  for (const projection of PROJECTIONS) await projectEvents(db, projection, events, cuts);
}

for (const target of sqlTargets) {
  describe(`datasets and evaluations read models on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('give the same rows however the log is cut into batches', async () => {
      await project(db);
      const whole = await readModelRows(db, [datasetsProjection, evaluationsProjection]);
      for (const cut of [1, 3, 4, 6]) {
        await project(db, [cut]);
        assert.deepEqual(
          await readModelRows(db, [datasetsProjection, evaluationsProjection]),
          whole,
          `cut at ${cut}`,
        );
      }
    });

    it('list datasets with their items in the order added', async () => {
      await project(db);
      const [dataset] = await listDatasets(db);
      assert.deepEqual(
        [dataset?.name, dataset?.itemCount, dataset?.createdBy],
        ['Refund tickets', 2, 'user-analyst'],
      );
      assert.deepEqual(await getDataset(db, exampleIds.datasetId), dataset);
      assert.deepEqual(
        (await listDatasetItems(db, exampleIds.datasetId)).map((item) => [
          item.goal,
          item.expectedOutput,
          item.sourceRunId,
        ]),
        [
          ['Refund order 1042', 'Your refund is on its way.', exampleIds.runId],
          ['Close ticket 7', null, null],
        ],
      );
    });

    it('give per-item scores with the run’s cost and latency, and totals over the scored items', async () => {
      await project(db);
      const items = await listEvaluationItems(db, exampleIds.evaluationId);
      assert.deepEqual(
        items.map((item) => [
          item.index,
          item.goal,
          item.score,
          item.passed,
          item.runStatus,
          item.scores.length,
        ]),
        [
          [0, 'Refund order 1042', 1, true, 'COMPLETED', 2],
          [1, 'Close ticket 7', null, null, null, 0],
        ],
      );
      const [scored] = items;
      assert.ok((scored?.costUsd ?? 0) > 0);
      assert.ok((scored?.latencyMs ?? 0) > 0);
      const evaluation = await getEvaluation(db, exampleIds.evaluationId);
      assert.deepEqual(
        [
          evaluation?.status,
          evaluation?.itemCount,
          evaluation?.scoredCount,
          evaluation?.passedCount,
          evaluation?.score,
        ],
        ['RUNNING', 2, 1, 1, 1],
      );
      assert.equal(evaluation?.costUsd, scored?.costUsd);
      assert.equal(evaluation?.meanLatencyMs, scored?.latencyMs);
      assert.deepEqual(
        (await listEvaluations(db, { datasetId: exampleIds.datasetId })).map((e) => e.evaluationId),
        [exampleIds.evaluationId],
      );
      assert.deepEqual(await listEvaluations(db, { datasetId: exampleIds.runId }), []);
    });

    it('an EvaluationCompleted sets the status and the recorded total', async () => {
      const events = [
        ...log(),
        ...recordedLog([
          entry(evaluationStream(exampleIds.evaluationId), 'EvaluationCompleted', {
            evaluationId: exampleIds.evaluationId,
            score: 0.5,
          }),
        ]),
      ].map((event, index) => ({ ...event, position: `t:${String(index + 1).padStart(6, '0')}` }));
      await resetReadModels(db);
      for (const projection of PROJECTIONS) await projectEvents(db, projection, events);
      const evaluation = await getEvaluation(db, exampleIds.evaluationId);
      assert.equal(evaluation?.status, 'COMPLETED');
      assert.ok(evaluation?.completedAt instanceof Date);
    });
  });
}

import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import { entry, exampleStory, recordedLog } from '../../server/testkit/event-log.ts';
import {
  projectEvents,
  readModelRows,
  resetReadModels,
  sqlTargets,
} from '../../server/testkit/read-models.ts';
import { listRuns } from '../runs/queries.ts';
import { runsProjection } from '../runs/runs-projection.ts';
import { annotationsProjection } from './annotations-projection.ts';
import { listRunAnnotations } from './queries.ts';

const OTHER_RUN = '01930000-0000-7000-8000-0000000000aa';

/** The example run with two annotations, and another run without any. */
function log() {
  const run = runStream(exampleIds.runId);
  return recordedLog([
    ...exampleStory(),
    entry(runStream(OTHER_RUN), 'RunStarted', { ...exampleEvents.RunStarted, runId: OTHER_RUN }),
    entry(run, 'StepAnnotated', { ...exampleEvents.StepAnnotated, step: 2, label: 'good', score: 1 }),
    entry(run, 'StepAnnotated', { ...exampleEvents.StepAnnotated, annotationId: exampleIds.callId }),
  ]);
}

for (const target of sqlTargets) {
  describe(`step_annotations writer and queries on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('gives the same rows however the log is cut into batches, and lists a run by step', async () => {
      const events = log();
      await resetReadModels(db);
      await projectEvents(db, annotationsProjection, events);
      const whole = await readModelRows(db, [annotationsProjection]);
      await resetReadModels(db);
      await projectEvents(db, annotationsProjection, events, [events.length - 1]);
      assert.deepEqual(await readModelRows(db, [annotationsProjection]), whole);

      const listed = await listRunAnnotations(db, exampleIds.runId);
      assert.deepEqual(
        listed.map((a) => [a.step, a.label, a.score, a.by]),
        [
          [1, 'wrong-tool', -0.5, 'user-analyst'],
          [2, 'good', 1, 'user-analyst'],
        ],
      );
      assert.deepEqual(await listRunAnnotations(db, OTHER_RUN), []);
    });

    it('runs(filter): annotated, not annotated, and by label, with an EXISTS on the annotations', async () => {
      const events = log();
      await resetReadModels(db);
      await projectEvents(db, runsProjection, events);
      await projectEvents(db, annotationsProjection, events);
      const ids = async (filter: Parameters<typeof listRuns>[1]) =>
        (await listRuns(db, filter)).items.map((run) => run.id);
      assert.deepEqual(await ids({ annotated: true }), [exampleIds.runId]);
      assert.deepEqual(await ids({ annotated: false }), [OTHER_RUN]);
      assert.deepEqual(await ids({ annotationLabel: 'good' }), [exampleIds.runId]);
      assert.deepEqual(await ids({ annotationLabel: 'bad' }), []);
      assert.deepEqual(await ids({ annotated: false, annotationLabel: 'good' }), []);
      assert.equal((await ids({})).length, 2);
    });
  });
}

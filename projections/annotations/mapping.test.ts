import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import { entry, exampleStory, recordedLog, TEST_LOG_START } from '../../server/testkit/event-log.ts';
import { mapAnnotationEvents } from './mapping.ts';

describe('mapAnnotationEvents', () => {
  it('one row per StepAnnotated, with its run, time and position; every other event is skipped', () => {
    const run = runStream(exampleIds.runId);
    const { comment: _, ...noComment } = exampleEvents.StepAnnotated;
    const log = recordedLog([
      ...exampleStory(),
      entry(run, 'StepAnnotated', exampleEvents.StepAnnotated),
      entry(run, 'StepAnnotated', { ...noComment, annotationId: exampleIds.callId, step: 2, score: 1 }),
    ]);
    const rows = mapAnnotationEvents(log);
    const [first, second] = log.slice(-2);
    assert.deepEqual(rows, [
      {
        annotationId: exampleIds.annotationId,
        runId: exampleIds.runId,
        step: 1,
        label: 'wrong-tool',
        score: -0.5,
        comment: 'Should have looked the order up first.',
        by: 'user-analyst',
        createdAt: first?.recordedAt,
        position: first?.position,
      },
      {
        annotationId: exampleIds.callId,
        runId: exampleIds.runId,
        step: 2,
        label: 'wrong-tool',
        score: 1,
        comment: null,
        by: 'user-analyst',
        createdAt: second?.recordedAt,
        position: second?.position,
      },
    ]);
    assert.ok((first?.recordedAt.getTime() ?? 0) > TEST_LOG_START.getTime());
  });
});

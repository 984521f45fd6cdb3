import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../../../schema/events/examples.ts';
import { runStream } from '../../../../schema/events/index.ts';
import { entry, type LogEntry, recordedLog } from '../../../../server/testkit/event-log.ts';
import { compareTraces } from './trace-diff.ts';
import { foldTrace } from './trace-fold.ts';
import { withInheritedEvents } from './trace-fork.ts';
import type { TraceEvent } from './trace-types.ts';

const FORK_ID = '22222222-2222-4222-8222-222222222222';
const source = runStream(exampleIds.runId);
const fork = runStream(FORK_ID);

function events(entries: readonly LogEntry[]): TraceEvent[] {
  return recordedLog(entries).map((event) => ({
    position: event.position,
    revision: event.revision,
    type: event.type,
    data: event.data,
    recordedAt: event.recordedAt.toISOString(),
  }));
}

// The source: step 1 proposes send_email (revision 1), then it is evaluated, approved and run.
const sourceEvents = events([
  entry(source, 'RunStarted', exampleEvents.RunStarted),
  entry(source, 'ReasoningCompleted', exampleEvents.ReasoningCompleted),
  entry(source, 'SafetyEvaluated', exampleEvents.SafetyEvaluated),
  entry(source, 'ApprovalRequested', exampleEvents.ApprovalRequested),
  entry(source, 'ApprovalGranted', exampleEvents.ApprovalGranted),
  entry(source, 'ToolCallStarted', exampleEvents.ToolCallStarted),
  entry(source, 'ToolCallSucceeded', exampleEvents.ToolCallSucceeded),
]);

// The fork at revision 1: its own stream goes on with step 1's safety check, approval and call.
const forkEvents = events([
  entry(fork, 'RunStarted', {
    ...exampleEvents.RunStarted,
    runId: FORK_ID,
    forkedFrom: { runId: exampleIds.runId, atRevision: 1 },
  }),
  entry(fork, 'SafetyEvaluated', exampleEvents.SafetyEvaluated),
  entry(fork, 'ApprovalRequested', exampleEvents.ApprovalRequested),
  entry(fork, 'ApprovalGranted', exampleEvents.ApprovalGranted),
  entry(fork, 'ToolCallStarted', exampleEvents.ToolCallStarted),
  entry(fork, 'ToolCallSucceeded', exampleEvents.ToolCallSucceeded),
]);

describe('withInheritedEvents', () => {
  it("gives a fork's first step the source's thought, action and tokens", () => {
    const alone = foldTrace(forkEvents).steps[0];
    assert.equal(alone?.thought, null, 'the fork stream alone has no thought for step 1');
    const step = foldTrace(withInheritedEvents(forkEvents, sourceEvents, 1)).steps[0];
    assert.equal(step?.thought, exampleEvents.ReasoningCompleted.thought);
    assert.deepEqual(step?.params, exampleEvents.ReasoningCompleted.action?.params);
    assert.equal(step?.tokens.input, exampleEvents.ReasoningCompleted.usage.inputTokens);
    assert.equal(
      foldTrace(withInheritedEvents(forkEvents, sourceEvents, 1)).run.forkedFrom?.runId,
      exampleIds.runId,
    );
  });

  it('makes Compare find no difference in a step the fork repeated the same way', () => {
    const falseDifference = compareTraces(foldTrace(forkEvents), foldTrace(sourceEvents));
    assert.equal(falseDifference[0]?.kind, 'changed');
    const rows = compareTraces(
      foldTrace(withInheritedEvents(forkEvents, sourceEvents, 1)),
      foldTrace(sourceEvents),
    );
    assert.deepEqual(
      rows.map((row) => [row.step, row.kind]),
      [[1, 'same']],
    );
  });

  it('leaves a run that is not a fork as it is', () => {
    assert.equal(withInheritedEvents([], sourceEvents, 1).length, 0);
  });
});

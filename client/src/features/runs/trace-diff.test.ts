import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../../../schema/events/examples.ts';
import { type ReasoningCompletedData, runStream } from '../../../../schema/events/index.ts';
import { entry, type LogEntry, recordedLog } from '../../../../server/testkit/event-log.ts';
import { compareTraces } from './trace-diff.ts';
import { foldTrace } from './trace-fold.ts';

const run = runStream(exampleIds.runId);

function trace(entries: LogEntry[]) {
  return foldTrace(
    recordedLog(entries).map((event) => ({
      position: event.position,
      revision: event.revision,
      type: event.type,
      data: event.data,
      recordedAt: event.recordedAt.toISOString(),
    })),
  );
}

const started = entry(run, 'RunStarted', exampleEvents.RunStarted);
const reasoning = entry(run, 'ReasoningCompleted', exampleEvents.ReasoningCompleted);
const toolStarted = entry(run, 'ToolCallStarted', exampleEvents.ToolCallStarted);
const succeeded = entry(run, 'ToolCallSucceeded', exampleEvents.ToolCallSucceeded);

describe('compareTraces', () => {
  it('finds the same step the same', () => {
    const a = trace([started, reasoning, toolStarted, succeeded]);
    assert.deepEqual(
      compareTraces(a, a).map((row) => [row.step, row.kind]),
      [[1, 'same']],
    );
  });

  it('names changed params, a different outcome, and steps only one run has', () => {
    const { action, finish: _finish, ...base } = exampleEvents.ReasoningCompleted;
    const edited: ReasoningCompletedData = {
      ...base,
      action: { tool: 'send_email', params: { ...action?.params, subject: 'Refund' } },
    };
    const other = entry(run, 'ReasoningCompleted', edited);
    const step2 = entry(run, 'ReasoningCompleted', { ...exampleEvents.ReasoningCompleted, step: 2 });
    const failed = entry(run, 'ToolCallFailed', exampleEvents.ToolCallFailed);
    const rows = compareTraces(
      trace([started, reasoning, toolStarted, succeeded]),
      trace([started, other, toolStarted, failed, step2]),
    );
    assert.deepEqual(
      rows.map((row) => [row.step, row.kind, row.changes]),
      [
        [1, 'changed', ['params: subject', 'status', 'outcome']],
        [2, 'only-right', []],
      ],
    );
  });
});

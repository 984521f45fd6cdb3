import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { agentStream, runStream } from '../../schema/events/index.ts';
import { entry, exampleStory, recordedLog, TEST_LOG_START } from '../../server/testkit/event-log.ts';
import { mapRunEvents, type RunRowChange } from './mapping.ts';
import { RunStatus } from './run-status.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);
const run = runStream(exampleIds.runId);
const started = entry(run, 'RunStarted', exampleEvents.RunStarted);

function only(changes: RunRowChange[]): RunRowChange {
  assert.equal(changes.length, 1);
  return changes[0] as RunRowChange;
}

describe('runs mapping', () => {
  it('given the example story → one completed run with its totals', () => {
    const change = only(mapRunEvents(recordedLog(exampleStory())));
    assert.deepEqual(change, {
      id: exampleIds.runId,
      agentId: exampleIds.agentId,
      agentVersion: 1,
      goal: 'Resolve ticket 4711.',
      forkedFrom: null,
      forkedAtRevision: null,
      startedAt: at(1),
      status: RunStatus.Completed,
      statusRevision: 9,
      steps: 2,
      inputTokens: 2 * 812,
      outputTokens: 2 * 64,
      costNanoUsd: 2 * 1_200_000,
      output: JSON.stringify({ answer: 'Refund confirmed to the customer by email.' }),
      error: null,
      errorCode: null,
      finishedAt: at(11),
      updatedAt: at(11),
      lastRevision: 9,
      lastPosition: 't:000012',
    });
  });

  it('ignores every stream but runs', () => {
    const agent = agentStream(exampleIds.agentId);
    assert.deepEqual(
      mapRunEvents(recordedLog([entry(agent, 'AgentCreated', exampleEvents.AgentCreated)])),
      [],
    );
  });

  it('derives the status from the last status-changing event', () => {
    const cases: [string, ReturnType<typeof entry>[], RunStatus][] = [
      ['started', [started], RunStatus.Queued],
      [
        'reasoning',
        [started, entry(run, 'ReasoningCompleted', exampleEvents.ReasoningCompleted)],
        RunStatus.Running,
      ],
      [
        'approval asked',
        [started, entry(run, 'ApprovalRequested', exampleEvents.ApprovalRequested)],
        RunStatus.WaitingForApproval,
      ],
      [
        'approval rejected',
        [
          started,
          entry(run, 'ApprovalRequested', exampleEvents.ApprovalRequested),
          entry(run, 'ApprovalRejected', exampleEvents.ApprovalRejected),
        ],
        RunStatus.Running,
      ],
      [
        'approval expired and escalated',
        [started, entry(run, 'ApprovalExpired', { approvalId: exampleIds.approvalId, action: 'escalate' })],
        RunStatus.WaitingForApproval,
      ],
      [
        'outcome unknown',
        [started, entry(run, 'ToolCallOutcomeUnknown', exampleEvents.ToolCallOutcomeUnknown)],
        RunStatus.WaitingForApproval,
      ],
      [
        'memory while waiting keeps waiting',
        [
          started,
          entry(run, 'ApprovalRequested', exampleEvents.ApprovalRequested),
          entry(run, 'MemoryStored', exampleEvents.MemoryStored),
        ],
        RunStatus.WaitingForApproval,
      ],
      ['cancelled', [started, entry(run, 'RunCancelled', exampleEvents.RunCancelled)], RunStatus.Cancelled],
    ];
    for (const [name, entries, status] of cases) {
      assert.equal(only(mapRunEvents(recordedLog(entries))).status, status, name);
    }
  });

  it('records a failure with its error and time, and never leaves a terminal status', () => {
    const change = only(
      mapRunEvents(
        recordedLog([
          started,
          entry(run, 'RunFailed', exampleEvents.RunFailed),
          entry(run, 'ReasoningCompleted', exampleEvents.ReasoningCompleted),
          entry(run, 'RunCompleted', exampleEvents.RunCompleted),
        ]),
      ),
    );
    assert.equal(change.status, RunStatus.Failed);
    assert.equal(change.statusRevision, 1);
    assert.equal(change.error, 'Budget exceeded: 10 steps.');
    assert.equal(change.errorCode, 'budget_exceeded');
    assert.equal(change.output, null);
    assert.deepEqual(change.finishedAt, at(1));
    assert.equal(change.lastRevision, 3);
  });

  it('counts rejected model output in tokens and cost but not in steps', () => {
    const change = only(
      mapRunEvents(
        recordedLog([started, entry(run, 'ModelOutputRejected', exampleEvents.ModelOutputRejected)]),
      ),
    );
    assert.equal(change.steps, 0);
    assert.equal(change.inputTokens, 812);
    assert.equal(change.costNanoUsd, 1_100_000);
  });

  it('a batch without RunStarted leaves the set-once fields null and the status unchanged', () => {
    const change = only(
      mapRunEvents(recordedLog([entry(run, 'ToolCallSucceeded', exampleEvents.ToolCallSucceeded)])),
    );
    assert.equal(change.agentId, null);
    assert.equal(change.goal, null);
    assert.equal(change.statusRevision, -1);
  });

  it('keeps where a fork came from', () => {
    const forked = entry(runStream('01930000-0000-7000-8000-000000000011'), 'RunStarted', {
      ...exampleEvents.RunStarted,
      runId: '01930000-0000-7000-8000-000000000011',
      forkedFrom: { runId: exampleIds.runId, atRevision: 4 },
    });
    const change = only(mapRunEvents(recordedLog([forked])));
    assert.equal(change.forkedFrom, exampleIds.runId);
    assert.equal(change.forkedAtRevision, 4);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { mergeSteps, type RunStepNode, summaryOfRunStep } from './step-rows.ts';
import { StepStatus } from './trace-types.ts';

const at = (step: number, lastRevision: number, status = 'SUCCEEDED') => ({ step, lastRevision, status });

describe('mergeSteps', () => {
  it('appends the next page', () => {
    const merged = mergeSteps([at(1, 3), at(2, 7)], [at(3, 9), at(4, 12)]);
    assert.deepEqual(
      merged.map((node) => node.step),
      [1, 2, 3, 4],
    );
  });

  it('keeps the later version of a step, whichever arrives first', () => {
    const live = mergeSteps([at(1, 3), at(2, 5, 'RUNNING_TOOL')], [at(2, 7, 'SUCCEEDED')]);
    assert.equal(live[1]?.status, 'SUCCEEDED');
    // A page read before that update arrives after it: it must not undo it.
    const stale = mergeSteps(live, [at(1, 3), at(2, 5, 'RUNNING_TOOL')]);
    assert.equal(stale, live, 'nothing changed, the same array');
    assert.equal(stale[1]?.status, 'SUCCEEDED');
  });

  it('puts a live step that arrived before its page in order', () => {
    const merged = mergeSteps([at(1, 3), at(60, 300)], [at(2, 6), at(3, 9)]);
    assert.deepEqual(
      merged.map((node) => node.step),
      [1, 2, 3, 60],
    );
  });
});

describe('summaryOfRunStep', () => {
  const node: RunStepNode = {
    step: 4,
    status: 'WAITING_FOR_APPROVAL',
    kind: 'ACTION',
    thought: '',
    tool: 'send_email',
    inputTokens: 10,
    outputTokens: 2,
    costUsd: 0,
    startedAt: '2026-12-01T10:00:00.000Z',
    lastRevision: 17,
  };

  it('maps the server status, and says what a step without thought waits for', () => {
    const row = summaryOfRunStep(node, false);
    assert.equal(row.status, StepStatus.AwaitingApproval);
    assert.equal(row.text, 'Waiting for the model…');
    assert.equal(row.durationMs, null);
  });

  it('shows a step under way when its run ended as interrupted, and a finished one as it ended', () => {
    assert.equal(summaryOfRunStep(node, true).status, StepStatus.Interrupted);
    assert.equal(summaryOfRunStep({ ...node, status: 'REJECTED' }, true).status, StepStatus.Rejected);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { foldRun, initialRunState, RunStatus, toRunEvent } from './run-state.ts';
import { recorded, story, TEST_START } from './testing.ts';

const fold = (...events: Parameters<typeof recorded>[0]) => foldRun(recorded(events));
const email = exampleEvents.ApprovalRequested.params;

describe('foldRun', () => {
  test('nothing folded is the initial state', () => {
    assert.deepEqual(fold(), initialRunState);
  });

  test('RunStarted queues the run with its agent, inputs and start time', () => {
    const state = fold(story.runStarted());
    assert.equal(state.status, RunStatus.Queued);
    assert.equal(state.runId, exampleIds.runId);
    assert.deepEqual(state.agent, exampleEvents.RunStarted.agent);
    assert.deepEqual(state.inputs, { goal: 'Resolve ticket 4711.', ticketId: '4711' });
    assert.deepEqual(state.totals.startedAt, TEST_START);
    assert.equal(state.step, 0);
    assert.equal(state.revision, 0);
  });

  test('an answered step counts tokens, cost and the step, and proposes the action', () => {
    const state = fold(story.runStarted(), story.action(1, 'send_email', email));
    assert.equal(state.status, RunStatus.Running);
    assert.equal(state.step, 1);
    assert.deepEqual(
      { ...state.totals, startedAt: null },
      { steps: 1, inputTokens: 812, outputTokens: 64, costUsd: 0.0012, startedAt: null },
    );
    assert.deepEqual(state.proposal, {
      step: 1,
      tool: 'send_email',
      params: email,
      verdict: null,
      approvedBy: null,
      retriedFailures: 0,
      outcomeUnknown: false,
    });
  });

  test('the example story: approval with edited params, email sent, remembered', () => {
    const state = fold(
      story.runStarted(),
      story.action(1, 'send_email', email),
      story.safety(1, 'require_approval', 'send_email'),
      story.approvalAsked(1, 'send_email', email),
    );
    assert.equal(state.status, RunStatus.WaitingForApproval);
    assert.equal(state.approval?.approvalId, exampleIds.approvalId);
    assert.deepEqual(state.approval?.expiresAt, new Date('2025-01-01T12:00:00.000Z'));
    const edited = exampleEvents.ApprovalGranted.editedParams;
    const after = foldRun(recorded([story.granted(edited)], TEST_START), state);
    assert.equal(after.status, RunStatus.Running);
    assert.equal(after.approval, null);
    assert.deepEqual(after.proposal?.params, edited);
    assert.equal(after.proposal?.verdict, null);
    assert.equal(after.proposal?.approvedBy, 'user-operator');
    assert.deepEqual(after.steps[0]?.edited, {
      by: 'user-operator',
      comment: 'Softened the wording.',
      params: edited,
    });
  });

  test('tool calls open on start and close on their outcome', () => {
    const running = fold(
      story.runStarted(),
      story.action(1),
      story.safety(1, 'allow'),
      story.toolStarted(1, false),
    );
    assert.deepEqual(
      running.openToolCalls.map((call) => [call.callId, call.idempotent, call.starts]),
      [[exampleIds.callId, false, 1]],
    );
    const done = foldRun(recorded([story.toolSucceeded({ rows: 1 })]), running);
    assert.deepEqual(done.openToolCalls, []);
    assert.equal(done.proposal, null);
    assert.deepEqual(done.steps[0]?.outcome, { kind: 'succeeded', result: { rows: 1 } });
  });

  test('a retryable failure of an idempotent tool is kept for one retry, then the step ends', () => {
    const once = fold(
      story.runStarted(),
      story.action(1),
      story.safety(1, 'allow'),
      story.toolStarted(1, true),
      story.toolFailed(true),
    );
    assert.equal(once.proposal?.retriedFailures, 1);
    assert.equal(once.steps[0]?.outcome, null);
    const twice = foldRun(recorded([story.toolStarted(1, true), story.toolFailed(true)]), once);
    assert.equal(twice.proposal, null);
    assert.equal(twice.steps[0]?.outcome?.kind, 'failed');
  });

  test('malformed answers and reasoning failures are counted in a row and reset by an answer', () => {
    const state = fold(story.runStarted(), story.malformed(1), story.malformed(2), story.llmFailed(3, 1));
    assert.equal(state.malformed.inARow, 2);
    assert.deepEqual(state.malformed.details, ['Bad answer 1.', 'Bad answer 2.']);
    assert.equal(state.reasoningFailure?.inARow, 1);
    assert.equal(state.totals.steps, 2);
    const after = foldRun(recorded([story.llmFailed(3, 2), story.action(3)]), state);
    assert.equal(after.malformed.inARow, 0);
    assert.equal(after.reasoningFailure, null);
    assert.equal(after.totals.steps, 3);
  });

  test('a finished run keeps its status whatever follows', () => {
    const state = fold(
      story.runStarted(),
      { type: 'RunCancelled', data: exampleEvents.RunCancelled },
      story.action(1),
    );
    assert.equal(state.status, RunStatus.Cancelled);
    assert.deepEqual(state.ending, { kind: 'cancelled', by: 'user-operator', reason: 'Duplicate ticket.' });
    assert.equal(state.steps.length, 0);
    assert.equal(state.revision, 2);
  });

  test('events for another approval or an unknown call change nothing but the revision', () => {
    const state = fold(
      story.runStarted(),
      story.action(1),
      story.safety(1, 'require_approval'),
      story.approvalAsked(1),
    );
    const other = { type: 'ApprovalGranted' as const, data: { approvalId: exampleIds.runId, by: 'x' } };
    const stray = { type: 'ToolCallSucceeded' as const, data: { ...exampleEvents.ToolCallSucceeded } };
    const after = foldRun(
      recorded([other, stray], TEST_START).map((e, i) => ({ ...e, revision: 4 + i })),
      state,
    );
    assert.deepEqual({ ...after, revision: 0 }, { ...state, revision: 0 });
    assert.equal(after.revision, 5);
  });
});

describe('toRunEvent', () => {
  test('passes run events and skips others', () => {
    const base = { revision: 3, recordedAt: TEST_START };
    assert.equal(toRunEvent({ ...base, type: 'AgentCreated', data: {} }), null);
    const event = toRunEvent({ ...base, type: 'RunCancelled', data: { ...exampleEvents.RunCancelled } });
    assert.equal(event?.type, 'RunCancelled');
    assert.equal(event?.revision, 3);
  });
});

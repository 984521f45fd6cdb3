import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { ev, given, story, TEST_START } from './testing.ts';

const { runStarted, action, finish, malformed, llmFailed, safety, approvalAsked, granted, rejected } = story;
const { toolStarted, toolSucceeded, toolFailed, outcomeUnknown, remembered, expired, escalated } = story;
const sql = { sql: 'SELECT count(*) FROM tickets' };
const at = (ms: number) => new Date(TEST_START.getTime() + ms);
const deadline = new Date(exampleEvents.ApprovalRequested.expiresAt);
/** A first step that ran a read and was remembered. */
const stepOneDone = [action(1), safety(1, 'allow'), toolStarted(1), toolSucceeded(), remembered(1)];

describe('decide: the step cycle', () => {
  test('nothing before the run starts', () => {
    given().when().then({ kind: 'none' });
  });

  test('a started run calls the model for step 1', () => {
    given(runStarted()).when().then({ kind: 'call_llm', step: 1, attempt: 1 });
  });

  test('a proposed action goes to safety first', () => {
    given(runStarted(), action(1))
      .when()
      .then({ kind: 'evaluate_safety', step: 1, tool: 'run_sql', params: sql });
  });

  test('allowed → call the tool', () => {
    given(runStarted(), action(1), safety(1, 'allow'))
      .when()
      .then({ kind: 'call_tool', step: 1, tool: 'run_sql', params: sql });
  });

  test('require_approval → request approval with the verdict', () => {
    given(runStarted(), action(1), safety(1, 'require_approval'))
      .when()
      .then({
        kind: 'request_approval',
        step: 1,
        tool: 'run_sql',
        params: sql,
        risk: 'HIGH',
        reasons: ['Email to an external address.'],
      });
  });

  test('require_approval carries the deciding rule’s approval settings into the request', () => {
    const verdict = safety(1, 'require_approval');
    const approval = {
      timeoutMs: 600_000,
      onExpiry: 'escalate' as const,
      escalateTo: { role: 'admin' as const },
    };
    given(runStarted(), action(1), { ...verdict, data: { ...verdict.data, approval } } as typeof verdict)
      .when()
      .then({
        kind: 'request_approval',
        step: 1,
        tool: 'run_sql',
        params: sql,
        risk: 'HIGH',
        reasons: ['Email to an external address.'],
        approval,
      });
  });

  test('a tool result is remembered, then the next step starts', () => {
    const done = [action(1), safety(1, 'allow'), toolStarted(1), toolSucceeded()];
    const { command } = given(runStarted(), ...done).when();
    assert.equal(command.kind, 'store_memory');
    assert.ok(command.kind === 'store_memory' && command.memoryKind === 'observation' && command.step === 1);
    assert.match(command.kind === 'store_memory' ? command.text : '', /run_sql .*"count":3/);
    given(runStarted(), ...stepOneDone)
      .when()
      .then({ kind: 'call_llm', step: 2, attempt: 1 });
  });

  test('blocked → the step is over; the model hears about it next step', () => {
    given(runStarted(), action(1), safety(1, 'block')).when().thenIncludes({ kind: 'store_memory', step: 1 });
    given(runStarted(), action(1), safety(1, 'block'), remembered(1))
      .when()
      .then({ kind: 'call_llm', step: 2, attempt: 1 });
  });

  test('finish → remember the output, then complete with the totals', () => {
    given(runStarted(), ...stepOneDone, finish(2, { answer: 42 }))
      .when()
      .thenIncludes({ kind: 'store_memory', step: 2, memoryKind: 'output' });
    given(runStarted(), ...stepOneDone, finish(2, { answer: 42 }), remembered(2))
      .when(at(61_000))
      .then({
        kind: 'complete',
        output: { answer: 42 },
        totals: { steps: 2, inputTokens: 1624, outputTokens: 128, costUsd: 0.0024, wallTimeMs: 61_000 },
      });
  });

  test('an ended run needs nothing', () => {
    given(runStarted(), ev('RunFailed')).when().then({ kind: 'none' });
    given(runStarted(), ev('RunCancelled')).when().then({ kind: 'none' });
    given(runStarted(), finish(1), remembered(1), ev('RunCompleted')).when().then({ kind: 'none' });
  });
});

describe('decide: approvals', () => {
  const asked = [runStarted(), action(1), safety(1, 'require_approval'), approvalAsked(1)];

  test('waits until the deadline, then expires with the configured action', () => {
    given(...asked)
      .when()
      .then({ kind: 'wait', approvalId: exampleIds.approvalId, until: deadline });
    given(...asked)
      .when(deadline)
      .then({ kind: 'expire_approval', approvalId: exampleIds.approvalId, action: 'reject' });
  });

  test('granted → call the tool with the proposed params', () => {
    given(...asked, granted())
      .when()
      .then({ kind: 'call_tool', step: 1, tool: 'run_sql', params: sql });
  });

  test('granted with edited params → safety again; require_approval then counts as approved', () => {
    const edited = { sql: 'SELECT 1' };
    given(...asked, granted(edited))
      .when()
      .then({ kind: 'evaluate_safety', step: 1, tool: 'run_sql', params: edited });
    given(...asked, granted(edited), safety(1, 'require_approval'))
      .when()
      .then({ kind: 'call_tool', step: 1, tool: 'run_sql', params: edited });
    given(...asked, granted(edited), safety(1, 'allow'))
      .when()
      .then({ kind: 'call_tool', step: 1, tool: 'run_sql', params: edited });
  });

  test('granted with edited params that safety blocks → the step ends blocked', () => {
    const state = given(...asked, granted({ sql: 'DROP TABLE tickets' }), safety(1, 'block'));
    state.when().thenIncludes({ kind: 'store_memory', step: 1 });
    assert.equal(state.state.steps[0]?.outcome?.kind, 'blocked');
  });

  test('rejected → the step ends; the rejection is remembered as feedback', () => {
    given(...asked, rejected())
      .when()
      .thenIncludes({ kind: 'store_memory', step: 1, memoryKind: 'feedback' });
    given(...asked, rejected(), remembered(1))
      .when()
      .then({ kind: 'call_llm', step: 2, attempt: 1 });
  });

  test('expired with approve runs the tool; with reject ends the step', () => {
    given(...asked, expired('approve'))
      .when()
      .then({ kind: 'call_tool', step: 1, tool: 'run_sql', params: sql });
    given(...asked, expired('reject'))
      .when()
      .thenIncludes({ kind: 'store_memory', step: 1 });
  });

  test('escalated by expiry → waits for a human with no deadline', () => {
    given(...asked, expired('escalate'), escalated())
      .when(at(10 * 86_400_000))
      .then({ kind: 'wait', approvalId: exampleIds.approvalId });
  });
});

describe('decide: tool failures and crashes', () => {
  const allowed = [runStarted(), action(1), safety(1, 'allow')];

  test('a failed call is an observation for the model, not a run failure', () => {
    given(...allowed, toolStarted(1, false), toolFailed(true))
      .when()
      .thenIncludes({ kind: 'store_memory', step: 1 });
    given(...allowed, toolStarted(1, true), toolFailed(false))
      .when()
      .thenIncludes({ kind: 'store_memory', step: 1 });
  });

  test('retryable and idempotent → one retry, then the model sees the failure', () => {
    given(...allowed, toolStarted(1, true), toolFailed(true))
      .when()
      .then({ kind: 'call_tool', step: 1, tool: 'run_sql', params: sql });
    given(...allowed, toolStarted(1, true), toolFailed(true), toolStarted(1, true), toolFailed(true))
      .when()
      .thenIncludes({ kind: 'store_memory', step: 1 });
  });

  test('an idempotent call started without outcome is retried with the same callId', () => {
    given(...allowed, toolStarted(1, true))
      .when()
      .then({
        kind: 'retry_tool',
        callId: exampleIds.callId,
        step: 1,
        tool: 'run_sql',
        params: sql,
        attempt: 2,
      });
  });

  test('an idempotent call that keeps crashing goes to a human after 3 starts', () => {
    given(...allowed, toolStarted(1, true), toolStarted(1, true), toolStarted(1, true))
      .when()
      .thenIncludes({ kind: 'resolve_unknown_outcome', callId: exampleIds.callId, risk: 'MEDIUM' });
  });

  test('a non-idempotent call without outcome → resolve_unknown_outcome, then a human decides', () => {
    const { command } = given(...allowed, toolStarted(1, false)).when();
    assert.equal(command.kind, 'resolve_unknown_outcome');
    assert.match(
      command.kind === 'resolve_unknown_outcome' ? (command.reasons[0] ?? '') : '',
      /not idempotent/,
    );
    const unknown = [...allowed, toolStarted(1, false), outcomeUnknown(1)];
    given(...unknown)
      .when()
      .thenIncludes({ kind: 'request_approval', step: 1, tool: 'run_sql', risk: 'MEDIUM' });
    given(...unknown, approvalAsked(1), granted())
      .when()
      .then({ kind: 'call_tool', step: 1, tool: 'run_sql', params: sql });
    const declined = given(...unknown, approvalAsked(1), rejected());
    declined.when().thenIncludes({ kind: 'store_memory', step: 1 });
    assert.deepEqual(declined.state.steps[0]?.outcome, {
      kind: 'rejected',
      by: 'user-operator',
      comment: 'Not before finance agrees.',
      afterUnknownOutcome: true,
    });
  });
});

describe('decide: reasoning failures and malformed answers', () => {
  test('a retryable failure retries the same step with the next attempt, up to 5', () => {
    given(runStarted(), llmFailed(1, 1)).when().then({ kind: 'call_llm', step: 1, attempt: 2 });
    given(runStarted(), llmFailed(1, 4)).when().then({ kind: 'call_llm', step: 1, attempt: 5 });
    given(runStarted(), llmFailed(1, 5))
      .when()
      .then({
        kind: 'fail',
        error: {
          message: 'The model call of step 1 failed 5 times: The provider answered 503 Service Unavailable.',
          code: 'reasoning_failed',
        },
        step: 1,
      });
  });

  test('a non-retryable failure fails the run', () => {
    given(runStarted(), ...stepOneDone, llmFailed(2, 1, false))
      .when()
      .thenIncludes({ kind: 'fail', step: 2 });
  });

  test('a malformed answer ends the step; the next step tells the model', () => {
    given(runStarted(), malformed(1)).when().then({ kind: 'call_llm', step: 2, attempt: 1 });
  });

  test('3 malformed answers in a row fail the run, quoting them', () => {
    given(runStarted(), malformed(1), malformed(2), malformed(3))
      .when()
      .then({
        kind: 'fail',
        error: {
          message:
            'The model produced 3 malformed answers in a row: Bad answer 1. | Bad answer 2. | Bad answer 3.',
          code: 'malformed_output',
        },
        step: 3,
      });
    const stepThreeDone = [action(3), safety(3, 'allow'), toolStarted(3), toolSucceeded(), remembered(3)];
    given(runStarted(), malformed(1), malformed(2), ...stepThreeDone, malformed(4))
      .when()
      .then({ kind: 'call_llm', step: 5, attempt: 1 });
  });
});

describe('decide: budgets are checked before each new step', () => {
  test('steps', () => {
    given(runStarted({ maxSteps: 1 }), ...stepOneDone)
      .when()
      .then({
        kind: 'fail',
        error: { message: 'Budget maxSteps exceeded: 1 steps taken of 1 allowed.', code: 'budget_exceeded' },
        step: 1,
      });
  });

  test('tokens, cost and wall time', () => {
    given(runStarted({ maxTokens: 876 }), ...stepOneDone)
      .when()
      .thenIncludes({
        kind: 'fail',
        error: {
          message: 'Budget maxTokens exceeded: 876 tokens used of 876 allowed.',
          code: 'budget_exceeded',
        },
      });
    const { command } = given(runStarted({ maxCostUsd: 0.001 }), ...stepOneDone).when();
    assert.match(command.kind === 'fail' ? command.error.message : '', /^Budget maxCostUsd exceeded/);
    given(runStarted({ maxWallTimeMs: 60_000 }))
      .when(at(60_000))
      .thenIncludes({
        kind: 'fail',
        error: {
          message: 'Budget maxWallTimeMs exceeded: 60000 ms elapsed of 60000 ms allowed.',
          code: 'budget_exceeded',
        },
      });
    given(runStarted({ maxWallTimeMs: 60_000 }))
      .when(at(59_999))
      .then({ kind: 'call_llm', step: 1, attempt: 1 });
  });

  test('a retried model call counts against the budget like a new one', () => {
    given(runStarted({ maxWallTimeMs: 60_000 }), llmFailed(1, 1))
      .when(at(60_000))
      .thenIncludes({
        kind: 'fail',
        error: {
          message: 'Budget maxWallTimeMs exceeded: 60000 ms elapsed of 60000 ms allowed.',
          code: 'budget_exceeded',
        },
      });
    given(runStarted({ maxTokens: 876 }), ...stepOneDone, llmFailed(2, 1))
      .when()
      .thenIncludes({
        kind: 'fail',
        error: {
          message: 'Budget maxTokens exceeded: 876 tokens used of 876 allowed.',
          code: 'budget_exceeded',
        },
      });
    given(runStarted({ maxWallTimeMs: 60_000 }), llmFailed(1, 1))
      .when(at(59_999))
      .then({ kind: 'call_llm', step: 1, attempt: 2 });
  });

  test('a step under way finishes even when the budget ran out meanwhile', () => {
    given(runStarted({ maxSteps: 1, maxWallTimeMs: 1000 }), action(1), safety(1, 'allow'))
      .when(at(10_000))
      .then({ kind: 'call_tool', step: 1, tool: 'run_sql', params: sql });
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { exampleIds } from '../../schema/events/examples.ts';
import type { RunEventData } from '../../schema/events/index.ts';
import { decide } from './decide.ts';
import { type Decision, type HandleContext, handle, type RunControl } from './handle.ts';
import { foldRun, type SafetyVerdict } from './run-state.ts';
import { ev, recorded, story, TEST_START } from './testing.ts';

const { runStarted, action, safety, approvalAsked } = story;
const approvalId = exampleIds.approvalId;
const mail = { to: 'a@example.com', subject: 'Hi', body: 'x' };
const deadline = new Date('2025-01-01T12:00:00.000Z');
const verdict = (decision: SafetyVerdict['decision']): SafetyVerdict => ({
  risk: decision === 'block' ? 'CRITICAL' : decision === 'allow' ? 'MEDIUM' : 'HIGH',
  decision,
  reasons: [`${decision} by the test policy.`],
  policyId: null,
  policyVersion: null,
});

/** A run waiting for approval of send_email in step 1. */
const waiting = [
  runStarted(),
  action(1, 'send_email', mail),
  safety(1, 'require_approval', 'send_email'),
  approvalAsked(1, 'send_email', mail),
];

/** given(events).when(command, ctx).then(events) | .thenRefused(code, field?). */
function given(...events: RunEventData[]) {
  const state = foldRun(recorded(events));
  return {
    when(command: RunControl, ctx: Partial<HandleContext> = {}) {
      const full: HandleContext = {
        now: new Date(TEST_START.getTime() + events.length * 1000),
        validateParams: (_tool, params) =>
          typeof params.to === 'string' && params.to.includes('@') ? null : 'to: must be an email address',
        evaluateSafety: () => verdict('require_approval'),
        ...ctx,
      };
      const decision: Decision = handle(state, command, full);
      return {
        decision,
        // biome-ignore lint/suspicious/noThenProperty: given/when/then of decider specifications; never awaited.
        then(...expected: RunEventData[]) {
          assert.deepEqual(decision, { events: expected });
          return foldRun(recorded([...events, ...expected]));
        },
        thenRefused(code: string, match: RegExp, field?: string) {
          assert.ok('refusal' in decision, `expected a refusal, got ${JSON.stringify(decision)}`);
          assert.equal(decision.refusal.code, code);
          assert.match(decision.refusal.message, match);
          if (field !== undefined) assert.equal('field' in decision.refusal && decision.refusal.field, field);
        },
      };
    },
  };
}

const event = (type: string, data: Record<string, unknown>) => ({ type, data }) as RunEventData;

describe('handle: approve', () => {
  test('a pending approval is granted; the engine then calls the tool', () => {
    const after = given(...waiting)
      .when({ kind: 'approve', approvalId, by: 'user:op', comment: 'ok' })
      .then(event('ApprovalGranted', { approvalId, by: 'user:op', comment: 'ok' }));
    assert.equal(decide(after, { now: TEST_START }).kind, 'call_tool');
  });

  test('edited params are validated and evaluated by safety in the same decision', () => {
    const edited = { ...mail, to: 'b@example.com' };
    const after = given(...waiting)
      .when({ kind: 'approve', approvalId, by: 'user:op', editedParams: edited })
      .then(
        event('ApprovalGranted', { approvalId, by: 'user:op', editedParams: edited }),
        event('SafetyEvaluated', { step: 1, tool: 'send_email', ...verdict('require_approval') }),
      );
    assert.deepEqual(decide(after, { now: TEST_START }), {
      kind: 'call_tool',
      step: 1,
      tool: 'send_email',
      params: edited,
    });
  });

  test('edited params failing the tool schema are bad input on editedParams', () => {
    given(...waiting)
      .when({ kind: 'approve', approvalId, by: 'user:op', editedParams: { to: 'nobody' } })
      .thenRefused('BAD_USER_INPUT', /send_email: to: must be an email address/, 'editedParams');
  });

  test('an edit that safety would block is refused, and the approval stays pending', () => {
    given(...waiting)
      .when(
        { kind: 'approve', approvalId, by: 'user:op', editedParams: { ...mail, to: 'all@example.com' } },
        { evaluateSafety: () => verdict('block') },
      )
      .thenRefused(
        'BAD_USER_INPUT',
        /would be blocked \(CRITICAL\): block by the test policy/,
        'editedParams',
      );
  });

  test('a decided approval cannot be decided again', () => {
    const granted = event('ApprovalGranted', { approvalId, by: 'user:a' });
    given(...waiting, granted)
      .when({ kind: 'reject', approvalId, by: 'user:b' })
      .thenRefused('CONFLICT', /already decided/);
  });

  test('another approval id, an ended run and a missing run are refused', () => {
    const other = '01930000-0000-7000-8000-0000000000ff';
    given(...waiting)
      .when({ kind: 'approve', approvalId: other, by: 'u' })
      .thenRefused('CONFLICT', /already decided/);
    given(...waiting, ev('RunFailed'))
      .when({ kind: 'approve', approvalId, by: 'u' })
      .thenRefused('CONFLICT', /has ended \(FAILED\)/);
    given()
      .when({ kind: 'approve', approvalId, by: 'u' })
      .thenRefused('NOT_FOUND', /does not exist/);
  });
});

describe('handle: reject and cancel', () => {
  test('a rejection ends the step', () => {
    const after = given(...waiting)
      .when({ kind: 'reject', approvalId, by: 'user:op', comment: 'no' })
      .then(event('ApprovalRejected', { approvalId, by: 'user:op', comment: 'no' }));
    assert.equal(after.approval, null);
    assert.equal(after.steps.at(-1)?.outcome?.kind, 'rejected');
  });

  test('cancelling a running run records who and why', () => {
    given(runStarted(), action(1))
      .when({ kind: 'cancel', by: 'user:op', reason: 'enough' })
      .then(event('RunCancelled', { by: 'user:op', reason: 'enough' }));
  });

  test('cancelling a run that waits for approval rejects the approval in the same append', () => {
    const after = given(...waiting)
      .when({ kind: 'cancel', by: 'user:op' })
      .then(
        event('ApprovalRejected', { approvalId, by: 'user:op', comment: 'Run cancelled.' }),
        event('RunCancelled', { by: 'user:op' }),
      );
    assert.equal(after.status, 'CANCELLED');
  });

  test('an ended run cannot be cancelled; a missing one is not found', () => {
    given(runStarted(), ev('RunCancelled'))
      .when({ kind: 'cancel', by: 'u' })
      .thenRefused('CONFLICT', /already ended \(CANCELLED\)/);
    given()
      .when({ kind: 'cancel', by: 'u' })
      .thenRefused('NOT_FOUND', /does not exist/);
  });
});

describe('handle: expire', () => {
  const at = (date: Date) => ({ now: date });

  test('before the deadline the approval has not expired', () => {
    given(...waiting)
      .when({ kind: 'expire_approval', approvalId }, at(new Date(deadline.getTime() - 1)))
      .thenRefused('CONFLICT', /has not expired: it waits until 2025-01-01T12:00:00.000Z/);
  });

  test('at the deadline the onExpiry action applies', () => {
    const after = given(...waiting)
      .when({ kind: 'expire_approval', approvalId }, at(deadline))
      .then(event('ApprovalExpired', { approvalId, action: 'reject' }));
    assert.equal(after.steps.at(-1)?.outcome?.kind, 'expired');
  });

  test('an escalating expiry records the escalation; the escalated approval no longer expires', () => {
    const escalating = [...waiting.slice(0, 3), approvalAsked(1, 'send_email', mail, 'escalate')];
    const expired = event('ApprovalExpired', { approvalId, action: 'escalate' });
    given(...escalating)
      .when({ kind: 'expire_approval', approvalId }, at(deadline))
      .then(expired, event('ApprovalEscalated', { approvalId }));
    given(...escalating, expired)
      .when({ kind: 'expire_approval', approvalId }, at(new Date(deadline.getTime() + 1e9)))
      .thenRefused('CONFLICT', /escalated and has no deadline/);
  });

  test('an escalation names the target its request carried', () => {
    const asked = approvalAsked(1, 'send_email', mail, 'escalate');
    const withTarget = {
      ...asked,
      data: { ...asked.data, escalateTo: { users: ['lead@example.com', 'cto@example.com'] } },
    } as typeof asked;
    given(...waiting.slice(0, 3), withTarget)
      .when({ kind: 'expire_approval', approvalId }, at(deadline))
      .then(
        event('ApprovalExpired', { approvalId, action: 'escalate' }),
        event('ApprovalEscalated', { approvalId, to: 'users:lead@example.com,cto@example.com' }),
      );
  });

  test('the engine asks for the same expiry that handle accepts', () => {
    const state = foldRun(recorded(waiting));
    const command = decide(state, { now: deadline });
    assert.deepEqual(command, { kind: 'expire_approval', approvalId, action: 'reject' });
  });
});

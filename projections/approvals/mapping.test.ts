import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { agentStream, runStream } from '../../schema/events/index.ts';
import { handle } from '../../server/engine/handle.ts';
import { foldRun } from '../../server/engine/run-state.ts';
import {
  entry,
  exampleStory,
  type LogEntry,
  recordedLog,
  TEST_LOG_START,
} from '../../server/testkit/event-log.ts';
import { HitlStatus } from './hitl-status.ts';
import { type ApprovalRowChange, mapApprovalEvents } from './mapping.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);
const run = runStream(exampleIds.runId);
const requested = entry(run, 'ApprovalRequested', exampleEvents.ApprovalRequested);

function only(changes: ApprovalRowChange[]): ApprovalRowChange {
  assert.equal(changes.length, 1);
  return changes[0] as ApprovalRowChange;
}

describe('approvals mapping', () => {
  it('given the example story → one approved approval with its request and decision', () => {
    const changes = mapApprovalEvents(recordedLog(exampleStory()));
    assert.deepEqual(changes.runs, [{ runId: exampleIds.runId, agentId: exampleIds.agentId }]);
    assert.deepEqual(changes.endedRuns, [{ runId: exampleIds.runId, endedAt: at(11) }]);
    const { approvalId: _, expiresAt, ...request } = exampleEvents.ApprovalRequested;
    assert.deepEqual(only(changes.approvals), {
      approvalId: exampleIds.approvalId,
      runId: exampleIds.runId,
      agentId: exampleIds.agentId,
      request: {
        ...request,
        reasons: [...request.reasons],
        expiresAt: new Date(expiresAt),
        requestedAt: at(4),
      },
      decision: {
        status: HitlStatus.Approved,
        decidedBy: 'user-operator',
        comment: 'Softened the wording.',
        editedParams: exampleEvents.ApprovalGranted.editedParams,
        expiryAction: null,
        decidedAt: at(6),
      },
      escalated: false,
      escalatedTo: null,
      lastPosition: 't:000007',
    });
  });

  it('maps each way an approval closes', () => {
    const cases: [string, ReturnType<typeof entry>, HitlStatus | null][] = [
      ['rejected', entry(run, 'ApprovalRejected', exampleEvents.ApprovalRejected), HitlStatus.Rejected],
      ['expired', entry(run, 'ApprovalExpired', exampleEvents.ApprovalExpired), HitlStatus.Expired],
      [
        'expired and escalated stays pending',
        entry(run, 'ApprovalExpired', { approvalId: exampleIds.approvalId, action: 'escalate' }),
        null,
      ],
      ['escalated stays pending', entry(run, 'ApprovalEscalated', exampleEvents.ApprovalEscalated), null],
    ];
    for (const [name, closing, status] of cases) {
      const change = only(mapApprovalEvents(recordedLog([requested, closing])).approvals);
      assert.equal(change.decision?.status ?? null, status, name);
    }
    const escalated = only(
      mapApprovalEvents(
        recordedLog([requested, entry(run, 'ApprovalEscalated', exampleEvents.ApprovalEscalated)]),
      ).approvals,
    );
    assert.deepEqual([escalated.escalated, escalated.escalatedTo], [true, 'role:admin']);
    const expired = only(
      mapApprovalEvents(
        recordedLog([requested, entry(run, 'ApprovalExpired', exampleEvents.ApprovalExpired)]),
      ).approvals,
    );
    assert.equal(expired.decision?.expiryAction, 'reject');
  });

  it('the first decision wins', () => {
    const change = only(
      mapApprovalEvents(
        recordedLog([
          requested,
          entry(run, 'ApprovalRejected', exampleEvents.ApprovalRejected),
          entry(run, 'ApprovalGranted', exampleEvents.ApprovalGranted),
        ]),
      ).approvals,
    );
    assert.equal(change.decision?.status, HitlStatus.Rejected);
  });

  it('a batch without RunStarted leaves the agent to the writer', () => {
    const change = only(mapApprovalEvents(recordedLog([requested])).approvals);
    assert.equal(change.agentId, null);
    assert.equal(change.decision, null);
  });

  it('ignores every stream but runs, and run events that are not about approvals', () => {
    const agent = agentStream(exampleIds.agentId);
    const changes = mapApprovalEvents(
      recordedLog([
        entry(agent, 'AgentCreated', exampleEvents.AgentCreated),
        entry(run, 'ToolCallSucceeded', exampleEvents.ToolCallSucceeded),
      ]),
    );
    assert.deepEqual(changes, { runs: [], approvals: [], endedRuns: [] });
  });

  it("a cancel of a run waiting for approval ends the approval: the cancel's events reject it", () => {
    const started = entry(run, 'RunStarted', exampleEvents.RunStarted);
    const log = recordedLog([started, requested]);
    const state = foldRun(log.map((event) => ({ ...event, data: event.data }) as never));
    const decision = handle(
      state,
      { kind: 'cancel', by: 'user-operator', reason: 'Wrong ticket' },
      {
        now: at(10),
        validateParams: () => null,
        evaluateSafety: () => {
          throw new Error('a cancel evaluates no safety');
        },
      },
    );
    assert.ok('events' in decision);
    const cancelled = recordedLog([
      started,
      requested,
      ...decision.events.map((e) => ({ stream: run, ...e }) as LogEntry),
    ]);
    const changes = mapApprovalEvents(cancelled);
    const approval = only(changes.approvals);
    assert.equal(approval.decision?.status, HitlStatus.Rejected);
    assert.equal(approval.decision?.decidedBy, 'user-operator');
    assert.equal(approval.decision?.comment, 'Run cancelled: Wrong ticket');
    assert.deepEqual(changes.endedRuns, [{ runId: exampleIds.runId, endedAt: at(3) }]);
  });
});

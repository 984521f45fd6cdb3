import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';
import { entry, governanceStory, recordedLog, TEST_LOG_START } from '../../server/testkit/event-log.ts';
import { type AuditApproval, type AuditEntryRow, mapAuditEvents } from './mapping.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);
/** The writer's rules in memory: entries written once, links looked up from earlier batches. */
function applyBatches(batches: readonly RecordedEvent[][]): AuditEntryRow[] {
  const agents = new Map<string, string>();
  const approvals = new Map<string, AuditApproval>();
  const entries = new Map<string, AuditEntryRow>();
  for (const batch of batches) {
    const changes = mapAuditEvents(batch);
    for (const run of changes.runs) if (!agents.has(run.runId)) agents.set(run.runId, run.agentId);
    for (const approval of changes.approvals)
      if (!approvals.has(approval.approvalId)) approvals.set(approval.approvalId, approval);
    for (const row of changes.entries) {
      const link = row.approvalId ? approvals.get(row.approvalId) : undefined;
      entries.set(row.eventId, {
        ...row,
        agentId: row.agentId ?? (row.runId ? (agents.get(row.runId) ?? null) : null),
        step: row.step ?? link?.step ?? null,
        tool: row.tool ?? link?.tool ?? null,
        risk: row.risk ?? link?.risk ?? null,
      });
    }
  }
  return [...entries.values()].sort((a, b) => a.position.localeCompare(b.position));
}

describe('audit mapping', () => {
  it('records verdicts, approvals and policy versions, one entry per event', () => {
    const events = recordedLog(governanceStory());
    const { entries } = mapAuditEvents(events);
    assert.deepEqual(
      entries.map((row) => [row.kind, row.decision, row.actor]),
      [
        ['PolicyCreated', null, null],
        ['SafetyEvaluated', 'require_approval', null],
        ['ApprovalRequested', null, null],
        ['ApprovalGranted', 'approved', 'user-operator'],
        ['SafetyEvaluated', 'block', null],
        ['ApprovalRequested', null, null],
        ['ApprovalRejected', 'rejected', 'user-operator'],
        ['ApprovalRequested', null, null],
        ['ApprovalEscalated', 'escalated', null],
        ['ApprovalExpired', 'expired:reject', null],
        ['PolicyUpdated', null, 'user-admin'],
      ],
    );
    const granted = entries[3] as AuditEntryRow;
    assert.deepEqual(
      { ...granted, data: null },
      {
        eventId: events[7]?.id,
        position: 't:000008',
        kind: 'ApprovalGranted',
        recordedAt: at(7),
        actor: 'user-operator',
        runId: exampleIds.runId,
        agentId: exampleIds.agentId,
        approvalId: exampleIds.approvalId,
        step: 1,
        tool: 'send_email',
        risk: 'HIGH',
        decision: 'approved',
        reasons: [],
        policyId: null,
        policyVersion: null,
        comment: 'Softened the wording.',
        data: null,
      },
    );
    assert.deepEqual(granted.data, exampleEvents.ApprovalGranted);
    const verdict = entries[1] as AuditEntryRow;
    assert.deepEqual(
      [verdict.policyId, verdict.policyVersion, verdict.reasons, verdict.tool, verdict.step],
      [exampleIds.policyId, 1, ['Email to an external address.'], 'send_email', 1],
    );
    const update = entries.at(-1) as AuditEntryRow;
    assert.deepEqual([update.policyId, update.policyVersion, update.runId], [exampleIds.policyId, 2, null]);
  });

  it('takes the actor from the metadata when the event does not name one', () => {
    const [event] = recordedLog([
      entry(runStream(exampleIds.runId), 'SafetyEvaluated', exampleEvents.SafetyEvaluated),
    ]);
    const { entries } = mapAuditEvents([
      { ...(event as RecordedEvent), metadata: { actor: 'system:worker' } },
    ]);
    assert.equal(entries[0]?.actor, 'system:worker');
    assert.equal(entries[0]?.agentId, null, 'no RunStarted in the batch: the writer looks it up');
  });

  it("records a fork as RunForked by its caller; a run's own start is not audited", () => {
    const forkedFrom = { runId: exampleIds.runId, atRevision: 3 };
    const forkId = '01930000-0000-7000-8000-0000000000f1';
    const [plain, fork] = recordedLog([
      entry(runStream(exampleIds.runId), 'RunStarted', exampleEvents.RunStarted),
      entry(runStream(forkId), 'RunStarted', { ...exampleEvents.RunStarted, runId: forkId, forkedFrom }),
    ]);
    const { entries } = mapAuditEvents([
      plain as RecordedEvent,
      { ...(fork as RecordedEvent), metadata: { actor: 'user-analyst' } },
    ]);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.kind, 'RunForked');
    assert.equal(entries[0]?.actor, 'user-analyst');
    assert.equal(entries[0]?.runId, forkId);
    assert.deepEqual(entries[0]?.data.forkedFrom, forkedFrom);
  });

  it('gives the same entries however the log is cut into batches', () => {
    const events = recordedLog(governanceStory());
    const whole = applyBatches([events]);
    assert.equal(whole.length, 11);
    for (let cut = 1; cut < events.length; cut++) {
      for (const size of [1, 4]) {
        const batches = [events.slice(0, cut), events.slice(cut, cut + size), events.slice(cut + size)];
        assert.deepEqual(applyBatches(batches), whole, `cut at ${cut}, then ${size}`);
      }
    }
  });
});

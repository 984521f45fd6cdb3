import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import type { RecordedEvent } from '../../server/eventstore/port.ts';
import {
  entry,
  governanceStory,
  recordedLog,
  storyIds,
  TEST_LOG_START,
} from '../../server/testkit/event-log.ts';
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
  it('records agent, run, approval and policy actions and verdicts, one entry per event', () => {
    const events = recordedLog(governanceStory());
    const { entries } = mapAuditEvents(events);
    const run = `run:${exampleIds.runId}`;
    const other = `run:${storyIds.otherRunId}`;
    const agent = `agent:${exampleIds.agentId}`;
    const policy = `policy:${exampleIds.policyId}`;
    assert.deepEqual(
      entries.map((row) => [row.kind, row.decision, row.actor, row.target]),
      [
        ['PolicyCreated', null, null, policy],
        ['AgentCreated', null, null, agent],
        ['RunStarted', null, null, run],
        ['SafetyEvaluated', 'require_approval', null, run],
        ['ApprovalRequested', null, null, run],
        ['AgentUpdated', null, null, agent],
        ['ApprovalGranted', 'approved', 'user-operator', run],
        ['AgentArchived', null, 'user-admin', agent],
        ['RunStarted', null, null, other],
        ['SafetyEvaluated', 'block', null, other],
        ['ApprovalRequested', null, null, other],
        ['ApprovalRejected', 'rejected', 'user-operator', other],
        ['ApprovalRequested', null, null, other],
        ['ApprovalEscalated', 'escalated', null, other],
        ['ApprovalExpired', 'expired:reject', null, other],
        ['PolicyUpdated', null, 'user-admin', policy],
      ],
    );
    assert.deepEqual(
      entries.filter((row) => row.kind.startsWith('Agent')).map((row) => row.agentId),
      [exampleIds.agentId, exampleIds.agentId, exampleIds.agentId],
    );
    const granted = entries[6] as AuditEntryRow;
    assert.deepEqual(
      { ...granted, data: null },
      {
        eventId: events[7]?.id,
        position: 't:000008',
        kind: 'ApprovalGranted',
        recordedAt: at(7),
        actor: 'user-operator',
        actorEmail: null,
        target: run,
        clientAddress: null,
        userAgent: null,
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
    const verdict = entries[3] as AuditEntryRow;
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

  it('records who acted and from where, as the metadata of the write says', () => {
    const [event] = recordedLog([
      entry(runStream(exampleIds.runId), 'RunCancelled', { by: 'user-op', reason: 'Wrong goal' }),
    ]);
    const metadata = {
      actor: 'user-op',
      actorEmail: 'op@example.com',
      clientAddress: '203.0.113.9',
      userAgent: 'curl/8.5',
    };
    const { entries } = mapAuditEvents([{ ...(event as RecordedEvent), metadata }]);
    assert.deepEqual(
      [entries[0]?.kind, entries[0]?.actor, entries[0]?.actorEmail, entries[0]?.clientAddress],
      ['RunCancelled', 'user-op', 'op@example.com', '203.0.113.9'],
    );
    assert.deepEqual([entries[0]?.userAgent, entries[0]?.comment], ['curl/8.5', 'Wrong goal']);
  });

  it('records user, token and login events against what they changed', () => {
    const stream = 'account-0123abcd';
    const events = recordedLog([
      entry(stream, 'UserRoleChanged', exampleEvents.UserRoleChanged),
      entry(stream, 'ApiTokenCreated', exampleEvents.ApiTokenCreated),
      entry(stream, 'LoginFailed', exampleEvents.LoginFailed),
      entry(stream, 'LoginThrottled', exampleEvents.LoginThrottled),
    ]);
    const { entries } = mapAuditEvents(events);
    assert.deepEqual(
      entries.map((row) => [row.kind, row.target, row.decision]),
      [
        ['UserRoleChanged', 'user:user-analyst', 'operator'],
        ['ApiTokenCreated', `token:${exampleIds.tokenId}`, null],
        ['LoginFailed', 'account:analyst@spark-ops.local', 'wrong_credentials'],
        ['LoginThrottled', 'account:analyst@spark-ops.local', 'locked_until:2026-01-01T00:00:01.000Z'],
      ],
    );
    assert.equal(entries[3]?.clientAddress, '203.0.113.7', 'a back-off without metadata keeps its address');
  });

  it('records a fork as RunForked by its caller, and a run of its own as RunStarted', () => {
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
    assert.deepEqual(
      entries.map((row) => row.kind),
      ['RunStarted', 'RunForked'],
    );
    assert.equal(entries[1]?.actor, 'user-analyst');
    assert.equal(entries[1]?.runId, forkId);
    assert.deepEqual(entries[1]?.data.forkedFrom, forkedFrom);
  });

  it('gives the same entries however the log is cut into batches', () => {
    const events = recordedLog(governanceStory());
    const whole = applyBatches([events]);
    assert.equal(whole.length, 16);
    for (let cut = 1; cut < events.length; cut++) {
      for (const size of [1, 4]) {
        const batches = [events.slice(0, cut), events.slice(cut, cut + size), events.slice(cut + size)];
        assert.deepEqual(applyBatches(batches), whole, `cut at ${cut}, then ${size}`);
      }
    }
  });
});

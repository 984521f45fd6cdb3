import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import { governanceStory, recordedLog, storyIds, TEST_LOG_START } from '../../server/testkit/event-log.ts';
import {
  projectEvents,
  readModelRows,
  resetReadModels,
  sqlTargets,
} from '../../server/testkit/read-models.ts';
import { auditProjection } from './audit-projection.ts';
import { listAuditEntries } from './queries.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);

for (const target of sqlTargets) {
  describe(`audit writer and queries on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('gives the same rows however the log is cut into batches', async () => {
      const events = recordedLog(governanceStory());
      await resetReadModels(db);
      await projectEvents(db, auditProjection, events);
      const whole = await readModelRows(db, [auditProjection]);
      assert.equal(whole.audit_log?.length, 16);
      for (let cut = 1; cut < events.length; cut++) {
        await resetReadModels(db);
        await projectEvents(db, auditProjection, events, [cut, Math.min(events.length, cut + 3)]);
        assert.deepEqual(await readModelRows(db, [auditProjection]), whole, `cut at ${cut}`);
      }
    });

    it('lists entries newest first, filtered by run, agent and kind, page by page', async () => {
      const events = recordedLog(governanceStory());
      await resetReadModels(db);
      // The decisions arrive in other batches than their requests: the writer fills tool and risk in.
      await projectEvents(db, auditProjection, events, [5, 8, 17]);
      const all = await listAuditEntries(db, {}, { first: 200 });
      assert.deepEqual(
        all.items.map((item) => item.kind),
        [
          'PolicyUpdated',
          'ApprovalExpired',
          'ApprovalEscalated',
          'ApprovalRequested',
          'ApprovalRejected',
          'ApprovalRequested',
          'SafetyEvaluated',
          'RunStarted',
          'AgentArchived',
          'ApprovalGranted',
          'AgentUpdated',
          'ApprovalRequested',
          'SafetyEvaluated',
          'RunStarted',
          'AgentCreated',
          'PolicyCreated',
        ],
      );
      const granted = all.items[9];
      assert.deepEqual(granted, {
        id: events[7]?.id,
        position: 't:000008',
        kind: 'ApprovalGranted',
        recordedAt: at(7),
        actor: 'user-operator',
        actorEmail: null,
        target: `run:${exampleIds.runId}`,
        clientAddress: null,
        userAgent: null,
        runId: exampleIds.runId,
        agentId: exampleIds.agentId,
        step: 1,
        tool: 'send_email',
        risk: 'HIGH',
        decision: 'approved',
        reasons: [],
        policyId: null,
        policyVersion: null,
        comment: 'Softened the wording.',
        data: { ...exampleEvents.ApprovalGranted },
      });
      const expired = all.items[1];
      assert.deepEqual(
        [expired?.step, expired?.tool, expired?.decision],
        [3, 'send_email', 'expired:reject'],
      );

      const first = await listAuditEntries(db, {}, { first: 4 });
      assert.equal(first.hasNextPage, true);
      assert.equal(first.endCursor, all.items[3]?.position);
      const rest = await listAuditEntries(db, {}, { first: 200, after: first.endCursor });
      assert.deepEqual(
        [...first.items, ...rest.items].map((item) => item.id),
        all.items.map((item) => item.id),
      );
      assert.equal(rest.hasNextPage, false);

      const ofRun = await listAuditEntries(db, { runId: storyIds.otherRunId });
      assert.equal(ofRun.items.length, 7);
      const ofAgent = await listAuditEntries(db, { agentId: exampleIds.agentId });
      assert.equal(ofAgent.items.length, 14, 'the agent’s own entries and every run entry, no policy entry');
      const byTarget = await listAuditEntries(db, { target: storyIds.otherRunId });
      assert.deepEqual(byTarget.items, ofRun.items, 'a bare id matches the target of any kind');
      const agentChanges = await listAuditEntries(db, { target: `agent:${exampleIds.agentId}` });
      assert.deepEqual(
        agentChanges.items.map((item) => item.kind),
        ['AgentArchived', 'AgentUpdated', 'AgentCreated'],
      );
      const byActor = await listAuditEntries(db, { actor: 'user-operator' });
      assert.deepEqual(
        byActor.items.map((item) => item.kind),
        ['ApprovalRejected', 'ApprovalGranted'],
      );
      const window = await listAuditEntries(db, { from: at(7), to: at(14) });
      assert.deepEqual(
        window.items.map((item) => item.recordedAt),
        [at(13), at(7)],
        'from is inclusive, to exclusive',
      );
      const policies = await listAuditEntries(db, { kinds: ['PolicyCreated', 'PolicyUpdated'] });
      assert.deepEqual(
        policies.items.map((item) => [item.policyId, item.policyVersion]),
        [
          [exampleIds.policyId, 2],
          [exampleIds.policyId, 1],
        ],
      );
      assert.deepEqual((await listAuditEntries(db, { kinds: [] })).items, []);
      await assert.rejects(listAuditEntries(db, {}, { first: 0 }), { code: 'INVALID_PAGE_REQUEST' });
    });
  });
}

import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents, exampleIds } from '../../schema/events/examples.ts';
import { runStream } from '../../schema/events/index.ts';
import type { SqlDatabase } from '../../server/db/sql-database.ts';
import {
  entry,
  exampleStory,
  governanceStory,
  type LogEntry,
  recordedLog,
  TEST_LOG_START,
} from '../../server/testkit/event-log.ts';
import {
  projectEvents,
  readModelRows,
  resetReadModels,
  sqlTargets,
} from '../../server/testkit/read-models.ts';
import { approvalsProjection } from './approvals-projection.ts';
import { HitlStatus } from './hitl-status.ts';
import { approvalWait, countOpenApprovals, getApproval, listApprovals } from './queries.ts';

const at = (seconds: number) => new Date(TEST_LOG_START.getTime() + seconds * 1000);
const runB = '01930000-0000-7000-8000-000000000011';
const runC = '01930000-0000-7000-8000-000000000012';
const approvalB = '01930000-0000-7000-8000-000000000021';
const approvalC = '01930000-0000-7000-8000-000000000022';

/** Run B asks and is cancelled while waiting; run C asks and is still waiting. */
function moreRuns(): LogEntry[] {
  const b = runStream(runB);
  const c = runStream(runC);
  return [
    entry(b, 'RunStarted', { ...exampleEvents.RunStarted, runId: runB }),
    entry(c, 'RunStarted', { ...exampleEvents.RunStarted, runId: runC }),
    entry(b, 'ApprovalRequested', { ...exampleEvents.ApprovalRequested, approvalId: approvalB }),
    entry(c, 'ApprovalRequested', { ...exampleEvents.ApprovalRequested, approvalId: approvalC }),
    entry(b, 'RunCancelled', exampleEvents.RunCancelled),
    entry(c, 'ApprovalEscalated', { approvalId: approvalC, to: 'role:admin' }),
  ];
}

for (const target of sqlTargets) {
  describe(`approvals writer on ${target.name}`, () => {
    let db: SqlDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await target.open());
    });
    afterAll(() => drop());

    it('given the example story → the approved approval', async () => {
      await resetReadModels(db);
      await projectEvents(db, approvalsProjection, recordedLog(exampleStory()));
      const { approvalId: _, expiresAt, ...request } = exampleEvents.ApprovalRequested;
      assert.deepEqual(await getApproval(db, exampleIds.approvalId), {
        id: exampleIds.approvalId,
        runId: exampleIds.runId,
        agentId: exampleIds.agentId,
        ...request,
        reasons: [...request.reasons],
        status: HitlStatus.Approved,
        expiresAt: new Date(expiresAt),
        expiryAction: null,
        escalated: false,
        escalatedTo: null,
        decidedBy: 'user-operator',
        comment: 'Softened the wording.',
        editedParams: exampleEvents.ApprovalGranted.editedParams,
        requestedAt: at(4),
        decidedAt: at(6),
        runEndedAt: null,
        lastPosition: 't:000007',
      });
      assert.equal(await getApproval(db, approvalB), null);
    });

    it('gives the same rows however the log is cut into batches', async () => {
      const events = recordedLog([...exampleStory(), ...moreRuns()]);
      await resetReadModels(db);
      await projectEvents(db, approvalsProjection, events);
      const whole = await readModelRows(db, [approvalsProjection]);
      for (let cut = 1; cut < events.length; cut++) {
        await resetReadModels(db);
        await projectEvents(db, approvalsProjection, events, [cut, Math.min(events.length, cut + 2)]);
        assert.deepEqual(await readModelRows(db, [approvalsProjection]), whole, `cut at ${cut}`);
      }
    });

    it('lists open approvals: a pending approval of an ended run is not open', async () => {
      await resetReadModels(db);
      await projectEvents(db, approvalsProjection, recordedLog([...exampleStory(), ...moreRuns()]));
      const pending = await listApprovals(db, { status: HitlStatus.Pending });
      assert.deepEqual(
        pending.items.map((approval) => approval.id),
        [approvalC],
      );
      assert.equal(pending.items[0]?.escalated, true);
      assert.equal(pending.items[0]?.agentId, exampleIds.agentId);
      assert.equal(await countOpenApprovals(db), 1);
      const cancelled = await getApproval(db, approvalB);
      assert.equal(cancelled?.status, HitlStatus.Pending);
      assert.ok(cancelled?.runEndedAt instanceof Date);

      const all = await listApprovals(db, {}, { first: 2 });
      assert.deepEqual(
        all.items.map((approval) => approval.id),
        [approvalC, approvalB],
      );
      const rest = await listApprovals(db, {}, { first: 2, after: all.endCursor });
      assert.deepEqual(
        rest.items.map((approval) => approval.id),
        [exampleIds.approvalId],
      );
      assert.equal(rest.hasNextPage, false);
      const ofRun = await listApprovals(db, { runId: exampleIds.runId });
      assert.equal(ofRun.items[0]?.status, HitlStatus.Approved);
      await assert.rejects(listApprovals(db, {}, { after: 'nonsense' }), { code: 'INVALID_PAGE_REQUEST' });
    });

    it('measures how long decided approvals waited, in the window they were decided', async () => {
      await resetReadModels(db);
      // Granted 2 s, rejected 1 s and expired 2 s after their requests (the escalation is no decision).
      await projectEvents(db, approvalsProjection, recordedLog(governanceStory()));
      const everything = { from: null, to: null };
      assert.deepEqual(await approvalWait(db, everything), {
        count: 3,
        p50: 2000,
        p95: 2000,
        p99: 2000,
        max: 2000,
      });
      assert.deepEqual(await approvalWait(db, { from: at(10), to: at(18) }), {
        count: 1,
        p50: 1000,
        p95: 1000,
        p99: 1000,
        max: 1000,
      });
      assert.equal((await approvalWait(db, { ...everything, agentId: 'nobody' })).count, 0);
    });
  });
}

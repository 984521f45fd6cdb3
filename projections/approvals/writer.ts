import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { readTable, type TableSet } from '../projection.ts';
import { HitlStatus } from './hitl-status.ts';
import type { ApprovalChanges, ApprovalRowChange } from './mapping.ts';

const PENDING = `'${HitlStatus.Pending}'`;

/**
 * One statement for the batch's approvals, merged by the rules documented on `ApprovalRowChange`.
 * `WHERE r.last_position < …` makes a batch that was already applied a no-op.
 */
function upsertSql(tables: TableSet): string {
  const keep = (column: string) =>
    `${column} = CASE WHEN r.status <> ${PENDING} THEN r.${column} ELSE EXCLUDED.${column} END`;
  return `
INSERT INTO ${readTable('approvals', tables)} AS r (
  approval_id, run_id, agent_id, step, tool, params, risk, reasons, status, expires_at, on_expiry,
  expiry_action, escalated, escalated_to, decided_by, comment, edited_params, requested_at, decided_at,
  last_position)
SELECT u.approval_id, u.run_id, coalesce(u.agent_id, ar.agent_id), u.step, u.tool, u.params, u.risk, u.reasons,
       coalesce(u.status, ${PENDING}), u.expires_at, u.on_expiry, u.expiry_action, u.escalated, u.escalated_to,
       u.decided_by, u.comment, u.edited_params, u.requested_at, u.decided_at, u.last_position
  FROM jsonb_to_recordset($1::jsonb) AS u(
    approval_id text, run_id text, agent_id text, step integer, tool text, params jsonb, risk text,
    reasons text[], status text, expires_at timestamptz, on_expiry text, expiry_action text, escalated boolean,
    escalated_to text, decided_by text, comment text, edited_params jsonb, requested_at timestamptz,
    decided_at timestamptz, last_position text)
  LEFT JOIN ${readTable('approval_runs', tables)} ar ON ar.run_id = u.run_id
ON CONFLICT (approval_id) DO UPDATE SET
  agent_id      = coalesce(r.agent_id, EXCLUDED.agent_id),
  step          = coalesce(r.step, EXCLUDED.step),
  tool          = coalesce(r.tool, EXCLUDED.tool),
  params        = coalesce(r.params, EXCLUDED.params),
  risk          = coalesce(r.risk, EXCLUDED.risk),
  reasons       = coalesce(r.reasons, EXCLUDED.reasons),
  expires_at    = coalesce(r.expires_at, EXCLUDED.expires_at),
  on_expiry     = coalesce(r.on_expiry, EXCLUDED.on_expiry),
  requested_at  = coalesce(r.requested_at, EXCLUDED.requested_at),
  ${keep('status')},
  ${keep('expiry_action')},
  ${keep('decided_by')},
  ${keep('comment')},
  ${keep('edited_params')},
  ${keep('decided_at')},
  escalated     = r.escalated OR EXCLUDED.escalated,
  escalated_to  = coalesce(EXCLUDED.escalated_to, r.escalated_to),
  last_position = EXCLUDED.last_position
WHERE r.last_position < EXCLUDED.last_position`;
}

function toRecord(change: ApprovalRowChange): Record<string, unknown> {
  const { request, decision } = change;
  return {
    approval_id: change.approvalId,
    run_id: change.runId,
    agent_id: change.agentId,
    step: request?.step ?? null,
    tool: request?.tool ?? null,
    params: request?.params ?? null,
    risk: request?.risk ?? null,
    reasons: request?.reasons ?? null,
    status: decision?.status ?? null,
    expires_at: request?.expiresAt.toISOString() ?? null,
    on_expiry: request?.onExpiry ?? null,
    expiry_action: decision?.expiryAction ?? null,
    escalated: change.escalated,
    escalated_to: change.escalatedTo,
    decided_by: decision?.decidedBy ?? null,
    comment: decision?.comment ?? null,
    edited_params: decision?.editedParams ?? null,
    requested_at: request?.requestedAt.toISOString() ?? null,
    decided_at: decision?.decidedAt.toISOString() ?? null,
    last_position: change.lastPosition,
  };
}

/** Writes a batch's run links, approvals and run endings, one statement each, in that order. */
export async function writeApprovalChanges(
  tx: SqlQueryable,
  changes: ApprovalChanges,
  tables: TableSet,
): Promise<void> {
  if (changes.runs.length > 0) {
    await tx.query(
      `INSERT INTO ${readTable('approval_runs', tables)} (run_id, agent_id)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (run_id) DO NOTHING`,
      [changes.runs.map((run) => run.runId), changes.runs.map((run) => run.agentId)],
    );
  }
  if (changes.approvals.length > 0) {
    await tx.query(upsertSql(tables), [JSON.stringify(changes.approvals.map(toRecord))]);
  }
  if (changes.endedRuns.length > 0) {
    await tx.query(
      `UPDATE ${readTable('approvals', tables)} AS r SET run_ended_at = coalesce(r.run_ended_at, u.ended_at)
         FROM unnest($1::text[], $2::timestamptz[]) AS u(run_id, ended_at) WHERE r.run_id = u.run_id AND r.status = ${PENDING}`,
      [changes.endedRuns.map((run) => run.runId), changes.endedRuns.map((run) => run.endedAt)],
    );
  }
}

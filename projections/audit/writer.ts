import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { readTable, type TableSet } from '../projection.ts';
import type { AuditChanges, AuditEntryRow } from './mapping.ts';

/**
 * Entries are written once (keyed by event id). What the batch did not know (the agent of the
 * run, the step, tool and risk of a decided approval) comes from the link tables, which earlier
 * statements of this batch and earlier batches filled: a RunStarted and an ApprovalRequested
 * always come before the events that need them.
 */
function insertEntriesSql(tables: TableSet): string {
  return `
INSERT INTO ${readTable('audit_log', tables)} (
  event_id, position, kind, recorded_at, actor, actor_email, target, client_address, user_agent, run_id,
  agent_id, approval_id, step, tool, risk, decision, reasons, policy_id, policy_version, comment, data)
SELECT u.event_id, u.position, u.kind, u.recorded_at, u.actor, u.actor_email, u.target, u.client_address,
       u.user_agent, u.run_id, coalesce(u.agent_id, ar.agent_id),
       u.approval_id, coalesce(u.step, ap.step), coalesce(u.tool, ap.tool), coalesce(u.risk, ap.risk),
       u.decision, u.reasons, u.policy_id, u.policy_version, u.comment, u.data
  FROM jsonb_to_recordset($1::jsonb) AS u(
    event_id text, position text, kind text, recorded_at timestamptz, actor text, actor_email text,
    target text, client_address text, user_agent text, run_id text, agent_id text,
    approval_id text, step integer, tool text, risk text, decision text, reasons text[], policy_id text,
    policy_version integer, comment text, data jsonb)
  LEFT JOIN ${readTable('audit_runs', tables)} ar ON ar.run_id = u.run_id
  LEFT JOIN ${readTable('audit_approvals', tables)} ap ON ap.approval_id = u.approval_id
ON CONFLICT (event_id) DO NOTHING`;
}

function entryRecord(entry: AuditEntryRow): Record<string, unknown> {
  return {
    event_id: entry.eventId,
    position: entry.position,
    kind: entry.kind,
    recorded_at: entry.recordedAt.toISOString(),
    actor: entry.actor,
    actor_email: entry.actorEmail,
    target: entry.target,
    client_address: entry.clientAddress,
    user_agent: entry.userAgent,
    run_id: entry.runId,
    agent_id: entry.agentId,
    approval_id: entry.approvalId,
    step: entry.step,
    tool: entry.tool,
    risk: entry.risk,
    decision: entry.decision,
    reasons: entry.reasons,
    policy_id: entry.policyId,
    policy_version: entry.policyVersion,
    comment: entry.comment,
    data: entry.data,
  };
}

/** Writes a batch's run links, approval links and entries, one statement each, in that order. */
export async function writeAuditChanges(
  tx: SqlQueryable,
  changes: AuditChanges,
  tables: TableSet,
): Promise<void> {
  if (changes.runs.length > 0) {
    await tx.query(
      `INSERT INTO ${readTable('audit_runs', tables)} (run_id, agent_id)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (run_id) DO NOTHING`,
      [changes.runs.map((run) => run.runId), changes.runs.map((run) => run.agentId)],
    );
  }
  if (changes.approvals.length > 0) {
    const column = <T>(pick: (a: AuditChanges['approvals'][number]) => T) => changes.approvals.map(pick);
    await tx.query(
      `INSERT INTO ${readTable('audit_approvals', tables)} (approval_id, step, tool, risk)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) ON CONFLICT (approval_id) DO NOTHING`,
      [column((a) => a.approvalId), column((a) => a.step), column((a) => a.tool), column((a) => a.risk)],
    );
  }
  if (changes.entries.length > 0) {
    await tx.query(insertEntriesSql(tables), [JSON.stringify(changes.entries.map(entryRecord))]);
  }
}

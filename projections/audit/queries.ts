import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { type Page, type PageRequest, pageSize } from '../pagination.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';
import { sqlParams, whereClause } from '../time-window.ts';
import type { AuditEntryRow, AuditKind } from './mapping.ts';

/** An audit entry as the API shows it: the stored row, keyed by its event id as `id`. */
export type AuditEntryView = Omit<AuditEntryRow, 'eventId' | 'approvalId'> & {
  /** The id of the event it records. */
  id: string;
};

export interface AuditFilter {
  runId?: string;
  agentId?: string;
  /** Only these kinds (an empty list matches nothing). */
  kinds?: readonly AuditKind[];
  /** Who acted: their id as recorded, or their email (as `actorEmail` recorded it, any case). */
  actor?: string;
  /** What was acted on: `run:<id>`, `user:<id>`, … or just the id (any kind). */
  target?: string;
  /** Recorded at or after this instant. */
  from?: Date;
  /** Recorded before this instant. */
  to?: Date;
}

interface AuditRow {
  event_id: string;
  position: string;
  kind: AuditKind;
  recorded_at: Date;
  actor: string | null;
  actor_email: string | null;
  target: string | null;
  client_address: string | null;
  user_agent: string | null;
  run_id: string | null;
  agent_id: string | null;
  step: number | null;
  tool: string | null;
  risk: string | null;
  decision: string | null;
  reasons: string[];
  policy_id: string | null;
  policy_version: number | null;
  comment: string | null;
  data: Record<string, unknown>;
}

const AUDIT_LOG = readTable('audit_log', LIVE_TABLES);
const COLUMNS = `event_id, position, kind, recorded_at, actor, actor_email, target, client_address, user_agent,
  run_id, agent_id, step, tool, risk, decision, reasons, policy_id, policy_version, comment, data`;

function toView(row: AuditRow): AuditEntryView {
  return {
    id: row.event_id,
    position: row.position,
    kind: row.kind,
    recordedAt: row.recorded_at,
    actor: row.actor,
    actorEmail: row.actor_email,
    target: row.target,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
    runId: row.run_id,
    agentId: row.agent_id,
    step: row.step,
    tool: row.tool,
    risk: row.risk,
    decision: row.decision,
    reasons: row.reasons,
    policyId: row.policy_id,
    policyVersion: row.policy_version,
    comment: row.comment,
    data: row.data,
  };
}

/**
 * Audit entries newest first (by log position), filtered, one page at a time. The cursor is the
 * position of the last entry seen: positions are unique and compare in log order as strings.
 * An actor given as an email matches the `actorEmail` every write through the API records; an
 * entry written before that was recorded matches only by the id it names.
 * @throws InvalidPageRequestError for a bad `first`.
 */
export async function listAuditEntries(
  db: SqlQueryable,
  filter: AuditFilter = {},
  page: PageRequest = {},
): Promise<Page<AuditEntryView>> {
  const size = pageSize(page);
  const params = sqlParams();
  const where: string[] = [];
  if (filter.runId !== undefined) where.push(`run_id = ${params.add(filter.runId)}`);
  if (filter.agentId !== undefined) where.push(`agent_id = ${params.add(filter.agentId)}`);
  if (filter.kinds !== undefined) where.push(`kind = ANY(${params.add(filter.kinds)}::text[])`);
  if (filter.actor !== undefined) {
    const actor = params.add(filter.actor);
    const email = params.add(filter.actor.trim().toLowerCase());
    where.push(`(actor = ${actor} OR actor_email = ${email})`);
  }
  if (filter.target !== undefined) {
    const target = params.add(filter.target);
    where.push(`(target = ${target} OR substr(target, strpos(target, ':') + 1) = ${target})`);
  }
  if (filter.from !== undefined) where.push(`recorded_at >= ${params.add(filter.from)}`);
  if (filter.to !== undefined) where.push(`recorded_at < ${params.add(filter.to)}`);
  if (page.after) where.push(`position < ${params.add(page.after)}`);
  const { rows } = await db.query<AuditRow>(
    `SELECT ${COLUMNS} FROM ${AUDIT_LOG} ${whereClause(where)}
      ORDER BY position DESC LIMIT ${params.add(size + 1)}`,
    params.values,
  );
  const items = rows.slice(0, size).map(toView);
  return { items, endCursor: items.at(-1)?.position ?? null, hasNextPage: rows.length > size };
}

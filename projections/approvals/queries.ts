import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../pagination.ts';
import { type Percentiles, type PercentilesRow, percentilesSelect, toPercentiles } from '../percentiles.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';
import { sqlParams, type TimeWindow, whereClause, windowConditions } from '../time-window.ts';
import { HitlStatus } from './hitl-status.ts';

/** An approval (HITL request) as the API shows it. */
export interface ApprovalView {
  id: string;
  runId: string;
  agentId: string | null;
  step: number;
  tool: string;
  params: Record<string, unknown>;
  risk: string;
  reasons: string[];
  status: HitlStatus;
  expiresAt: Date | null;
  onExpiry: string;
  /** For EXPIRED: the `onExpiry` action that was applied. */
  expiryAction: string | null;
  escalated: boolean;
  escalatedTo: string | null;
  decidedBy: string | null;
  comment: string | null;
  editedParams: Record<string, unknown> | null;
  requestedAt: Date;
  decidedAt: Date | null;
  /** Set when the run ended while the approval was still pending: it can no longer be decided. */
  runEndedAt: Date | null;
  lastPosition: string;
}

export interface ApprovalFilter {
  /** PENDING lists only open approvals: pending and of a run that has not ended. */
  status?: HitlStatus;
  runId?: string;
  agentId?: string;
}

interface ApprovalRow {
  approval_id: string;
  run_id: string;
  agent_id: string | null;
  step: number | null;
  tool: string | null;
  params: Record<string, unknown> | null;
  risk: string | null;
  reasons: string[] | null;
  status: HitlStatus;
  expires_at: Date | null;
  on_expiry: string | null;
  expiry_action: string | null;
  escalated: boolean;
  escalated_to: string | null;
  decided_by: string | null;
  comment: string | null;
  edited_params: Record<string, unknown> | null;
  requested_at: Date | null;
  decided_at: Date | null;
  run_ended_at: Date | null;
  last_position: string;
}

const APPROVALS = readTable('approvals', LIVE_TABLES);
const COLUMNS = `approval_id, run_id, agent_id, step, tool, params, risk, reasons, status, expires_at, on_expiry,
  expiry_action, escalated, escalated_to, decided_by, comment, edited_params, requested_at, decided_at,
  run_ended_at, last_position`;
/** Rows without their ApprovalRequested (a log cut mid-way) are not shown. */
const REQUESTED = 'requested_at IS NOT NULL';

function toView(row: ApprovalRow): ApprovalView {
  return {
    id: row.approval_id,
    runId: row.run_id,
    agentId: row.agent_id,
    step: row.step ?? 0,
    tool: row.tool ?? '',
    params: row.params ?? {},
    risk: row.risk ?? 'HIGH',
    reasons: row.reasons ?? [],
    status: row.status,
    expiresAt: row.expires_at,
    onExpiry: row.on_expiry ?? 'reject',
    expiryAction: row.expiry_action,
    escalated: row.escalated,
    escalatedTo: row.escalated_to,
    decidedBy: row.decided_by,
    comment: row.comment,
    editedParams: row.edited_params,
    requestedAt: row.requested_at ?? new Date(0),
    decidedAt: row.decided_at,
    runEndedAt: row.run_ended_at,
    lastPosition: row.last_position,
  };
}

/** One approval, or null when the projection has not seen it (yet). */
export async function getApproval(db: SqlQueryable, id: string): Promise<ApprovalView | null> {
  const { rows } = await db.query<ApprovalRow>(
    `SELECT ${COLUMNS} FROM ${APPROVALS} WHERE approval_id = $1 AND ${REQUESTED}`,
    [id],
  );
  return rows[0] ? toView(rows[0]) : null;
}

/**
 * Approvals newest first, filtered, one page at a time (keyset pagination on requestedAt, id).
 * @throws InvalidPageRequestError for a bad `first` or `after`.
 */
export async function listApprovals(
  db: SqlQueryable,
  filter: ApprovalFilter = {},
  page: PageRequest = {},
): Promise<Page<ApprovalView>> {
  const size = pageSize(page);
  const params: unknown[] = [];
  const where = [REQUESTED];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.status !== undefined) where.push(`status = ${param(filter.status)}`);
  if (filter.status === HitlStatus.Pending) where.push('run_ended_at IS NULL');
  if (filter.runId !== undefined) where.push(`run_id = ${param(filter.runId)}`);
  if (filter.agentId !== undefined) where.push(`agent_id = ${param(filter.agentId)}`);
  if (page.after) {
    const cursor = decodeCursor(page.after);
    where.push(`(requested_at, approval_id) < (${param(cursor.at)}::timestamptz, ${param(cursor.id)})`);
  }
  const { rows } = await db.query<ApprovalRow>(
    `SELECT ${COLUMNS} FROM ${APPROVALS} WHERE ${where.join(' AND ')}
      ORDER BY requested_at DESC, approval_id DESC LIMIT ${param(size + 1)}`,
    params,
  );
  return toPage(rows, size, toView, (approval) => ({ at: approval.requestedAt, id: approval.id }));
}

/** How many approvals wait for a human (pending, run not ended): the `pending approvals` metric. */
export async function countOpenApprovals(db: SqlQueryable): Promise<number> {
  const { rows } = await db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM ${APPROVALS} WHERE status = $1 AND run_ended_at IS NULL AND ${REQUESTED}`,
    [HitlStatus.Pending],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * How long approvals waited for their decision (granted, rejected or expired), in ms, over the
 * approvals decided in `window`. An escalation is not a decision: the wait goes on.
 */
export async function approvalWait(db: SqlQueryable, window: TimeWindow): Promise<Percentiles> {
  const params = sqlParams();
  const where = [
    `status <> ${params.add(HitlStatus.Pending)}`,
    REQUESTED,
    ...windowConditions(window, { time: 'decided_at', agent: 'agent_id' }, params),
  ];
  const { rows } = await db.query<PercentilesRow>(
    `SELECT ${percentilesSelect('extract(epoch FROM decided_at - requested_at) * 1000')}
       FROM ${APPROVALS} ${whereClause(where)}`,
    params.values,
  );
  return toPercentiles(rows[0]);
}

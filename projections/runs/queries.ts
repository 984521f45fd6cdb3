import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { decodeCursor, type Page, type PageRequest, pageSize, toPage } from '../pagination.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';
import { sqlParams, type TimeWindow, whereClause, windowConditions } from '../time-window.ts';
import { RunStatus } from './run-status.ts';

/** A run as the API shows it in lists and detail views. */
export interface RunView {
  id: string;
  agentId: string | null;
  agentVersion: number | null;
  goal: string | null;
  status: RunStatus;
  /** The highest completed reasoning step. */
  steps: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** `RunCompleted.output`, null until the run completed. */
  output: unknown;
  error: { message: string; code: string | null } | null;
  forkedFrom: { runId: string; atRevision: number } | null;
  startedAt: Date;
  finishedAt: Date | null;
  updatedAt: Date;
  /** Revision of the run's stream the row reflects (for optimistic commands and cache keys). */
  lastRevision: number;
  lastPosition: string;
}

export interface RunFilter {
  status?: RunStatus | readonly RunStatus[];
  agentId?: string;
  /** Inclusive lower bound on `startedAt`. */
  startedFrom?: Date;
  /** Exclusive upper bound on `startedAt`. */
  startedBefore?: Date;
}

interface RunRow {
  id: string;
  agent_id: string | null;
  agent_version: number | null;
  goal: string | null;
  status: RunStatus;
  steps: number;
  input_tokens: string | number | bigint;
  output_tokens: string | number | bigint;
  cost_usd: string | number;
  output: unknown;
  error: string | null;
  error_code: string | null;
  forked_from: string | null;
  forked_at_revision: number | null;
  started_at: Date;
  finished_at: Date | null;
  updated_at: Date;
  last_revision: number;
  last_position: string;
}

const RUNS = readTable('runs', LIVE_TABLES);
const COLUMNS = `id, agent_id, agent_version, goal, status, steps, input_tokens, output_tokens, cost_usd, output,
  error, error_code, forked_from, forked_at_revision, started_at, finished_at, updated_at, last_revision, last_position`;

function toView(row: RunRow): RunView {
  return {
    id: row.id,
    agentId: row.agent_id,
    agentVersion: row.agent_version,
    goal: row.goal,
    status: row.status,
    steps: row.steps,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: Number(row.cost_usd),
    output: row.output,
    error: row.error === null ? null : { message: row.error, code: row.error_code },
    forkedFrom:
      row.forked_from === null ? null : { runId: row.forked_from, atRevision: row.forked_at_revision ?? 0 },
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    lastRevision: row.last_revision,
    lastPosition: row.last_position,
  };
}

/** One run, or null when the projection has not seen it (yet). */
export async function getRun(db: SqlQueryable, id: string): Promise<RunView | null> {
  const { rows } = await db.query<RunRow>(`SELECT ${COLUMNS} FROM ${RUNS} WHERE id = $1`, [id]);
  return rows[0] ? toView(rows[0]) : null;
}

/**
 * Runs newest first, filtered, one page at a time (keyset pagination on startedAt, id).
 * @throws InvalidPageRequestError for a bad `first` or `after`.
 */
export async function listRuns(
  db: SqlQueryable,
  filter: RunFilter = {},
  page: PageRequest = {},
): Promise<Page<RunView>> {
  const size = pageSize(page);
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.status !== undefined) {
    const statuses = typeof filter.status === 'string' ? [filter.status] : [...filter.status];
    where.push(`status = ANY(${param(statuses)}::text[])`);
  }
  if (filter.agentId !== undefined) where.push(`agent_id = ${param(filter.agentId)}`);
  if (filter.startedFrom !== undefined) where.push(`started_at >= ${param(filter.startedFrom)}`);
  if (filter.startedBefore !== undefined) where.push(`started_at < ${param(filter.startedBefore)}`);
  if (page.after) {
    const cursor = decodeCursor(page.after);
    where.push(`(started_at, id) < (${param(cursor.at)}::timestamptz, ${param(cursor.id)})`);
  }
  const { rows } = await db.query<RunRow>(
    `SELECT ${COLUMNS} FROM ${RUNS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY started_at DESC, id DESC LIMIT ${param(size + 1)}`,
    params,
  );
  return toPage(rows, size, toView, (run) => ({ at: run.startedAt, id: run.id }));
}

/** Totals over a set of runs, aggregated in SQL. */
export interface RunTotals {
  byStatus: Record<RunStatus, number>;
  runs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Counts by status and sums of tokens and cost of the runs `filter` matches (one GROUP BY). */
export async function runTotals(
  db: SqlQueryable,
  filter: Pick<RunFilter, 'startedFrom' | 'startedBefore' | 'agentId'> = {},
): Promise<RunTotals> {
  const params = sqlParams();
  const where = windowConditions(
    { from: filter.startedFrom ?? null, to: filter.startedBefore ?? null, agentId: filter.agentId ?? null },
    { time: 'started_at', agent: 'agent_id' },
    params,
  );
  const { rows } = await db.query<{
    status: RunStatus;
    n: string | number;
    input_tokens: string | number;
    output_tokens: string | number;
    cost_usd: string | number;
  }>(
    `SELECT status, count(*) AS n, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
            sum(cost_usd) AS cost_usd
       FROM ${RUNS} ${whereClause(where)} GROUP BY status`,
    params.values,
  );
  const byStatus = Object.fromEntries(Object.values(RunStatus).map((status) => [status, 0])) as Record<
    RunStatus,
    number
  >;
  const totals: RunTotals = { byStatus, runs: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  // Cost is summed as numeric(20,9) and rounded once, here, to whole nano-dollars.
  let costNanos = 0;
  for (const row of rows) {
    byStatus[row.status] = Number(row.n);
    totals.runs += Number(row.n);
    totals.inputTokens += Number(row.input_tokens);
    totals.outputTokens += Number(row.output_tokens);
    costNanos += Math.round(Number(row.cost_usd) * 1_000_000_000);
  }
  totals.costUsd = costNanos / 1_000_000_000;
  return totals;
}

/** Runs that ended (completed, failed or cancelled) in `window`, and how many of them failed. */
export async function runOutcomes(
  db: SqlQueryable,
  window: TimeWindow,
): Promise<{ finished: number; failed: number }> {
  const params = sqlParams();
  const where = [
    'finished_at IS NOT NULL',
    ...windowConditions(window, { time: 'finished_at', agent: 'agent_id' }, params),
  ];
  const { rows } = await db.query<{ finished: string | number; failed: string | number }>(
    `SELECT count(*) AS finished, count(*) FILTER (WHERE status = ${params.add(RunStatus.Failed)}) AS failed
       FROM ${RUNS} ${whereClause(where)}`,
    params.values,
  );
  return { finished: Number(rows[0]?.finished ?? 0), failed: Number(rows[0]?.failed ?? 0) };
}

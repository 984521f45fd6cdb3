import type { RiskLevel } from '../../schema/events/common.ts';
import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { annotatedCondition } from '../annotations/queries.ts';
import {
  decodeCursor,
  encodeCursor,
  InvalidPageRequestError,
  type Page,
  type PageRequest,
  pageSize,
} from '../pagination.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';
import { RISK_RANKS } from '../run-search/mapping.ts';
import { SEARCH_CONFIG } from '../run-search/migration.ts';
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
  agentVersion?: number;
  /** Inclusive lower bound on `startedAt`. */
  startedFrom?: Date;
  /** Exclusive upper bound on `startedAt`. */
  startedBefore?: Date;
  /** Full-text search over goal, thoughts and final output (web-search syntax: "phrase", or, -not). */
  search?: string;
  /** A tool the run proposed at least once. */
  tool?: string;
  /** The highest risk of any of the run's tool calls. */
  riskReached?: RiskLevel;
  /** Runs with (true) or without (false) any step annotation (`step_annotations` read model). */
  annotated?: boolean;
  /** Runs with a step annotation of exactly this label. */
  annotationLabel?: string;
  /** Inclusive bounds on the run's cost. */
  minCostUsd?: number;
  maxCostUsd?: number;
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
const RUN_SEARCH = readTable('run_search', LIVE_TABLES);
const RUN_SEARCH_TERMS = readTable('run_search_terms', LIVE_TABLES);

/**
 * A search of plain words (with `or` and `-word`): no quotes, hyphens or other characters from which
 * websearch_to_tsquery makes a phrase. Only these may be counted on documents without positions.
 */
const PLAIN_WORDS = /^\s*-?[\p{L}\p{N}]+(?:\s+-?[\p{L}\p{N}]+)*\s*$/u;
const COLUMNS = [
  'id',
  'agent_id',
  'agent_version',
  'goal',
  'status',
  'steps',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'output',
  'error',
  'error_code',
  'forked_from',
  'forked_at_revision',
  'started_at',
  'finished_at',
  'updated_at',
  'last_revision',
  'last_position',
]
  .map((column) => `r.${column}`)
  .join(', ');

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
  const { rows } = await db.query<RunRow>(`SELECT ${COLUMNS} FROM ${RUNS} AS r WHERE r.id = $1`, [id]);
  return rows[0] ? toView(rows[0]) : null;
}

/** The orders a list of runs can come in; ties are broken by id in the same direction. */
export const RunSort = {
  StartedDesc: 'STARTED_DESC',
  StartedAsc: 'STARTED_ASC',
  CostDesc: 'COST_DESC',
  CostAsc: 'COST_ASC',
  StepsDesc: 'STEPS_DESC',
  StepsAsc: 'STEPS_ASC',
  DurationDesc: 'DURATION_DESC',
  DurationAsc: 'DURATION_ASC',
} as const;
export type RunSort = (typeof RunSort)[keyof typeof RunSort];

/** The SQL sort key of each order and the type its cursor value is cast back to. */
const SORT_KEYS: Record<string, { sql: string; type: string }> = {
  STARTED: { sql: 'r.started_at', type: 'timestamptz' },
  COST: { sql: 'r.cost_usd', type: 'numeric' },
  STEPS: { sql: 'r.steps', type: 'integer' },
  // A run that has not finished has no duration yet: -1 sorts it after every finished run (DESC).
  DURATION: {
    sql: `coalesce((extract(epoch FROM r.finished_at - r.started_at) * 1000)::bigint, -1)`,
    type: 'bigint',
  },
};

function sortParts(sort: RunSort): { key: { sql: string; type: string }; desc: boolean } {
  const [name = '', direction] = sort.split('_');
  const key = SORT_KEYS[name];
  if (!key) throw new RangeError(`Unknown run sort ${sort}`);
  return { key, desc: direction === 'DESC' };
}

/**
 * A page cursor: the sort, the sort key's value as PostgreSQL printed it (so it converts back
 * exactly) and the id. The newest-first order keeps the (time, id) cursor every list shares.
 */
function encodeRunCursor(sort: RunSort, value: string, id: string, startedAt: Date): string {
  if (sort === RunSort.StartedDesc) return encodeCursor({ at: startedAt, id });
  return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}

function decodeRunCursor(sort: RunSort, cursor: string): { value: string; id: string } {
  if (sort === RunSort.StartedDesc) {
    const { at, id } = decodeCursor(cursor);
    return { value: at.toISOString(), id };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidPageRequestError('The cursor is not valid', { cause: error });
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[1] !== 'string' ||
    typeof parsed[2] !== 'string'
  )
    throw new InvalidPageRequestError('The cursor is not valid');
  if (parsed[0] !== sort) throw new InvalidPageRequestError('The cursor belongs to another sort order');
  return { value: parsed[1], id: parsed[2] };
}

/** FROM and WHERE of the runs `filter` matches; `param` adds a bind parameter. */
function filterSql(
  filter: RunFilter,
  param: (value: unknown) => string,
): { from: string; where: string[]; searchOnlyFrom: string | null } {
  const where: string[] = [];
  if (filter.status !== undefined) {
    const statuses = typeof filter.status === 'string' ? [filter.status] : [...filter.status];
    where.push(`r.status = ANY(${param(statuses)}::text[])`);
  }
  if (filter.agentId !== undefined) where.push(`r.agent_id = ${param(filter.agentId)}`);
  if (filter.agentVersion !== undefined) where.push(`r.agent_version = ${param(filter.agentVersion)}`);
  if (filter.startedFrom !== undefined) where.push(`r.started_at >= ${param(filter.startedFrom)}`);
  if (filter.startedBefore !== undefined) where.push(`r.started_at < ${param(filter.startedBefore)}`);
  if (filter.minCostUsd !== undefined) where.push(`r.cost_usd >= ${param(filter.minCostUsd)}::numeric`);
  if (filter.maxCostUsd !== undefined) where.push(`r.cost_usd <= ${param(filter.maxCostUsd)}::numeric`);
  // Annotations are their own read model (`step_annotations`), the one the console shows them from.
  where.push(
    ...annotatedCondition('r.id', { annotated: filter.annotated, label: filter.annotationLabel }, param),
  );
  const onRuns = where.length;
  const search = filter.search?.trim();
  const needsSearchRow = Boolean(search) || filter.tool !== undefined || filter.riskReached !== undefined;
  // websearch_to_tsquery accepts any text: quotes, operators and stray symbols are never a syntax error.
  if (search) where.push(`s.document @@ websearch_to_tsquery('${SEARCH_CONFIG}', ${param(search)})`);
  if (filter.tool !== undefined) where.push(`s.tools @> ARRAY[${param(filter.tool)}]::text[]`);
  if (filter.riskReached !== undefined) where.push(`s.risk_rank = ${param(RISK_RANKS[filter.riskReached])}`);
  const from = needsSearchRow ? `${RUNS} AS r JOIN ${RUN_SEARCH} AS s ON s.run_id = r.id` : `${RUNS} AS r`;
  // Only run_search's columns filtered: a count needs no join (one row per run in both tables).
  const searchOnlyFrom = needsSearchRow && onRuns === 0 ? `${RUN_SEARCH} AS s` : null;
  return { from, where, searchOnlyFrom };
}

/**
 * Runs the filter matches in `sort` order (newest first by default), one page at a time (keyset
 * pagination on the sort key and id).
 * @throws InvalidPageRequestError for a bad `first` or `after`.
 */
export async function listRuns(
  db: SqlQueryable,
  filter: RunFilter = {},
  page: PageRequest = {},
  sort: RunSort = RunSort.StartedDesc,
): Promise<Page<RunView> & { cursors: string[] }> {
  const size = pageSize(page);
  const { key, desc } = sortParts(sort);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const { from, where } = filterSql(filter, param);
  if (page.after) {
    const cursor = decodeRunCursor(sort, page.after);
    where.push(
      `(${key.sql}, r.id) ${desc ? '<' : '>'} (${param(cursor.value)}::${key.type}, ${param(cursor.id)})`,
    );
  }
  const direction = desc ? 'DESC' : 'ASC';
  const { rows } = await db.query<RunRow & { sort_key: string }>(
    `SELECT ${COLUMNS}, (${key.sql})::text AS sort_key FROM ${from}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${key.sql} ${direction}, r.id ${direction} LIMIT ${param(size + 1)}`,
    params,
  );
  const kept = rows.slice(0, size);
  const items = kept.map(toView);
  const cursors = kept.map((row) => encodeRunCursor(sort, row.sort_key, row.id, row.started_at));
  return { items, cursors, endCursor: cursors.at(-1) ?? null, hasNextPage: rows.length > size };
}

/** How many runs `filter` matches (the runs explorer's total). */
export async function countRuns(db: SqlQueryable, filter: RunFilter = {}): Promise<number> {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const search = filter.search?.trim();
  const onlyWords =
    search !== undefined &&
    PLAIN_WORDS.test(search) &&
    Object.entries(filter).every(([key, value]) => key === 'search' || value === undefined);
  if (onlyWords) {
    // The common explorer query, a few words and nothing else: counted on the narrow terms table.
    const { rows } = await db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM ${RUN_SEARCH_TERMS} WHERE terms @@ websearch_to_tsquery('${SEARCH_CONFIG}', $1)`,
      [search],
    );
    return Number(rows[0]?.n ?? 0);
  }
  const { from, where, searchOnlyFrom } = filterSql(filter, param);
  const { rows } = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${searchOnlyFrom ?? from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
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

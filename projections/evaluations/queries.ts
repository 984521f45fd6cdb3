import type { RunScore, ScorerSpec } from '../../schema/events/index.ts';
import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';

/** An evaluation with its totals over the items scored so far (cost and latency from the runs read model). */
export interface EvaluationView {
  evaluationId: string;
  datasetId: string;
  agentId: string;
  agentVersion: number;
  scorers: ScorerSpec[];
  concurrency: number;
  status: 'RUNNING' | 'COMPLETED';
  itemCount: number;
  scoredCount: number;
  /** Mean of the scored items' scores (null before the first). */
  score: number | null;
  /** Items whose every scorer passed. */
  passedCount: number;
  costUsd: number;
  /** Mean and total of the finished runs' wall time (null before the first). */
  meanLatencyMs: number | null;
  startedBy: string;
  startedAt: Date;
  completedAt: Date | null;
}

export interface EvaluationItemView {
  evaluationId: string;
  itemId: string;
  index: number;
  runId: string;
  goal: string;
  expectedOutput: string | null;
  score: number | null;
  scores: RunScore[];
  passed: boolean | null;
  /** From the runs read model (null until the run is projected). */
  runStatus: string | null;
  output: unknown;
  steps: number;
  tokens: number;
  costUsd: number;
  latencyMs: number | null;
  scoredAt: Date | null;
}

const EVALUATIONS = readTable('evaluations', LIVE_TABLES);
const ITEMS = readTable('evaluation_items', LIVE_TABLES);
const RUNS = readTable('runs', LIVE_TABLES);

const LATENCY = `(extract(epoch FROM (r.finished_at - r.started_at)) * 1000)`;
const PASSED = `(i.scores IS NOT NULL AND NOT jsonb_path_exists(i.scores, '$[*] ? (@.passed == false)'))`;

interface EvaluationRowOut {
  evaluation_id: string;
  dataset_id: string;
  agent_id: string;
  agent_version: number;
  scorers: ScorerSpec[];
  concurrency: number;
  completed_at: Date | null;
  started_by: string;
  started_at: Date;
  item_count: string | number;
  scored_count: string | number;
  passed_count: string | number;
  score: string | number | null;
  cost_usd: string | number | null;
  mean_latency_ms: string | number | null;
}

const SELECT_EVALUATION = `
SELECT e.evaluation_id, e.dataset_id, e.agent_id, e.agent_version, e.scorers, e.concurrency, e.completed_at,
       e.started_by, e.started_at, t.item_count, t.scored_count, t.passed_count, t.score, t.cost_usd, t.mean_latency_ms
  FROM ${EVALUATIONS} e
  CROSS JOIN LATERAL (
    SELECT count(*) AS item_count, count(i.score) AS scored_count, count(*) FILTER (WHERE ${PASSED}) AS passed_count,
           avg(i.score) AS score, coalesce(sum(r.cost_usd), 0) AS cost_usd,
           avg(${LATENCY}) FILTER (WHERE r.finished_at IS NOT NULL) AS mean_latency_ms
      FROM ${ITEMS} i LEFT JOIN ${RUNS} r ON r.id = i.run_id
     WHERE i.evaluation_id = e.evaluation_id
  ) t`;

const num = (value: string | number | null) => (value === null ? null : Number(value));

function toView(row: EvaluationRowOut): EvaluationView {
  return {
    evaluationId: row.evaluation_id,
    datasetId: row.dataset_id,
    agentId: row.agent_id,
    agentVersion: row.agent_version,
    scorers: row.scorers,
    concurrency: row.concurrency,
    status: row.completed_at ? 'COMPLETED' : 'RUNNING',
    itemCount: Number(row.item_count),
    scoredCount: Number(row.scored_count),
    passedCount: Number(row.passed_count),
    score: num(row.score),
    costUsd: Number(row.cost_usd ?? 0),
    meanLatencyMs: num(row.mean_latency_ms),
    startedBy: row.started_by,
    startedAt: row.started_at,
    completedAt: row.completed_at,
  };
}

/** Evaluations newest first, of one dataset or all (at most `limit`). */
export async function listEvaluations(
  db: SqlQueryable,
  filter: { datasetId?: string | undefined } = {},
  limit = 200,
): Promise<EvaluationView[]> {
  const { rows } = await db.query<EvaluationRowOut>(
    `${SELECT_EVALUATION} WHERE ($1::text IS NULL OR e.dataset_id = $1)
      ORDER BY e.started_at DESC, e.evaluation_id LIMIT $2`,
    [filter.datasetId ?? null, limit],
  );
  return rows.map(toView);
}

export async function getEvaluation(db: SqlQueryable, evaluationId: string): Promise<EvaluationView | null> {
  const { rows } = await db.query<EvaluationRowOut>(`${SELECT_EVALUATION} WHERE e.evaluation_id = $1`, [
    evaluationId,
  ]);
  return rows[0] ? toView(rows[0]) : null;
}

/** The evaluation's items in dataset order, with their run's status, output, cost and latency. */
export async function listEvaluationItems(
  db: SqlQueryable,
  evaluationId: string,
): Promise<EvaluationItemView[]> {
  const { rows } = await db.query<{
    evaluation_id: string;
    item_id: string;
    idx: number;
    run_id: string;
    goal: string;
    expected_output: string | null;
    score: number | string | null;
    scores: RunScore[] | null;
    passed: boolean;
    scored_at: Date | null;
    run_status: string | null;
    output: unknown;
    steps: number | null;
    tokens: string | number | null;
    cost_usd: string | number | null;
    latency_ms: string | number | null;
  }>(
    `SELECT i.evaluation_id, i.item_id, i.idx, i.run_id, i.goal, i.expected_output, i.score, i.scores,
            ${PASSED} AS passed, i.scored_at, r.status AS run_status, r.output, r.steps,
            r.input_tokens + r.output_tokens AS tokens, r.cost_usd, ${LATENCY} AS latency_ms
       FROM ${ITEMS} i LEFT JOIN ${RUNS} r ON r.id = i.run_id
      WHERE i.evaluation_id = $1 ORDER BY i.idx`,
    [evaluationId],
  );
  return rows.map((row) => ({
    evaluationId: row.evaluation_id,
    itemId: row.item_id,
    index: row.idx,
    runId: row.run_id,
    goal: row.goal,
    expectedOutput: row.expected_output,
    score: num(row.score),
    scores: row.scores ?? [],
    passed: row.scores === null ? null : row.passed,
    runStatus: row.run_status,
    output: row.output ?? null,
    steps: row.steps ?? 0,
    tokens: Number(row.tokens ?? 0),
    costUsd: Number(row.cost_usd ?? 0),
    latencyMs: row.latency_ms === null ? null : Math.round(Number(row.latency_ms)),
    scoredAt: row.scored_at,
  }));
}

import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { type Percentiles, type PercentilesRow, percentilesSelect, toPercentiles } from '../percentiles.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';
import { sqlParams, type TimeWindow, whereClause, windowConditions } from '../time-window.ts';
import { LlmCallOutcome } from './mapping.ts';

const CALLS = readTable('usage_llm_calls', LIVE_TABLES);
const TOOL_CALLS = readTable('usage_tool_calls', LIVE_TABLES);

/** The width of a usage bucket. */
export const UsageBucketSize = { Minute: 'minute', Hour: 'hour', Day: 'day' } as const;
export type UsageBucketSize = (typeof UsageBucketSize)[keyof typeof UsageBucketSize];

/** LLM usage of one model by one agent in one time bucket. */
export interface UsageBucketView {
  /** The bucket's start (UTC). */
  start: Date;
  model: string;
  agentId: string | null;
  llmCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

interface UsageRow {
  start: Date;
  model: string;
  agent_id: string | null;
  calls: string | number;
  input_tokens: string | number;
  output_tokens: string | number;
  cost_nanos: string | number;
}

const ANSWERED = `outcome IN ('${LlmCallOutcome.Completed}', '${LlmCallOutcome.Rejected}')`;

/**
 * Answered LLM calls (usable or rejected) in `window`, summed per (bucket start, model, agent),
 * ascending by start, then model and agent. Buckets are aligned to UTC; empty buckets are absent.
 */
export async function usageBuckets(
  db: SqlQueryable,
  window: TimeWindow,
  bucket: UsageBucketSize,
): Promise<UsageBucketView[]> {
  const params = sqlParams();
  const where = [ANSWERED, ...windowConditions(window, { time: 'recorded_at', agent: 'agent_id' }, params)];
  // `bucket` is one of three constants, never user input.
  const start = `date_trunc('${bucket}', recorded_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;
  const { rows } = await db.query<UsageRow>(
    `SELECT ${start} AS start, model, agent_id, count(*) AS calls, sum(input_tokens) AS input_tokens,
            sum(output_tokens) AS output_tokens, sum(cost_nanos) AS cost_nanos
       FROM ${CALLS} ${whereClause(where)}
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 NULLS FIRST`,
    params.values,
  );
  return rows.map((row) => ({
    start: row.start,
    model: row.model,
    agentId: row.agent_id,
    llmCalls: Number(row.calls),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: Number(row.cost_nanos) / 1_000_000_000,
  }));
}

/** Latency (ms) of the answered LLM calls in `window`. */
export async function llmLatency(db: SqlQueryable, window: TimeWindow): Promise<Percentiles> {
  const params = sqlParams();
  const where = [ANSWERED, ...windowConditions(window, { time: 'recorded_at', agent: 'agent_id' }, params)];
  const { rows } = await db.query<PercentilesRow>(
    `SELECT ${percentilesSelect('latency_ms')} FROM ${CALLS} ${whereClause(where)}`,
    params.values,
  );
  return toPercentiles(rows[0]);
}

/** Duration (ms) of the tool calls that ended (succeeded or failed) in `window`. */
export async function toolLatency(db: SqlQueryable, window: TimeWindow): Promise<Percentiles> {
  const params = sqlParams();
  const where = [
    'duration_ms IS NOT NULL',
    ...windowConditions(window, { time: 'finished_at', agent: 'agent_id' }, params),
  ];
  const { rows } = await db.query<PercentilesRow>(
    `SELECT ${percentilesSelect('duration_ms')} FROM ${TOOL_CALLS} ${whereClause(where)}`,
    params.values,
  );
  return toPercentiles(rows[0]);
}

/** LLM calls in `window` that gave no usable answer: failed (ReasoningFailed) or rejected output. */
export async function countLlmErrors(db: SqlQueryable, window: TimeWindow): Promise<number> {
  const params = sqlParams();
  const where = [
    `outcome IN ('${LlmCallOutcome.Failed}', '${LlmCallOutcome.Rejected}')`,
    ...windowConditions(window, { time: 'recorded_at', agent: 'agent_id' }, params),
  ];
  const { rows } = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${CALLS} ${whereClause(where)}`,
    params.values,
  );
  return Number(rows[0]?.n ?? 0);
}

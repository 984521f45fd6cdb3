import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { type Percentiles, type PercentilesRow, percentilesSelect, toPercentiles } from '../percentiles.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';
import { sqlParams, type TimeWindow, whereClause, windowConditions } from '../time-window.ts';
import { LlmCallOutcome } from './mapping.ts';

const NANOS_PER_USD = 1_000_000_000;
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
  /** Prompt tokens, cache hits included. */
  inputTokens: number;
  /** Output tokens, reasoning included. */
  outputTokens: number;
  /** The part of `inputTokens` served from the prompt cache. */
  cachedInputTokens: number;
  /** The part of `outputTokens` spent reasoning. */
  reasoningTokens: number;
  costUsd: number;
}

interface UsageRow {
  start: Date;
  model: string;
  agent_id: string | null;
  calls: string | number;
  input_tokens: string | number;
  output_tokens: string | number;
  cached_input_tokens: string | number;
  reasoning_tokens: string | number;
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
            sum(output_tokens) AS output_tokens, sum(cached_input_tokens) AS cached_input_tokens,
            sum(reasoning_tokens) AS reasoning_tokens, sum(cost_nanos) AS cost_nanos
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
    cachedInputTokens: Number(row.cached_input_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    costUsd: Number(row.cost_nanos) / NANOS_PER_USD,
  }));
}

/** Every LLM call of one model and outcome since the log began: what /metrics exposes as counters. */
export interface ModelUsageTotals {
  /** Null for failed calls (the provider did not answer, so no model is recorded). */
  model: string | null;
  outcome: LlmCallOutcome;
  llmCalls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  costUsd: number;
}

/** Totals per (model, outcome) over the whole read model, ordered by model then outcome. */
export async function usageTotals(db: SqlQueryable): Promise<ModelUsageTotals[]> {
  const { rows } = await db.query<Omit<UsageRow, 'start' | 'agent_id'> & { outcome: LlmCallOutcome }>(
    `SELECT model, outcome, count(*) AS calls, sum(input_tokens) AS input_tokens,
            sum(output_tokens) AS output_tokens, sum(cached_input_tokens) AS cached_input_tokens,
            sum(reasoning_tokens) AS reasoning_tokens, sum(cost_nanos) AS cost_nanos
       FROM ${CALLS} GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2`,
  );
  return rows.map((row) => ({
    model: row.model,
    outcome: row.outcome,
    llmCalls: Number(row.calls),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    cachedInputTokens: Number(row.cached_input_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    costUsd: Number(row.cost_nanos) / NANOS_PER_USD,
  }));
}

/** A cumulative latency histogram: `counts[i]` calls took at most `bounds[i]` seconds. */
export interface LatencyHistogram {
  bounds: readonly number[];
  counts: number[];
  count: number;
  sumSeconds: number;
}

/** The latency histogram of every answered LLM call (Prometheus buckets, cumulative). */
export async function llmLatencyHistogram(
  db: SqlQueryable,
  bounds: readonly number[],
): Promise<LatencyHistogram> {
  // `bounds` are numbers of the code (the histogram's buckets), spliced as numeric literals.
  const buckets = bounds.map(
    (bound, i) => `count(*) FILTER (WHERE latency_ms <= ${Number(bound) * 1000}) AS b${i}`,
  );
  const { rows } = await db.query<Record<string, string | number | null>>(
    `SELECT count(*) AS n, coalesce(sum(latency_ms), 0) AS sum_ms, ${buckets.join(', ')}
       FROM ${CALLS} WHERE ${ANSWERED}`,
  );
  const row = rows[0] ?? {};
  return {
    bounds,
    counts: bounds.map((_, i) => Number(row[`b${i}`] ?? 0)),
    count: Number(row.n ?? 0),
    sumSeconds: Number(row.sum_ms ?? 0) / 1000,
  };
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

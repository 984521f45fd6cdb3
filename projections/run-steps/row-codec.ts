// `run_steps` rows between SQL and `RunStepRow`: the writer and the queries share one mapping.
import type { RiskLevel, SafetyDecision } from '../../schema/events/index.ts';
import type { RunStepRow, RunStepStatus, StepKind } from './step-row.ts';

/** A `run_steps` row as the drivers return it (bigints may come back as strings). */
export interface RunStepRecord {
  run_id: string;
  step: number;
  status: RunStepStatus;
  kind: StepKind | null;
  thought: string;
  tool: string | null;
  params: Record<string, unknown> | null;
  proposed_params: Record<string, unknown> | null;
  params_summary: string | null;
  output: unknown;
  risk: RiskLevel | null;
  decision: SafetyDecision | null;
  outcome: string | null;
  result: unknown;
  edited_by: string | null;
  input_tokens: string | number;
  output_tokens: string | number;
  cached_tokens: string | number;
  reasoning_tokens: string | number;
  cost_nanos: string | number;
  latency_ms: number | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  duration_ms: string | number | null;
  reasoning_revision: number | null;
  first_revision: number;
  last_revision: number;
}

export const RUN_STEP_COLUMNS = `run_id, step, status, kind, thought, tool, params, proposed_params, params_summary,
  output, risk, decision, outcome, result, edited_by, input_tokens, output_tokens, cached_tokens,
  reasoning_tokens, cost_nanos, latency_ms, started_at, finished_at, duration_ms, reasoning_revision,
  first_revision, last_revision`;

const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export function fromRecord(record: RunStepRecord): RunStepRow {
  return {
    runId: record.run_id,
    step: record.step,
    status: record.status,
    kind: record.kind,
    thought: record.thought,
    tool: record.tool,
    params: record.params,
    proposedParams: record.proposed_params,
    paramsSummary: record.params_summary,
    output: record.output,
    risk: record.risk,
    decision: record.decision,
    outcome: record.outcome,
    result: record.result,
    editedBy: record.edited_by,
    inputTokens: Number(record.input_tokens),
    outputTokens: Number(record.output_tokens),
    cachedTokens: Number(record.cached_tokens),
    reasoningTokens: Number(record.reasoning_tokens),
    costNanoUsd: Number(record.cost_nanos),
    latencyMs: record.latency_ms,
    startedAt: date(record.started_at),
    finishedAt: record.finished_at === null ? null : date(record.finished_at),
    durationMs: record.duration_ms === null ? null : Number(record.duration_ms),
    reasoningRevision: record.reasoning_revision,
    firstRevision: record.first_revision,
    lastRevision: record.last_revision,
  };
}

/**
 * The row as an element of the writer's `jsonb_to_recordset` array. JSON columns travel wrapped in
 * a one-element array (`[value]`) so that a JSON `null` answer stays distinguishable from no value.
 */
export function toRecordJson(row: RunStepRow): Record<string, unknown> {
  const wrap = (value: unknown) => (value === null || value === undefined ? null : [value]);
  return {
    run_id: row.runId,
    step: row.step,
    status: row.status,
    kind: row.kind,
    thought: row.thought,
    tool: row.tool,
    params: wrap(row.params),
    proposed_params: wrap(row.proposedParams),
    params_summary: row.paramsSummary,
    output: wrap(row.output),
    risk: row.risk,
    decision: row.decision,
    outcome: row.outcome,
    result: wrap(row.result),
    edited_by: row.editedBy,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cached_tokens: row.cachedTokens,
    reasoning_tokens: row.reasoningTokens,
    cost_nanos: row.costNanoUsd,
    latency_ms: row.latencyMs,
    started_at: row.startedAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
    duration_ms: row.durationMs,
    reasoning_revision: row.reasoningRevision,
    first_revision: row.firstRevision,
    last_revision: row.lastRevision,
  };
}

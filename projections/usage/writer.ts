import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { readTable, type TableSet } from '../projection.ts';
import type { LlmCallRow, ToolCallChange, UsageChanges } from './mapping.ts';

/** LLM calls are written once (keyed by event id); the agent comes from the batch or `usage_runs`. */
function insertCallsSql(tables: TableSet): string {
  return `
INSERT INTO ${readTable('usage_llm_calls', tables)} (
  event_id, run_id, agent_id, step, outcome, model, input_tokens, output_tokens, cached_input_tokens,
  reasoning_tokens, cost_nanos, latency_ms, recorded_at, position)
SELECT u.event_id, u.run_id, coalesce(u.agent_id, ur.agent_id), u.step, u.outcome, u.model, u.input_tokens,
       u.output_tokens, u.cached_input_tokens, u.reasoning_tokens, u.cost_nanos, u.latency_ms, u.recorded_at,
       u.position
  FROM jsonb_to_recordset($1::jsonb) AS u(
    event_id text, run_id text, agent_id text, step integer, outcome text, model text, input_tokens bigint,
    output_tokens bigint, cached_input_tokens bigint, reasoning_tokens bigint, cost_nanos bigint, latency_ms integer, recorded_at timestamptz, position text)
  LEFT JOIN ${readTable('usage_runs', tables)} ur ON ur.run_id = u.run_id
ON CONFLICT (event_id) DO NOTHING`;
}

/** Tool calls merge by the rule of `ToolCallChange`: the first non-null value of each column wins. */
function upsertToolCallsSql(tables: TableSet): string {
  const first = (column: string) => `${column} = coalesce(r.${column}, EXCLUDED.${column})`;
  return `
INSERT INTO ${readTable('usage_tool_calls', tables)} AS r (
  call_id, run_id, agent_id, tool, step, outcome, duration_ms, started_at, finished_at)
SELECT u.call_id, u.run_id, coalesce(u.agent_id, ur.agent_id), u.tool, u.step, u.outcome, u.duration_ms,
       u.started_at, u.finished_at
  FROM jsonb_to_recordset($1::jsonb) AS u(
    call_id text, run_id text, agent_id text, tool text, step integer, outcome text, duration_ms integer,
    started_at timestamptz, finished_at timestamptz)
  LEFT JOIN ${readTable('usage_runs', tables)} ur ON ur.run_id = u.run_id
ON CONFLICT (call_id) DO UPDATE SET
  ${['agent_id', 'tool', 'step', 'outcome', 'duration_ms', 'started_at', 'finished_at'].map(first).join(',\n  ')}`;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function callRecord(call: LlmCallRow): Record<string, unknown> {
  return {
    event_id: call.eventId,
    run_id: call.runId,
    agent_id: call.agentId,
    step: call.step,
    outcome: call.outcome,
    model: call.model,
    input_tokens: call.inputTokens,
    output_tokens: call.outputTokens,
    cached_input_tokens: call.cachedInputTokens,
    reasoning_tokens: call.reasoningTokens,
    cost_nanos: call.costNanoUsd,
    latency_ms: call.latencyMs,
    recorded_at: iso(call.recordedAt),
    position: call.position,
  };
}

function toolCallRecord(change: ToolCallChange): Record<string, unknown> {
  return {
    call_id: change.callId,
    run_id: change.runId,
    agent_id: change.agentId,
    tool: change.tool,
    step: change.step,
    outcome: change.outcome,
    duration_ms: change.durationMs,
    started_at: iso(change.startedAt),
    finished_at: iso(change.finishedAt),
  };
}

/** Writes a batch's run links, LLM calls and tool calls, one statement each, in that order. */
export async function writeUsageChanges(
  tx: SqlQueryable,
  changes: UsageChanges,
  tables: TableSet,
): Promise<void> {
  if (changes.runs.length > 0) {
    await tx.query(
      `INSERT INTO ${readTable('usage_runs', tables)} (run_id, agent_id)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (run_id) DO NOTHING`,
      [changes.runs.map((run) => run.runId), changes.runs.map((run) => run.agentId)],
    );
  }
  if (changes.llmCalls.length > 0) {
    await tx.query(insertCallsSql(tables), [JSON.stringify(changes.llmCalls.map(callRecord))]);
  }
  if (changes.toolCalls.length > 0) {
    await tx.query(upsertToolCallsSql(tables), [JSON.stringify(changes.toolCalls.map(toolCallRecord))]);
  }
}

import { readTable, type TableSet } from '../projection.ts';

/**
 * The `usage` read model: one row per LLM call (tokens, cost, latency) and per tool call (outcome,
 * duration), with the run → agent links their events need. Indexed by time, for the observability
 * aggregates. `cached_input_tokens` and `reasoning_tokens` came later: a table made before them gets
 * them as zeros (ALTER … IF NOT EXISTS), and `npm run projections -- rebuild usage` fills them from
 * the log. Tool call columns are nullable because a batch may hold only the start or only the
 * outcome of a call (PostgreSQL checks NOT NULL before ON CONFLICT merges).
 */
export function usageMigration(tables: TableSet): string {
  const calls = readTable('usage_llm_calls', tables);
  const tools = readTable('usage_tool_calls', tables);
  const runs = readTable('usage_runs', tables);
  const s = tables.suffix;
  return `
CREATE TABLE IF NOT EXISTS ${calls} (
  event_id      text        NOT NULL PRIMARY KEY,
  run_id        text        NOT NULL,
  agent_id      text,
  step          integer     NOT NULL,
  outcome       text        NOT NULL,
  model         text,
  input_tokens  bigint      NOT NULL,
  output_tokens bigint      NOT NULL,
  cached_input_tokens bigint NOT NULL DEFAULT 0,
  reasoning_tokens    bigint NOT NULL DEFAULT 0,
  cost_nanos    bigint      NOT NULL,
  latency_ms    integer,
  recorded_at   timestamptz NOT NULL,
  position      text        NOT NULL
);
ALTER TABLE ${calls} ADD COLUMN IF NOT EXISTS cached_input_tokens bigint NOT NULL DEFAULT 0;
ALTER TABLE ${calls} ADD COLUMN IF NOT EXISTS reasoning_tokens bigint NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS usage_llm_calls${s}_recorded_idx ON ${calls} (recorded_at);
CREATE INDEX IF NOT EXISTS usage_llm_calls${s}_agent_recorded_idx ON ${calls} (agent_id, recorded_at);
CREATE TABLE IF NOT EXISTS ${tools} (
  call_id     text        NOT NULL PRIMARY KEY,
  run_id      text        NOT NULL,
  agent_id    text,
  tool        text,
  step        integer,
  outcome     text,
  duration_ms integer,
  started_at  timestamptz,
  finished_at timestamptz
);
CREATE INDEX IF NOT EXISTS usage_tool_calls${s}_finished_idx ON ${tools} (finished_at);
CREATE INDEX IF NOT EXISTS usage_tool_calls${s}_agent_finished_idx ON ${tools} (agent_id, finished_at);
CREATE TABLE IF NOT EXISTS ${runs} (
  run_id   text NOT NULL PRIMARY KEY,
  agent_id text NOT NULL
);
`;
}

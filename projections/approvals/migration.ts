import { readTable, type TableSet } from '../projection.ts';

/**
 * The `approvals` read model: one row per approval (HITL request) and the run → agent links its
 * events need. Request columns are nullable because a batch holding only a decision proposes a row
 * without them (PostgreSQL checks NOT NULL before ON CONFLICT merges).
 */
export function approvalsMigration(tables: TableSet): string {
  const approvals = readTable('approvals', tables);
  const approvalRuns = readTable('approval_runs', tables);
  const name = `approvals${tables.suffix}`;
  return `
CREATE TABLE IF NOT EXISTS ${approvals} (
  approval_id   text        NOT NULL PRIMARY KEY,
  run_id        text        NOT NULL,
  agent_id      text,
  step          integer,
  tool          text,
  params        jsonb,
  risk          text,
  reasons       text[],
  status        text        NOT NULL,
  expires_at    timestamptz,
  on_expiry     text,
  expiry_action text,
  escalated     boolean     NOT NULL,
  escalated_to  text,
  decided_by    text,
  comment       text,
  edited_params jsonb,
  requested_at  timestamptz,
  decided_at    timestamptz,
  run_ended_at  timestamptz,
  last_position text        NOT NULL
);
CREATE INDEX IF NOT EXISTS ${name}_status_idx ON ${approvals} (status, requested_at DESC, approval_id DESC);
CREATE INDEX IF NOT EXISTS ${name}_run_idx ON ${approvals} (run_id);
CREATE INDEX IF NOT EXISTS ${name}_decided_idx ON ${approvals} (decided_at);
CREATE TABLE IF NOT EXISTS ${approvalRuns} (
  run_id   text NOT NULL PRIMARY KEY,
  agent_id text NOT NULL
);
`;
}

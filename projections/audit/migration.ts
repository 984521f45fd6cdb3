import { readTable, type TableSet } from '../projection.ts';

/**
 * The `audit` read model: `audit_log`, one row per privileged action (agent, run, approval, policy,
 * user and token changes, logins) and safety verdict, in log order (`position`), plus the run →
 * agent and approval → request links that the entries of later batches need. The columns added
 * since the first version (`actor_email`, `target`, `client_address`, `user_agent`) are added in
 * place; entries written before them, and the kinds audited since, need
 * `npm run projections -- rebuild audit` (see projections/README.md).
 */
export function auditMigration(tables: TableSet): string {
  const log = readTable('audit_log', tables);
  const runs = readTable('audit_runs', tables);
  const approvals = readTable('audit_approvals', tables);
  const s = tables.suffix;
  return `
CREATE TABLE IF NOT EXISTS ${log} (
  event_id       text        NOT NULL PRIMARY KEY,
  position       text        COLLATE "C" NOT NULL,
  kind           text        NOT NULL,
  recorded_at    timestamptz NOT NULL,
  actor          text,
  run_id         text,
  agent_id       text,
  approval_id    text,
  step           integer,
  tool           text,
  risk           text,
  decision       text,
  reasons        text[]      NOT NULL,
  policy_id      text,
  policy_version integer,
  comment        text,
  data           jsonb       NOT NULL
);
ALTER TABLE ${log} ADD COLUMN IF NOT EXISTS actor_email text;
ALTER TABLE ${log} ADD COLUMN IF NOT EXISTS target text;
ALTER TABLE ${log} ADD COLUMN IF NOT EXISTS client_address text;
ALTER TABLE ${log} ADD COLUMN IF NOT EXISTS user_agent text;
CREATE INDEX IF NOT EXISTS audit_log${s}_position_idx ON ${log} (position);
CREATE INDEX IF NOT EXISTS audit_log${s}_actor_position_idx ON ${log} (actor, position);
CREATE INDEX IF NOT EXISTS audit_log${s}_target_position_idx ON ${log} (target, position);
CREATE INDEX IF NOT EXISTS audit_log${s}_recorded_idx ON ${log} (recorded_at);
CREATE INDEX IF NOT EXISTS audit_log${s}_run_position_idx ON ${log} (run_id, position);
CREATE INDEX IF NOT EXISTS audit_log${s}_agent_position_idx ON ${log} (agent_id, position);
CREATE INDEX IF NOT EXISTS audit_log${s}_kind_position_idx ON ${log} (kind, position);
CREATE TABLE IF NOT EXISTS ${runs} (
  run_id   text NOT NULL PRIMARY KEY,
  agent_id text NOT NULL
);
CREATE TABLE IF NOT EXISTS ${approvals} (
  approval_id text    NOT NULL PRIMARY KEY,
  step        integer NOT NULL,
  tool        text    NOT NULL,
  risk        text    NOT NULL
);
`;
}

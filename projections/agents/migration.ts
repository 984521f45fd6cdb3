import { readTable, type TableSet } from '../projection.ts';

/**
 * The `agents` read model: one row per agent with its current config. Config columns are nullable
 * because a batch's change leaves the fields it does not touch as NULL ("unchanged") and PostgreSQL
 * checks NOT NULL on the proposed row before ON CONFLICT merges it.
 */
export function agentsMigration(tables: TableSet): string {
  const agents = readTable('agents', tables);
  const name = `agents${tables.suffix}`;
  return `
CREATE TABLE IF NOT EXISTS ${agents} (
  id            text        NOT NULL PRIMARY KEY,
  name          text,
  purpose       text,
  provider      text,
  model         text,
  temperature   double precision,
  max_tokens    integer,
  tools         text[],
  system_prompt text,
  policy_ids    text[],
  budget        jsonb,
  version       integer     NOT NULL,
  status        text        NOT NULL,
  created_at    timestamptz NOT NULL,
  archived_at   timestamptz,
  updated_at    timestamptz NOT NULL,
  last_revision integer     NOT NULL,
  last_position text        NOT NULL
);
CREATE INDEX IF NOT EXISTS ${name}_created_idx ON ${agents} (created_at DESC, id DESC);
-- Added later: rows written before are NULL here until \`npm run projections -- rebuild agents\`.
ALTER TABLE ${agents} ADD COLUMN IF NOT EXISTS endpoint text;
ALTER TABLE ${agents} ADD COLUMN IF NOT EXISTS approval jsonb;
`;
}

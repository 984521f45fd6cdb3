import { readTable, type TableSet } from '../projection.ts';

/** The `runs` read model: one row per run, its status and totals derived from the run's events. */
export function runsMigration(tables: TableSet): string {
  const runs = readTable('runs', tables);
  const name = `runs${tables.suffix}`;
  return `
CREATE TABLE IF NOT EXISTS ${runs} (
  id                 text          NOT NULL PRIMARY KEY,
  agent_id           text,
  agent_version      integer,
  goal               text,
  forked_from        text,
  forked_at_revision integer,
  status             text          NOT NULL,
  status_revision    integer       NOT NULL,
  steps              integer       NOT NULL,
  input_tokens       bigint        NOT NULL,
  output_tokens      bigint        NOT NULL,
  cost_usd           numeric(20,9) NOT NULL,
  output             jsonb,
  error              text,
  error_code         text,
  started_at         timestamptz   NOT NULL,
  finished_at        timestamptz,
  updated_at         timestamptz   NOT NULL,
  last_revision      integer       NOT NULL,
  last_position      text          NOT NULL
);
CREATE INDEX IF NOT EXISTS ${name}_started_idx ON ${runs} (started_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${name}_agent_started_idx ON ${runs} (agent_id, started_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${name}_status_started_idx ON ${runs} (status, started_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${name}_finished_idx ON ${runs} (finished_at);
CREATE INDEX IF NOT EXISTS ${name}_cost_idx ON ${runs} (cost_usd DESC, id DESC);
CREATE INDEX IF NOT EXISTS ${name}_steps_idx ON ${runs} (steps DESC, id DESC);
`;
}

import { readTable, type TableSet } from '../projection.ts';

/** The `run_steps` read model: one row per (run, step), folded from the run's events. */
export function runStepsMigration(tables: TableSet): string {
  const steps = readTable('run_steps', tables);
  return `
CREATE TABLE IF NOT EXISTS ${steps} (
  run_id             text        NOT NULL,
  step               integer     NOT NULL,
  status             text        NOT NULL,
  kind               text,
  thought            text        NOT NULL,
  tool               text,
  params             jsonb,
  proposed_params    jsonb,
  params_summary     text,
  output             jsonb,
  risk               text,
  decision           text,
  outcome            text,
  result             jsonb,
  edited_by          text,
  input_tokens       bigint      NOT NULL,
  output_tokens      bigint      NOT NULL,
  cached_tokens      bigint      NOT NULL,
  reasoning_tokens   bigint      NOT NULL,
  cost_nanos         bigint      NOT NULL,
  latency_ms         integer,
  started_at         timestamptz NOT NULL,
  finished_at        timestamptz,
  duration_ms        bigint,
  reasoning_revision integer,
  first_revision     integer     NOT NULL,
  last_revision      integer     NOT NULL,
  PRIMARY KEY (run_id, step)
);
`;
}

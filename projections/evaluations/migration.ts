import { readTable, type TableSet } from '../projection.ts';

/**
 * The `evaluations` read model: one row per evaluation and one per item (its run and, once scored,
 * the scores `RunScored` recorded). Cost and latency are the runs read model's, joined when read.
 */
export function evaluationsMigration(tables: TableSet): string {
  const evaluations = readTable('evaluations', tables);
  const items = readTable('evaluation_items', tables);
  const s = tables.suffix;
  return `
CREATE TABLE IF NOT EXISTS ${evaluations} (
  evaluation_id text             NOT NULL PRIMARY KEY,
  dataset_id    text             NOT NULL,
  agent_id      text             NOT NULL,
  agent_version integer          NOT NULL,
  scorers       jsonb            NOT NULL,
  concurrency   integer          NOT NULL,
  score         double precision,
  started_by    text             NOT NULL,
  started_at    timestamptz      NOT NULL,
  completed_at  timestamptz
);
CREATE INDEX IF NOT EXISTS evaluations${s}_started_idx ON ${evaluations} (started_at DESC, evaluation_id);
CREATE INDEX IF NOT EXISTS evaluations${s}_dataset_idx ON ${evaluations} (dataset_id, started_at DESC);
CREATE TABLE IF NOT EXISTS ${items} (
  evaluation_id   text             NOT NULL,
  item_id         text             NOT NULL,
  idx             integer          NOT NULL,
  run_id          text             NOT NULL,
  goal            text             NOT NULL,
  expected_output text,
  score           double precision,
  scores          jsonb,
  scored_at       timestamptz,
  PRIMARY KEY (evaluation_id, item_id)
);
CREATE INDEX IF NOT EXISTS evaluation_items${s}_order_idx ON ${items} (evaluation_id, idx);
`;
}

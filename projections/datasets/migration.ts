import { readTable, type TableSet } from '../projection.ts';

/**
 * The `datasets` read model: one row per dataset and one per item, in the order they were added
 * (`position`, then `idx` within the event).
 */
export function datasetsMigration(tables: TableSet): string {
  const datasets = readTable('datasets', tables);
  const items = readTable('dataset_items', tables);
  const s = tables.suffix;
  return `
CREATE TABLE IF NOT EXISTS ${datasets} (
  dataset_id  text        NOT NULL PRIMARY KEY,
  name        text        NOT NULL,
  description text,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS datasets${s}_created_idx ON ${datasets} (created_at DESC, dataset_id);
CREATE TABLE IF NOT EXISTS ${items} (
  item_id         text        NOT NULL PRIMARY KEY,
  dataset_id      text        NOT NULL,
  goal            text        NOT NULL,
  expected_output text,
  source_run_id   text,
  added_at        timestamptz NOT NULL,
  position        text        NOT NULL,
  idx             integer     NOT NULL
);
CREATE INDEX IF NOT EXISTS dataset_items${s}_dataset_idx ON ${items} (dataset_id, position, idx);
`;
}

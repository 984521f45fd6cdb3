import { readTable, type TableSet } from '../projection.ts';

/**
 * The `step_annotations` read model: one row per `StepAnnotated` (feedback on a run's step).
 * Indexed by run and step (the trace shows a step's annotations; `runs(filter: { annotated })` asks
 * whether a run has any) and by label (`runs(filter: { annotationLabel })`).
 */
export function annotationsMigration(tables: TableSet): string {
  const annotations = readTable('step_annotations', tables);
  const s = tables.suffix;
  return `
CREATE TABLE IF NOT EXISTS ${annotations} (
  annotation_id text             NOT NULL PRIMARY KEY,
  run_id        text             NOT NULL,
  step          integer          NOT NULL,
  label         text             NOT NULL,
  score         double precision NOT NULL,
  comment       text,
  annotated_by  text             NOT NULL,
  created_at    timestamptz      NOT NULL,
  position      text             NOT NULL
);
CREATE INDEX IF NOT EXISTS step_annotations${s}_run_idx ON ${annotations} (run_id, step, created_at);
CREATE INDEX IF NOT EXISTS step_annotations${s}_label_idx ON ${annotations} (label, run_id);
`;
}

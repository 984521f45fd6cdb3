import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';

/** An annotation as the API shows it. */
export interface AnnotationView {
  annotationId: string;
  runId: string;
  step: number;
  label: string;
  score: number;
  comment: string | null;
  /** The actor's id. */
  by: string;
  createdAt: Date;
}

interface AnnotationRowOut {
  annotation_id: string;
  run_id: string;
  step: number;
  label: string;
  score: number | string;
  comment: string | null;
  annotated_by: string;
  created_at: Date;
}

const ANNOTATIONS = readTable('step_annotations', LIVE_TABLES);

function toView(row: AnnotationRowOut): AnnotationView {
  return {
    annotationId: row.annotation_id,
    runId: row.run_id,
    step: row.step,
    label: row.label,
    score: Number(row.score),
    comment: row.comment,
    by: row.annotated_by,
    createdAt: row.created_at,
  };
}

/** Every annotation of the run, by step then oldest first. */
export async function listRunAnnotations(db: SqlQueryable, runId: string): Promise<AnnotationView[]> {
  const { rows } = await db.query<AnnotationRowOut>(
    `SELECT annotation_id, run_id, step, label, score, comment, annotated_by, created_at
       FROM ${ANNOTATIONS} WHERE run_id = $1 ORDER BY step, created_at, annotation_id`,
    [runId],
  );
  return rows.map(toView);
}

/**
 * The runs filter's condition on annotations (`runIdColumn` names the run id in the outer query): an EXISTS on this
 * read model, so the runs read model needs no column of its own. `label` narrows to that label.
 */
export function annotatedCondition(
  runIdColumn: string,
  filter: { annotated?: boolean | undefined; label?: string | undefined },
  param: (value: unknown) => string,
): string[] {
  const conditions: string[] = [];
  if (filter.annotated !== undefined) {
    const exists = `EXISTS (SELECT 1 FROM ${ANNOTATIONS} a WHERE a.run_id = ${runIdColumn})`;
    conditions.push(filter.annotated ? exists : `NOT ${exists}`);
  }
  if (filter.label !== undefined) {
    conditions.push(
      `EXISTS (SELECT 1 FROM ${ANNOTATIONS} a WHERE a.run_id = ${runIdColumn} AND a.label = ${param(filter.label)})`,
    );
  }
  return conditions;
}

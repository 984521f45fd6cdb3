import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { readTable, type TableSet } from '../projection.ts';
import type { AnnotationRow } from './mapping.ts';

/** Writes a batch's annotations with one statement (a replayed batch changes nothing). */
export async function writeAnnotations(
  tx: SqlQueryable,
  rows: readonly AnnotationRow[],
  tables: TableSet,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO ${readTable('step_annotations', tables)}
       (annotation_id, run_id, step, label, score, comment, annotated_by, created_at, position)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::float8[], $6::text[],
                          $7::text[], $8::timestamptz[], $9::text[])
     ON CONFLICT (annotation_id) DO NOTHING`,
    [
      rows.map((row) => row.annotationId),
      rows.map((row) => row.runId),
      rows.map((row) => row.step),
      rows.map((row) => row.label),
      rows.map((row) => row.score),
      rows.map((row) => row.comment),
      rows.map((row) => row.by),
      rows.map((row) => row.createdAt),
      rows.map((row) => row.position),
    ],
  );
}

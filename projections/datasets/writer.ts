import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { readTable, type TableSet } from '../projection.ts';
import type { DatasetChanges } from './mapping.ts';

/** Writes a batch's datasets and items (a replayed batch changes nothing). */
export async function writeDatasetChanges(
  tx: SqlQueryable,
  changes: DatasetChanges,
  tables: TableSet,
): Promise<void> {
  if (changes.datasets.length > 0) {
    await tx.query(
      `INSERT INTO ${readTable('datasets', tables)} (dataset_id, name, description, created_by, created_at, updated_at)
       SELECT d."datasetId", d.name, d.description, d."createdBy", d."createdAt", d."createdAt"
         FROM jsonb_to_recordset($1::jsonb) AS d("datasetId" text, name text, description text, "createdBy" text,
              "createdAt" timestamptz)
       ON CONFLICT (dataset_id) DO NOTHING`,
      [JSON.stringify(changes.datasets)],
    );
  }
  if (changes.items.length > 0) {
    await tx.query(
      `INSERT INTO ${readTable('dataset_items', tables)}
         (item_id, dataset_id, goal, expected_output, source_run_id, added_at, position, idx)
       SELECT i."itemId", i."datasetId", i.goal, i."expectedOutput", i."sourceRunId", i."addedAt", i.position, i.idx
         FROM jsonb_to_recordset($1::jsonb) AS i("itemId" text, "datasetId" text, goal text, "expectedOutput" text,
              "sourceRunId" text, "addedAt" timestamptz, position text, idx integer)
       ON CONFLICT (item_id) DO NOTHING`,
      [JSON.stringify(changes.items)],
    );
  }
  if (changes.touched.size > 0) {
    await tx.query(
      `UPDATE ${readTable('datasets', tables)} AS d SET updated_at = greatest(d.updated_at, t.at)
         FROM unnest($1::text[], $2::timestamptz[]) AS t(id, at) WHERE d.dataset_id = t.id`,
      [[...changes.touched.keys()], [...changes.touched.values()]],
    );
  }
}

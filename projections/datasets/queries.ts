import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { LIVE_TABLES, readTable } from '../projection.ts';

export interface DatasetView {
  datasetId: string;
  name: string;
  description: string | null;
  itemCount: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DatasetItemView {
  itemId: string;
  datasetId: string;
  goal: string;
  expectedOutput: string | null;
  sourceRunId: string | null;
  addedAt: Date;
}

const DATASETS = readTable('datasets', LIVE_TABLES);
const ITEMS = readTable('dataset_items', LIVE_TABLES);

interface DatasetRowOut {
  dataset_id: string;
  name: string;
  description: string | null;
  item_count: number | string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const SELECT_DATASET = `SELECT d.dataset_id, d.name, d.description, d.created_by, d.created_at, d.updated_at,
       (SELECT count(*) FROM ${ITEMS} i WHERE i.dataset_id = d.dataset_id) AS item_count
  FROM ${DATASETS} d`;

function toView(row: DatasetRowOut): DatasetView {
  return {
    datasetId: row.dataset_id,
    name: row.name,
    description: row.description,
    itemCount: Number(row.item_count),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every dataset, newest first (at most `limit`). */
export async function listDatasets(db: SqlQueryable, limit = 200): Promise<DatasetView[]> {
  const { rows } = await db.query<DatasetRowOut>(
    `${SELECT_DATASET} ORDER BY d.created_at DESC, d.dataset_id LIMIT $1`,
    [limit],
  );
  return rows.map(toView);
}

export async function getDataset(db: SqlQueryable, datasetId: string): Promise<DatasetView | null> {
  const { rows } = await db.query<DatasetRowOut>(`${SELECT_DATASET} WHERE d.dataset_id = $1`, [datasetId]);
  return rows[0] ? toView(rows[0]) : null;
}

/** The dataset's items in the order they were added. */
export async function listDatasetItems(db: SqlQueryable, datasetId: string): Promise<DatasetItemView[]> {
  const { rows } = await db.query<{
    item_id: string;
    dataset_id: string;
    goal: string;
    expected_output: string | null;
    source_run_id: string | null;
    added_at: Date;
  }>(
    `SELECT item_id, dataset_id, goal, expected_output, source_run_id, added_at
       FROM ${ITEMS} WHERE dataset_id = $1 ORDER BY position, idx`,
    [datasetId],
  );
  return rows.map((row) => ({
    itemId: row.item_id,
    datasetId: row.dataset_id,
    goal: row.goal,
    expectedOutput: row.expected_output,
    sourceRunId: row.source_run_id,
    addedAt: row.added_at,
  }));
}

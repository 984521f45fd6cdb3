import type { SqlQueryable } from '../../server/db/sql-database.ts';
import { readTable, type TableSet } from '../projection.ts';
import type { EvaluationChange } from './mapping.ts';

/**
 * Applies a batch's changes in log order. Each statement sets values (never adds to them), so a
 * replayed batch leaves the rows as they were.
 */
export async function writeEvaluationChanges(
  tx: SqlQueryable,
  changes: readonly EvaluationChange[],
  tables: TableSet,
): Promise<void> {
  const evaluations = readTable('evaluations', tables);
  const items = readTable('evaluation_items', tables);
  for (const change of changes) {
    if (change.kind === 'started') {
      await tx.query(
        `INSERT INTO ${evaluations} (evaluation_id, dataset_id, agent_id, agent_version, scorers, concurrency,
                                     started_by, started_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) ON CONFLICT (evaluation_id) DO NOTHING`,
        [
          change.evaluationId,
          change.datasetId,
          change.agentId,
          change.agentVersion,
          JSON.stringify(change.scorers),
          change.concurrency,
          change.startedBy,
          change.startedAt,
        ],
      );
      await tx.query(
        `INSERT INTO ${items} (evaluation_id, item_id, idx, run_id, goal, expected_output)
         SELECT $1, i."itemId", i.idx, i."runId", i.goal, i."expectedOutput"
           FROM jsonb_to_recordset($2::jsonb) AS i("itemId" text, idx integer, "runId" text, goal text,
                "expectedOutput" text)
         ON CONFLICT (evaluation_id, item_id) DO NOTHING`,
        [change.evaluationId, JSON.stringify(change.items)],
      );
    } else if (change.kind === 'scored') {
      await tx.query(
        `UPDATE ${items} SET score = $3, scores = $4::jsonb, scored_at = $5
          WHERE evaluation_id = $1 AND item_id = $2`,
        [change.evaluationId, change.itemId, change.score, JSON.stringify(change.scores), change.scoredAt],
      );
    } else {
      await tx.query(`UPDATE ${evaluations} SET score = $2, completed_at = $3 WHERE evaluation_id = $1`, [
        change.evaluationId,
        change.score,
        change.completedAt,
      ]);
    }
  }
}

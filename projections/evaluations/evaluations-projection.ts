import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { mapEvaluationEvents } from './mapping.ts';
import { evaluationsMigration } from './migration.ts';
import { writeEvaluationChanges } from './writer.ts';

/** `read.evaluations` and `read.evaluation_items`: scores per item and in total (`evaluation(id)`). */
export const evaluationsProjection: Projection = {
  name: 'evaluations',
  tables: ['evaluations', 'evaluation_items'],
  migrate: (db, tables) => runMigration(db, evaluationsMigration(tables)),
  apply: (tx, events, tables) => writeEvaluationChanges(tx, mapEvaluationEvents(events), tables),
};

import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { mapRunEvents } from './mapping.ts';
import { runsMigration } from './migration.ts';
import { writeRunChanges } from './writer.ts';

/** `read.runs`: one row per run with its status and totals. */
export const runsProjection: Projection = {
  name: 'runs',
  tables: ['runs'],
  migrate: (db, tables) => runMigration(db, runsMigration(tables)),
  apply: (tx, events, tables) => writeRunChanges(tx, mapRunEvents(events), tables),
};

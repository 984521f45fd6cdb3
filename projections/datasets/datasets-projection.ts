import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { mapDatasetEvents } from './mapping.ts';
import { datasetsMigration } from './migration.ts';
import { writeDatasetChanges } from './writer.ts';

/** `read.datasets` and `read.dataset_items`: what the evaluations page lists and `dataset(id)` shows. */
export const datasetsProjection: Projection = {
  name: 'datasets',
  tables: ['datasets', 'dataset_items'],
  migrate: (db, tables) => runMigration(db, datasetsMigration(tables)),
  apply: (tx, events, tables) => writeDatasetChanges(tx, mapDatasetEvents(events), tables),
};

import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { runStepsMigration } from './migration.ts';
import { writeRunStepEvents } from './writer.ts';

/** `read.run_steps`: one row per (run, step) with its status, params, verdict, usage and times. */
export const runStepsProjection: Projection = {
  name: 'run_steps',
  tables: ['run_steps'],
  migrate: (db, tables) => runMigration(db, runStepsMigration(tables)),
  apply: (tx, events, tables) => writeRunStepEvents(tx, events, tables),
};

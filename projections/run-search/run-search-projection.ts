import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { mapRunSearchEvents } from './mapping.ts';
import { runSearchMigration } from './migration.ts';
import { writeRunSearchChanges } from './writer.ts';

/** `read.run_search`: per run, a full-text document of its goal, thoughts and output, its tools and top risk. */
export const runSearchProjection: Projection = {
  name: 'run_search',
  tables: ['run_search', 'run_search_terms'],
  migrate: (db, tables) => runMigration(db, runSearchMigration(tables)),
  apply: (tx, events, tables) => writeRunSearchChanges(tx, mapRunSearchEvents(events), tables),
};

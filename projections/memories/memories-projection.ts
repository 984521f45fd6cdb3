import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { detectVectorSupport } from '../vector-support.ts';
import { mapMemoryEvents } from './mapping.ts';
import { memoriesMigration } from './migration.ts';
import { writeMemoryChanges } from './writer.ts';

/** `read.memories`: every memory a run stored, with its embedding, for nearest-neighbour search. */
export const memoriesProjection: Projection = {
  name: 'memories',
  tables: ['memories', 'memory_runs'],
  async migrate(db, tables, { logger }) {
    const support = await detectVectorSupport(db, logger);
    await runMigration(db, memoriesMigration(tables, support));
  },
  apply: (tx, events, tables) => writeMemoryChanges(tx, mapMemoryEvents(events), tables),
};

import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { mapAgentEvents } from './mapping.ts';
import { agentsMigration } from './migration.ts';
import { writeAgentChanges } from './writer.ts';

/** `read.agents`: one row per agent with its current configuration. */
export const agentsProjection: Projection = {
  name: 'agents',
  tables: ['agents'],
  migrate: (db, tables) => runMigration(db, agentsMigration(tables)),
  apply: (tx, events, tables) => writeAgentChanges(tx, mapAgentEvents(events), tables),
};

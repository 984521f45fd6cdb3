import { runMigration } from '../checkpoints.ts';
import type { Projection } from '../projection.ts';
import { mapUsageEvents } from './mapping.ts';
import { usageMigration } from './migration.ts';
import { writeUsageChanges } from './writer.ts';

/** `read.usage_*`: one row per LLM call and per tool call, for the observability aggregates. */
export const usageProjection: Projection = {
  name: 'usage',
  tables: ['usage_llm_calls', 'usage_tool_calls', 'usage_runs'],
  migrate: (db, tables) => runMigration(db, usageMigration(tables)),
  apply: (tx, events, tables) => writeUsageChanges(tx, mapUsageEvents(events), tables),
};

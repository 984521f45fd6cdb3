import type { SqlDatabase } from '../server/db/sql-database.ts';
import type { EventStore } from '../server/eventstore/port.ts';
import { readCheckpoint } from './checkpoints.ts';
import type { Projection } from './projection.ts';

/** Where a projection stands against the log; `eventsBehind` is the lag metric (capped). */
export interface ProjectionStatus {
  projection: string;
  checkpoint: string | null;
  headPosition: string | null;
  eventsBehind: number;
  caughtUp: boolean;
}

/**
 * Reads every projection's checkpoint and counts the events after it. Works without a running runner
 * (the CLI's `status`), because the checkpoints live in the database.
 */
export async function projectionStatus(options: {
  store: EventStore;
  db: SqlDatabase;
  projections: readonly Projection[];
  lagCap?: number;
}): Promise<ProjectionStatus[]> {
  const { store, db } = options;
  const cap = options.lagCap ?? 10_000;
  const headPosition = await store.headPosition();
  return Promise.all(
    options.projections.map(async (projection) => {
      const checkpoint = await readCheckpoint(db, projection.name);
      const eventsBehind = await store.countAfter(checkpoint, cap);
      return {
        projection: projection.name,
        checkpoint,
        headPosition,
        eventsBehind,
        caughtUp: eventsBehind === 0,
      };
    }),
  );
}

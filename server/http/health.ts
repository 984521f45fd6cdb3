import type { SqlDatabase } from '../db/sql-database.ts';
import type { EventStore } from '../eventstore/port.ts';

export interface ReadinessDependencies {
  db: SqlDatabase;
  store: EventStore;
  projectionStatus(): Promise<{ name: string; eventsBehind: number; caughtUp: boolean }[]>;
}

export interface Readiness {
  ready: boolean;
  eventStore: { ok: boolean; name: string; head?: string | null; error?: string };
  readModels: { ok: boolean; error?: string };
  projections: { name: string; eventsBehind: number; caughtUp: boolean }[];
}

/** /ready: the event store and the read models answer; projection lag is reported, not judged. */
export async function checkReadiness(deps: ReadinessDependencies): Promise<Readiness> {
  const eventStore: Readiness['eventStore'] = { ok: false, name: deps.store.name };
  const readModels: Readiness['readModels'] = { ok: false };
  let projections: Readiness['projections'] = [];
  try {
    eventStore.head = await deps.store.headPosition();
    eventStore.ok = true;
  } catch (error) {
    eventStore.error = error instanceof Error ? error.message : String(error);
  }
  try {
    await deps.db.query('SELECT 1');
    projections = await deps.projectionStatus();
    readModels.ok = true;
  } catch (error) {
    readModels.error = error instanceof Error ? error.message : String(error);
  }
  return { ready: eventStore.ok && readModels.ok, eventStore, readModels, projections };
}

import type { HeldLeases } from '../cluster/lease-report.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { EventStore } from '../eventstore/port.ts';

export interface ReadinessDependencies {
  db: SqlDatabase;
  store: EventStore;
  projectionStatus(): Promise<{ name: string; eventsBehind: number; caughtUp: boolean }[]>;
  /** Consumers of the log with effects outside it (the OpenTelemetry export), when this process runs any. */
  reactorStatus?(): Promise<{ name: string; eventsBehind: number; caughtUp: boolean }[]>;
  /** What this process does (SPARK_ROLES). */
  roles?: readonly string[];
  /** The leases this process holds (projections, runs, reactors) under its owner id. */
  leases?(): Promise<HeldLeases>;
}

export interface Readiness {
  ready: boolean;
  eventStore: { ok: boolean; name: string; head?: string | null; error?: string };
  readModels: { ok: boolean; error?: string };
  projections: { name: string; eventsBehind: number; caughtUp: boolean }[];
  /** Reported like projections, judged neither: an export that lags makes no request fail. */
  reactors: { name: string; eventsBehind: number; caughtUp: boolean }[];
  roles?: readonly string[];
  /** Null while the database does not answer. */
  leases?: HeldLeases | null;
}

/** /ready: the event store and the read models answer; projection lag is reported, not judged. */
export async function checkReadiness(deps: ReadinessDependencies): Promise<Readiness> {
  const eventStore: Readiness['eventStore'] = { ok: false, name: deps.store.name };
  const readModels: Readiness['readModels'] = { ok: false };
  let projections: Readiness['projections'] = [];
  let reactors: Readiness['reactors'] = [];
  let leases: HeldLeases | null = null;
  try {
    eventStore.head = await deps.store.headPosition();
    eventStore.ok = true;
  } catch (error) {
    eventStore.error = error instanceof Error ? error.message : String(error);
  }
  try {
    await deps.db.query('SELECT 1');
    projections = await deps.projectionStatus();
    reactors = (await deps.reactorStatus?.()) ?? [];
    leases = (await deps.leases?.()) ?? null;
    readModels.ok = true;
  } catch (error) {
    readModels.error = error instanceof Error ? error.message : String(error);
  }
  return {
    ready: eventStore.ok && readModels.ok,
    eventStore,
    readModels,
    projections,
    reactors,
    ...(deps.roles ? { roles: deps.roles } : {}),
    ...(deps.leases ? { leases } : {}),
  };
}

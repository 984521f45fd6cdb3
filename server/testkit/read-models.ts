// Fixtures for read-model tests: the databases to run them on, and projecting a log into them.
import { applyBatch, ensureCheckpoint, migrateCheckpoints } from '../../projections/checkpoints.ts';
import { LIVE_TABLES, type Projection, READ_SCHEMA, readTable } from '../../projections/projection.ts';
import type { SqlDatabase } from '../db/sql-database.ts';
import type { RecordedEvent } from '../eventstore/port.ts';
import { silentLogger } from '../logger.ts';
import { createTestDatabase, createTestPglite } from './postgres.ts';

/** A database a read-model test runs on, opened fresh for each test. */
export interface SqlTarget {
  name: string;
  open(): Promise<{ db: SqlDatabase; drop(): Promise<void> }>;
}

/** Both drivers: the PostgreSQL server (no pgvector there) and PGlite (with pgvector). */
export const sqlTargets: readonly SqlTarget[] = [
  { name: 'postgres server', open: () => createTestDatabase('spark_read') },
  { name: 'pglite', open: () => createTestPglite() },
];

/** Drops every read model and checkpoint, as if the database were new. */
export async function resetReadModels(db: SqlDatabase): Promise<void> {
  await db.exec(`DROP SCHEMA IF EXISTS ${READ_SCHEMA} CASCADE`);
}

/**
 * Creates the projection's live tables and applies `events` to them the way the runner does (batch
 * and checkpoint in one transaction), cut into batches before each index of `cuts`.
 */
export async function projectEvents(
  db: SqlDatabase,
  projection: Projection,
  events: readonly RecordedEvent[],
  cuts: readonly number[] = [],
): Promise<void> {
  await migrateCheckpoints(db);
  await projection.migrate(db, LIVE_TABLES, { logger: silentLogger });
  let expected = await ensureCheckpoint(db, projection.name);
  const bounds = [0, ...cuts, events.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const batch = events.slice(bounds[i], bounds[i + 1]);
    if (batch.length > 0)
      expected = await applyBatch(db, { projection, tables: LIVE_TABLES, expected, events: batch });
  }
}

/**
 * Every row of one of a projection's live tables, in one order whatever the physical order: by its
 * first column, then by the whole row (a key of several columns, such as run_steps' (run, step),
 * leaves rows with the same first column in any order otherwise).
 */
export async function tableRows(db: SqlDatabase, table: string): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query(`SELECT * FROM ${readTable(table, LIVE_TABLES)} AS t ORDER BY 1, t::text`);
  return rows;
}

/** Every row of every table of the projections, keyed by table. */
export async function readModelRows(
  db: SqlDatabase,
  projections: readonly Projection[],
): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const projection of projections) {
    for (const table of projection.tables) out[table] = await tableRows(db, table);
  }
  return out;
}

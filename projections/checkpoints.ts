import type { SqlDatabase, SqlQueryable } from '../server/db/sql-database.ts';
import type { RecordedEvent } from '../server/eventstore/port.ts';
import { assertLeaseHeld, type LeaseFence, PROJECTION_LEASES_SQL } from './leases.ts';
import { type Projection, READ_SCHEMA, type TableSet } from './projection.ts';

/** Raised inside the batch transaction when the checkpoint is not where the batch started: it rolls back. */
export class CheckpointMovedError extends Error {
  readonly code = 'CHECKPOINT_MOVED';
  readonly checkpoint: string;
  readonly expected: string | null;
  constructor(checkpoint: string, expected: string | null) {
    super(`Checkpoint ${checkpoint} is no longer at ${expected ?? '(start)'}; another writer moved it`);
    this.name = 'CheckpointMovedError';
    this.checkpoint = checkpoint;
    this.expected = expected;
  }
}

const CHECKPOINTS_SQL = `
CREATE TABLE IF NOT EXISTS ${READ_SCHEMA}.checkpoints (
  projection text PRIMARY KEY,
  position   text,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;

/** NOTIFY channel on which a rebuild announces that it moved a checkpoint (payload: the projection). */
export const CHECKPOINTS_CHANNEL = 'read_checkpoints';

/** The advisory lock every writer of a projection's tables holds for its transaction. */
export function projectionLockKey(projection: string, tables: TableSet): string {
  return `read.projection:${projection}${tables.suffix}`;
}

/** The checkpoint row of a projection's tables: the live ones, or a rebuild's copies. */
export function checkpointKey(projection: string, tables: TableSet): string {
  return `${projection}${tables.suffix}`;
}

/** Creates schema `read`, the checkpoints and the projection leases; safe from several processes at once. */
export function migrateCheckpoints(db: SqlDatabase): Promise<void> {
  return runMigration(db, `${CHECKPOINTS_SQL}${PROJECTION_LEASES_SQL}`);
}

/** Makes sure the checkpoint row exists (at the start of the log when new) and returns its position. */
export async function ensureCheckpoint(db: SqlQueryable, key: string): Promise<string | null> {
  await db.query(
    `INSERT INTO ${READ_SCHEMA}.checkpoints (projection, position) VALUES ($1, NULL) ON CONFLICT (projection) DO NOTHING`,
    [key],
  );
  return readCheckpoint(db, key);
}

/** The position a projection has applied up to; null before the first event or when unknown. */
export async function readCheckpoint(db: SqlQueryable, key: string): Promise<string | null> {
  const { rows } = await db.query<{ position: string | null }>(
    `SELECT position FROM ${READ_SCHEMA}.checkpoints WHERE projection = $1`,
    [key],
  );
  return rows[0]?.position ?? null;
}

/**
 * Sets a checkpoint whatever it was and, at commit, tells runners in every process (NOTIFY) so that
 * they resubscribe from it: only a rebuild does this.
 */
export async function setCheckpoint(tx: SqlQueryable, key: string, position: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO ${READ_SCHEMA}.checkpoints (projection, position, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
    [key, position],
  );
  await tx.query('SELECT pg_notify($1, $2)', [CHECKPOINTS_CHANNEL, key]);
}

export interface ApplyBatchOptions {
  projection: Projection;
  tables: TableSet;
  /** The checkpoint the batch starts from; the batch is void if the stored one differs. */
  expected: string | null;
  events: readonly RecordedEvent[];
  /**
   * Commit without waiting for the WAL flush (rebuilds): safe because a lost commit loses the
   * effects and the checkpoint together, and the batch is simply done again.
   */
  relaxedDurability?: boolean;
  /**
   * The projection lease the live runner holds: checked (and locked) in the same transaction as the
   * read-model write and the checkpoint move, so a holder that lost it writes nothing.
   */
  fence?: LeaseFence;
  /**
   * The longest the transaction may sit idle (a paused process holding it): PostgreSQL then ends it,
   * freeing the projection's lock for the standby that took the lease over (PostgreSQL server only).
   */
  idleLimitMs?: number;
}

/**
 * Applies one batch to a projection's tables and moves its checkpoint to the batch's last position,
 * in ONE transaction: either both happen or neither (exactly-once effect over at-least-once delivery).
 * @throws CheckpointMovedError (after rolling back) when the checkpoint was not at `expected`.
 * @throws LeaseLostError (after rolling back) when `fence` is given and that lease is no longer held.
 * @throws whatever the projection throws (after rolling back).
 * @returns the new checkpoint.
 */
export async function applyBatch(db: SqlDatabase, options: ApplyBatchOptions): Promise<string> {
  const { projection, tables, expected, events } = options;
  const last = events[events.length - 1];
  if (!last) throw new RangeError('applyBatch needs at least one event');
  const key = checkpointKey(projection.name, tables);
  await db.transaction(async (tx) => {
    // Queues behind a rebuild's switch (which takes the same lock): after it, the tables are the new ones.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      projectionLockKey(projection.name, tables),
    ]);
    if (options.relaxedDurability) await tx.query('SET LOCAL synchronous_commit = off');
    // PGlite is one in-process session with no other holder to unblock: ending it would end the database.
    if (options.idleLimitMs !== undefined && db.kind === 'pg')
      await tx.query(
        `SET LOCAL idle_in_transaction_session_timeout = ${Math.max(1, Math.round(options.idleLimitMs))}`,
      );
    await projection.apply(tx, events, tables);
    // Last, so that a lease lost while the batch was applied (a long pause) is seen.
    if (options.fence) await assertLeaseHeld(tx, projection.name, options.fence);
    const moved = await tx.query(
      `UPDATE ${READ_SCHEMA}.checkpoints SET position = $2, updated_at = now()
        WHERE projection = $1 AND position IS NOT DISTINCT FROM $3`,
      [key, last.position, expected],
    );
    if (moved.rowCount !== 1) throw new CheckpointMovedError(key, expected);
  });
  return last.position;
}

/**
 * Runs a projection's DDL script (statements separated by `;`, no `;` inside them) in one
 * transaction, serialised with every other read-model migration so that processes starting together
 * do not race on CREATE … IF NOT EXISTS.
 */
export async function runMigration(db: SqlDatabase, script: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('read.migrate', 0))`);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${READ_SCHEMA}`);
    for (const statement of script.split(';')) {
      if (statement.trim()) await tx.query(statement);
    }
  });
}

import type { SqlDatabase, SqlQueryable } from '../server/db/sql-database.ts';
import { READ_SCHEMA } from './projection.ts';

/**
 * One row per projection (`read.projection_leases`): the process that holds it is the projection's
 * only active runner. Every claim raises the epoch, so a holder that lost the lease (paused,
 * partitioned) carries a stale epoch that `assertLeaseHeld` refuses inside its batch transaction.
 */
export const PROJECTION_LEASES_SQL = `
CREATE TABLE IF NOT EXISTS ${READ_SCHEMA}.projection_leases (
  projection  text PRIMARY KEY,
  owner       text NOT NULL,
  epoch       bigint NOT NULL,
  lease_until timestamptz NOT NULL
);`;

/** A held lease: who holds it and the epoch its writes are fenced with. */
export interface LeaseFence {
  owner: string;
  epoch: number;
}

/** Raised inside a batch transaction whose lease is no longer held with its epoch: it rolls back. */
export class LeaseLostError extends Error {
  readonly code = 'LEASE_LOST';
  readonly projection: string;
  readonly fence: LeaseFence;
  constructor(projection: string, fence: LeaseFence) {
    super(
      `The lease on projection ${projection} (owner ${fence.owner}, epoch ${fence.epoch}) was lost: the write is refused`,
    );
    this.name = 'LeaseLostError';
    this.projection = projection;
    this.fence = fence;
  }
}

export interface ProjectionLeaseRow {
  projection: string;
  owner: string;
  epoch: number;
  leaseUntil: Date;
  /** The lease has not expired (by the database's clock). */
  live: boolean;
}

export interface ProjectionLeases {
  /** Takes the lease when it is free, expired or already ours, with a new epoch; null when another holds it. */
  claim(projection: string): Promise<LeaseFence | null>;
  /** Extends a held lease; false when it was taken over (the epoch moved). */
  renew(projection: string, fence: LeaseFence): Promise<boolean>;
  /** Gives a held lease up at once (it expires now; the epoch stays, so the next claim raises it). */
  release(projection: string, fence: LeaseFence): Promise<void>;
}

export function createProjectionLeases(options: {
  db: SqlDatabase;
  owner: string;
  leaseMs: number;
}): ProjectionLeases {
  const { db, owner, leaseMs } = options;
  return {
    async claim(projection) {
      const { rows } = await db.query<{ epoch: string | number }>(
        `INSERT INTO ${READ_SCHEMA}.projection_leases AS l (projection, owner, epoch, lease_until)
         VALUES ($1, $2, 1, clock_timestamp() + $3::int * interval '1 millisecond')
         ON CONFLICT (projection) DO UPDATE
           SET owner = EXCLUDED.owner, epoch = l.epoch + 1, lease_until = EXCLUDED.lease_until
           WHERE l.lease_until < clock_timestamp() OR l.owner = EXCLUDED.owner
         RETURNING epoch`,
        [projection, owner, leaseMs],
      );
      const row = rows[0];
      return row ? { owner, epoch: Number(row.epoch) } : null;
    },
    async renew(projection, fence) {
      const result = await db.query(
        `UPDATE ${READ_SCHEMA}.projection_leases
            SET lease_until = clock_timestamp() + $4::int * interval '1 millisecond'
          WHERE projection = $1 AND owner = $2 AND epoch = $3`,
        [projection, fence.owner, fence.epoch, leaseMs],
      );
      return result.rowCount === 1;
    },
    async release(projection, fence) {
      // A millisecond in the past: a claim in the same millisecond (PGlite is that fast) must see
      // the lease as free, and claim compares with `<`.
      await db.query(
        `UPDATE ${READ_SCHEMA}.projection_leases
            SET lease_until = clock_timestamp() - interval '1 millisecond'
          WHERE projection = $1 AND owner = $2 AND epoch = $3`,
        [projection, fence.owner, fence.epoch],
      );
    },
  };
}

/**
 * The fence, in the batch transaction, just before its commit: the lease must still be held with
 * this epoch and unexpired. The row is locked (FOR SHARE) until the commit, so a takeover waits for
 * this batch instead of overlapping it; a takeover that came first makes the batch roll back.
 * @throws LeaseLostError when the lease was lost.
 */
export async function assertLeaseHeld(
  tx: SqlQueryable,
  projection: string,
  fence: LeaseFence,
): Promise<void> {
  const { rows } = await tx.query(
    `SELECT 1 FROM ${READ_SCHEMA}.projection_leases
      WHERE projection = $1 AND owner = $2 AND epoch = $3 AND lease_until > clock_timestamp()
      FOR SHARE`,
    [projection, fence.owner, fence.epoch],
  );
  if (rows.length !== 1) throw new LeaseLostError(projection, fence);
}

/** Every projection lease, expired or not (the CLI's status, /ready). */
export async function listProjectionLeases(db: SqlQueryable): Promise<ProjectionLeaseRow[]> {
  const { rows } = await db.query<{
    projection: string;
    owner: string;
    epoch: string | number;
    lease_until: Date | string;
    live: boolean;
  }>(
    `SELECT projection, owner, epoch, lease_until, lease_until > clock_timestamp() AS live
       FROM ${READ_SCHEMA}.projection_leases ORDER BY projection`,
  );
  return rows.map((row) => ({
    projection: row.projection,
    owner: row.owner,
    epoch: Number(row.epoch),
    leaseUntil: new Date(row.lease_until),
    live: row.live,
  }));
}

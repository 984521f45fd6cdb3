import { migrateApp } from '../db/app-migration.ts';
import type { SqlDatabase } from '../db/sql-database.ts';

/**
 * Row leases on runs (`app.run_leases`): a worker drives a run only while it holds the lease. The
 * expected revision of every append is the real fence; the lease keeps two workers from wasting
 * work (and LLM calls) on the same run.
 */
export interface RunLeases {
  /** Takes or renews the lease when it is free, expired or already ours. */
  claim(runId: string): Promise<boolean>;
  release(runId: string): Promise<void>;
}

export async function createRunLeases(options: {
  db: SqlDatabase;
  owner: string;
  leaseMs: number;
}): Promise<RunLeases> {
  const { db, owner, leaseMs } = options;
  await migrateApp(
    db,
    `
    CREATE TABLE IF NOT EXISTS app.run_leases (
      run_id text PRIMARY KEY, owner text NOT NULL, lease_until timestamptz NOT NULL)`,
  );
  return {
    async claim(runId) {
      const { rows } = await db.query(
        `INSERT INTO app.run_leases (run_id, owner, lease_until)
         VALUES ($1, $2, clock_timestamp() + $3::int * interval '1 millisecond')
         ON CONFLICT (run_id) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
          WHERE app.run_leases.lease_until < clock_timestamp() OR app.run_leases.owner = EXCLUDED.owner
         RETURNING run_id`,
        [runId, owner, leaseMs],
      );
      return rows.length === 1;
    },
    async release(runId) {
      await db.query('DELETE FROM app.run_leases WHERE run_id = $1 AND owner = $2', [runId, owner]);
    },
  };
}

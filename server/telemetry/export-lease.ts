import { migrateApp } from '../db/app-migration.ts';
import type { SqlDatabase } from '../db/sql-database.ts';

/**
 * A row lease (`app.reactor_leases`) that lets one process at a time run a reactor such as the
 * trace export: the others stand by and take over when the holder releases it or stops renewing.
 * The checkpoint's compare-and-set is the real fence; the lease keeps standbys from sending every
 * span a second time.
 */
export interface ExportLease {
  /** Takes or renews the lease when it is free, expired or already ours. */
  claim(): Promise<boolean>;
  release(): Promise<void>;
}

export async function createExportLease(options: {
  db: SqlDatabase;
  name: string;
  owner: string;
  leaseMs: number;
}): Promise<ExportLease> {
  const { db, name, owner, leaseMs } = options;
  await migrateApp(
    db,
    `
    CREATE TABLE IF NOT EXISTS app.reactor_leases (
      reactor text PRIMARY KEY, owner text NOT NULL, lease_until timestamptz NOT NULL)`,
  );
  return {
    async claim() {
      const { rows } = await db.query(
        `INSERT INTO app.reactor_leases (reactor, owner, lease_until)
         VALUES ($1, $2, clock_timestamp() + $3::int * interval '1 millisecond')
         ON CONFLICT (reactor) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
          WHERE app.reactor_leases.lease_until < clock_timestamp() OR app.reactor_leases.owner = EXCLUDED.owner
         RETURNING reactor`,
        [name, owner, leaseMs],
      );
      return rows.length === 1;
    },
    async release() {
      await db.query('DELETE FROM app.reactor_leases WHERE reactor = $1 AND owner = $2', [name, owner]);
    },
  };
}

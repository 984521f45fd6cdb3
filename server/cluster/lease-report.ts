import { listProjectionLeases } from '../../projections/leases.ts';
import type { SqlQueryable } from '../db/sql-database.ts';

/**
 * The leases of a deployment, read from the database: projection leases (one active runner per
 * projection), run leases (a worker driving a run) counted per owner, and reactor leases (the
 * OpenTelemetry export). Tables a role never created read as empty.
 */
export interface LeaseReport {
  projections: { projection: string; owner: string; epoch: number; leaseUntil: string; live: boolean }[];
  runs: { owner: string; count: number }[];
  reactors: { reactor: string; owner: string; leaseUntil: string; live: boolean }[];
}

/** What one process holds: its owner id and its live leases. */
export interface HeldLeases {
  owner: string;
  projections: { projection: string; epoch: number; leaseUntil: string }[];
  runs: number;
  reactors: { reactor: string; leaseUntil: string }[];
}

async function tableExists(db: SqlQueryable, name: string): Promise<boolean> {
  const { rows } = await db.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [name]);
  return rows[0]?.found != null;
}

/** Every lease row, live or expired (expired ones tell who held a lease last). */
export async function readLeaseReport(db: SqlQueryable): Promise<LeaseReport> {
  const projections = (await tableExists(db, 'read.projection_leases'))
    ? (await listProjectionLeases(db)).map((lease) => ({
        ...lease,
        leaseUntil: lease.leaseUntil.toISOString(),
      }))
    : [];
  const runs = (await tableExists(db, 'app.run_leases'))
    ? (
        await db.query<{ owner: string; count: number }>(
          `SELECT owner, count(*)::int AS count FROM app.run_leases
            WHERE lease_until > clock_timestamp() GROUP BY owner ORDER BY owner`,
        )
      ).rows
    : [];
  const reactors = (await tableExists(db, 'app.reactor_leases'))
    ? (
        await db.query<{ reactor: string; owner: string; lease_until: Date | string; live: boolean }>(
          `SELECT reactor, owner, lease_until, lease_until > clock_timestamp() AS live
             FROM app.reactor_leases ORDER BY reactor`,
        )
      ).rows.map((row) => ({
        reactor: row.reactor,
        owner: row.owner,
        leaseUntil: new Date(row.lease_until).toISOString(),
        live: row.live,
      }))
    : [];
  return { projections, runs, reactors };
}

/** The live leases `owner` holds (a process's /ready). */
export async function readHeldLeases(db: SqlQueryable, owner: string): Promise<HeldLeases> {
  const report = await readLeaseReport(db);
  return {
    owner,
    projections: report.projections
      .filter((lease) => lease.owner === owner && lease.live)
      .map(({ projection, epoch, leaseUntil }) => ({ projection, epoch, leaseUntil })),
    runs: report.runs.find((row) => row.owner === owner)?.count ?? 0,
    reactors: report.reactors
      .filter((lease) => lease.owner === owner && lease.live)
      .map(({ reactor, leaseUntil }) => ({ reactor, leaseUntil })),
  };
}

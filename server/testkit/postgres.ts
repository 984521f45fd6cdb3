import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPgDatabase } from '../db/pg-database.ts';
import { createPgliteDatabase } from '../db/pglite-database.ts';
import type { SqlDatabase } from '../db/sql-database.ts';

/** The PostgreSQL server the integration tests use; override with TEST_DATABASE_URL. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  db: SqlDatabase;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

function urlFor(database: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A fresh, empty database on the test PostgreSQL server, so tests never see each other's rows.
 * @throws when the server is unreachable: under CI a missing prerequisite is a failure, not a skip.
 */
export async function createTestDatabase(prefix = 'spark_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = urlFor(name);
  const db = createPgDatabase({ connectionString: url, max: 8 });
  return {
    url,
    name,
    db,
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: TEST_SERVER_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

let pgliteTemplate: Promise<Blob> | null = null;

/**
 * A fresh in-memory PGlite database (with pgvector). The first call runs initdb once and keeps a
 * dump of the empty cluster; later calls start from that dump, about five times faster.
 */
export async function createTestPglite(): Promise<{ db: SqlDatabase; drop(): Promise<void> }> {
  pgliteTemplate ??= createPgliteDatabase().then(async (template) => {
    const dump = await template.dumpDataDir();
    await template.close();
    return dump;
  });
  const db = await createPgliteDatabase({ loadDataDir: await pgliteTemplate });
  return { db, drop: () => db.close() };
}

/** Terminates every other backend connected to `database`, as a crashed or restarted server would. */
export async function terminateBackends(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    const result = await client.query(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return result.rows[0].n as number;
  } finally {
    await client.end();
  }
}

/** Opens or closes `database` to new connections, to simulate a database that is down for a while. */
export async function setConnectionsAllowed(database: string, allowed: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS ${allowed}`);
  } finally {
    await client.end();
  }
}

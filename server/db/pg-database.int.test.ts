// A PostgreSQL backend that dies under a connection the platform holds (a restart, an admin's
// pg_terminate_backend) fails what ran on it, never the process: an 'error' emitted by a pg client
// nobody listens to would end the whole server (the restart chaos test lost a projections process so).
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testkit/postgres.ts';
import { createPgDatabase } from './pg-database.ts';
import type { SqlDatabase } from './sql-database.ts';

describe('createPgDatabase when a backend is terminated', () => {
  let test: TestDatabase;
  let db: SqlDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('spark_pg_database');
    db = createPgDatabase({ connectionString: test.url, max: 4 });
  });
  afterAll(async () => {
    await db.close();
    await test.drop();
  });

  const terminate = (pid: number) => test.db.query('SELECT pg_terminate_backend($1)', [pid]);

  it('fails a transaction whose backend dies between two statements, and the next query works', async () => {
    const attempt = db.transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await terminate(rows[0]!.pid);
      await delay(200); // the FATAL arrives while no statement runs on the connection
      await tx.query('SELECT 1');
    });
    await assert.rejects(attempt);
    assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
  });

  it('drops idle connections whose backends died, and answers on fresh ones', async () => {
    const pids = await Promise.all(
      [1, 2, 3].map(() => db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')),
    );
    for (const { rows } of pids) await terminate(rows[0]!.pid);
    await delay(200);
    for (let i = 0; i < 6; i++) {
      const answer = await db.query('SELECT 1 AS one').catch((error: Error) => error);
      // A dead idle connection may fail one query; the pool then replaces it.
      if (answer instanceof Error) continue;
      assert.deepEqual(answer.rows, [{ one: 1 }]);
    }
    assert.deepEqual((await db.query('SELECT 2 AS two')).rows, [{ two: 2 }]);
  });

  it('keeps notifying a LISTEN whose backend was terminated', async () => {
    let notified = 0;
    const unlisten = await db.listen('spark_pg_database_test', () => {
      notified++;
    });
    try {
      const { rows } = await test.db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
      );
      assert.ok(rows.length >= 1, 'a LISTEN connection exists');
      for (const row of rows) await terminate(row.pid);
      const before = notified;
      const deadline = Date.now() + 10_000;
      while (notified <= before + 1 && Date.now() < deadline) {
        await test.db.query(`NOTIFY spark_pg_database_test`);
        await delay(100);
      }
      assert.ok(notified > before + 1, `notified ${notified - before} times after the reconnect`);
    } finally {
      await unlisten();
    }
  });
});

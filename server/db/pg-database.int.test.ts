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

describe('createPgDatabase prepared statements', () => {
  let test: TestDatabase;
  let db: SqlDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('spark_pg_prepared');
    db = createPgDatabase({ connectionString: test.url, max: 2 });
  });
  afterAll(async () => {
    await db.close();
    await test.drop();
  });

  it('keeps a hot statement parsed per connection, and replans it after the table is rebuilt', async () => {
    await db.exec('CREATE TABLE things (id int PRIMARY KEY, label text)');
    await db.query(`INSERT INTO things VALUES (1, 'one'), (2, 'two')`);
    const byId = (id: number) =>
      db.query<{ label: string }>('SELECT label FROM things WHERE id = $1', [id], { prepared: true });
    // Both pooled connections prepare it; the answers follow the parameters.
    const answers = await Promise.all([byId(1), byId(2), byId(1), byId(2)]);
    assert.deepEqual(
      answers.map((answer) => answer.rows[0]?.label),
      ['one', 'two', 'one', 'two'],
    );
    // On one connection, run twice, it is one named statement of that session.
    const named = await db.transaction(async (tx) => {
      for (const id of [1, 2])
        await tx.query('SELECT label FROM things WHERE id = $1', [id], { prepared: true });
      await tx.query('SELECT label FROM things WHERE id = $1', [1]);
      return tx.query<{ name: string }>(
        `SELECT name FROM pg_prepared_statements WHERE statement = 'SELECT label FROM things WHERE id = $1'`,
      );
    });
    assert.equal(named.rows.length, 1);
    assert.match(named.rows[0]?.name ?? '', /^spark_\d+$/);
    // A projection rebuild swaps in a new table under the same name: the statement follows it.
    await db.exec(`CREATE TABLE things_new (id int PRIMARY KEY, label text);
      INSERT INTO things_new VALUES (1, 'uno');
      DROP TABLE things; ALTER TABLE things_new RENAME TO things;`);
    const after = await Promise.all([byId(1), byId(1)]);
    assert.deepEqual(
      after.map((answer) => answer.rows[0]?.label),
      ['uno', 'uno'],
    );
  });
});

import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testkit/postgres.ts';
import { toolContext } from '../../testkit/tool-context.ts';
import { createPgReadOnlyBackend } from './read-only-sql.ts';
import { createRunSqlTool } from './run-sql.ts';

const ctx = () => toolContext();
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('run_sql on the demo dataset', () => {
  const tool = createRunSqlTool({ database: 'demo', rowCap: 50, statementTimeoutMs: 3000 });
  afterAll(() => tool.close?.());

  it('answers SELECTs over at least 200 tickets with ISO timestamps', async () => {
    const count = await tool.run(
      { sql: 'SELECT count(*) AS n, min(created_at) AS first FROM tickets' },
      ctx(),
    );
    assert.ok((count.rows[0]?.n as number) >= 200);
    assert.match(String(count.rows[0]?.first), ISO);
    const byStatus = await tool.run(
      { sql: 'SELECT status, count(*) AS n FROM tickets GROUP BY status ORDER BY status' },
      ctx(),
    );
    assert.deepEqual(
      byStatus.rows.map((row) => row.status),
      ['closed', 'open', 'pending', 'solved'],
    );
    const ratings = await tool.run(
      {
        sql: 'SELECT min(satisfaction) AS lo, max(satisfaction) AS hi FROM tickets WHERE satisfaction IS NOT NULL',
      },
      ctx(),
    );
    assert.deepEqual(ratings.rows, [{ lo: 1, hi: 5 }]);
  });

  it('caps the rows and says so', async () => {
    const result = await tool.run({ sql: 'SELECT id FROM tickets ORDER BY id' }, ctx());
    assert.equal(result.rowCount, 50);
    assert.equal(result.truncated, true);
    assert.deepEqual(result.rows[49], { id: 50 });
    assert.match(result.note ?? '', /first 50 rows/);
  });

  it('refuses writes, with comments and casing tricks, before they reach the database', async () => {
    for (const sql of [
      'DELETE FROM tickets',
      '/* x */ dElEtE FROM tickets',
      "UPDATE tickets SET status = 'open'",
      'CREATE TABLE x (a int)',
      'COPY tickets TO STDOUT',
      'SELECT 1; DELETE FROM tickets',
    ]) {
      await assert.rejects(tool.run({ sql }, ctx()), { code: 'QUERY_REFUSED' }, sql);
    }
    const count = await tool.run({ sql: 'SELECT count(*) AS n FROM tickets' }, ctx());
    assert.ok((count.rows[0]?.n as number) >= 200);
  });

  it('stops a query at the statement timeout, then answers the next one', async () => {
    const started = Date.now();
    await assert.rejects(tool.run({ sql: 'SELECT pg_sleep(30)' }, ctx()), {
      code: 'STATEMENT_TIMEOUT',
      retryable: false,
    });
    assert.ok(Date.now() - started < 20_000);
    const next = await tool.run(
      { sql: "SELECT count(*) AS n FROM tickets WHERE priority = 'urgent'" },
      ctx(),
    );
    assert.ok((next.rows[0]?.n as number) > 0);
  });

  it('reports SQL errors as non-retryable SQL_ERROR', async () => {
    await assert.rejects(tool.run({ sql: 'SELECT nope FROM tickets' }, ctx()), {
      code: 'SQL_ERROR',
      retryable: false,
    });
  });
});

describe('run_sql on a PostgreSQL server', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('spark_run_sql');
    await database.db.exec(`
      CREATE SEQUENCE s;
      CREATE TABLE orders (id int8 PRIMARY KEY, placed_at timestamptz, due date, total numeric(10,2), note text);
      INSERT INTO orders SELECT g, timestamptz '2025-03-01 12:00:00+02' + g * interval '1 hour', date '2025-04-01',
        g * 1.25, 'order ' || g FROM generate_series(1, 300) g;`);
  });
  afterAll(() => database.drop());

  it('returns typed JSON rows: ISO timestamps, plain dates, numbers', async () => {
    const tool = createRunSqlTool({ database: { connectionString: database.url } });
    try {
      const result = await tool.run(
        { sql: 'SELECT id, placed_at, due, total FROM orders WHERE id = 2' },
        ctx(),
      );
      assert.deepEqual(result.rows, [
        { id: 2, placed_at: '2025-03-01T12:00:00.000Z', due: '2025-04-01', total: 2.5 },
      ]);
      const capped = await tool.run({ sql: 'SELECT * FROM orders' }, ctx());
      assert.equal(capped.rowCount, 200);
      assert.equal(capped.truncated, true);
    } finally {
      await tool.close?.();
    }
  });

  it('times out long statements on the server', async () => {
    const tool = createRunSqlTool({ database: { connectionString: database.url }, statementTimeoutMs: 300 });
    try {
      await assert.rejects(tool.run({ sql: 'SELECT pg_sleep(5)' }, ctx()), { code: 'STATEMENT_TIMEOUT' });
      const after = await tool.run({ sql: 'SELECT 1 AS one' }, ctx());
      assert.deepEqual(after.rows, [{ one: 1 }]);
    } finally {
      await tool.close?.();
    }
  });

  it('the transaction alone refuses writes that slip past the pre-check', async () => {
    const backend = createPgReadOnlyBackend(database.url);
    const limits = { rowCap: 10, statementTimeoutMs: 2000 };
    try {
      await assert.rejects(backend.query("SELECT nextval('s')", limits), { code: 'READ_ONLY' });
      await assert.rejects(backend.query('SELECT 1; DELETE FROM orders', limits), { code: 'SQL_ERROR' });
      await assert.rejects(backend.query('DELETE FROM orders', limits), { code: 'SQL_ERROR' });
      const { rows } = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
      assert.equal(rows[0]?.n, 300);
    } finally {
      await backend.close();
    }
  });
});

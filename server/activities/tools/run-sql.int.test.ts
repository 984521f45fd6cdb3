import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createCapturingLogger } from '../../testkit/capturing-logger.ts';
import { createTestDatabase, type TestDatabase } from '../../testkit/postgres.ts';
import { toolContext } from '../../testkit/tool-context.ts';
import { createPgReadOnlyBackend } from './read-only-sql.ts';
import { createRunSqlTool } from './run-sql.ts';
import { warnAboutPowerfulRole } from './run-sql-role.ts';

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
    await assert.rejects(tool.run({ sql: 'SELECT count(*) FROM generate_series(1, 1e13::int8) g' }, ctx()), {
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
      await assert.rejects(
        tool.run({ sql: 'SELECT count(*) FROM generate_series(1, 1e13::int8) g' }, ctx()),
        {
          code: 'STATEMENT_TIMEOUT',
        },
      );
      const after = await tool.run({ sql: 'SELECT 1 AS one' }, ctx());
      assert.deepEqual(after.rows, [{ one: 1 }]);
    } finally {
      await tool.close?.();
    }
  });

  it('the transaction alone refuses writes that slip past the pre-check', async () => {
    const backend = createPgReadOnlyBackend(database.url);
    const limits = { rowCap: 10, statementTimeoutMs: 2000, maxRowBytes: 65_536, maxResultBytes: 262_144 };
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

  describe('hostile: a superuser connection and huge values', () => {
    it('refuses quoted and escaped server-file and backend functions before they reach the server', async () => {
      const tool = createRunSqlTool({ database: { connectionString: database.url } });
      try {
        for (const sql of [
          `SELECT "pg_read_file"('/etc/passwd') AS f`,
          `SELECT * FROM "pg_ls_dir"('/') AS d`,
          `SELECT "pg_stat_file"('/etc/passwd')`,
          'SELECT "pg_terminate_backend"(pg_backend_pid())',
          'SELECT "pg_sleep"(1)',
          `SELECT U&"\\0070g_read_file"('/etc/passwd')`,
          `SELECT pg_catalog."pg_ls_dir"('/')`,
        ]) {
          await assert.rejects(tool.run({ sql }, ctx()), { code: 'QUERY_REFUSED' }, sql);
        }
      } finally {
        await tool.close?.();
      }
    });

    it('caps the result in bytes: a 100 MB value is left out by the database, not read', async () => {
      const tool = createRunSqlTool({
        database: { connectionString: database.url },
        statementTimeoutMs: 20_000,
      });
      try {
        const before = process.memoryUsage().rss;
        const result = await tool.run({ sql: "SELECT 1 AS a, repeat('x', 100000000) AS big" }, ctx());
        const grown = process.memoryUsage().rss - before;
        assert.deepEqual(result.rows, []);
        assert.equal(result.truncated, true);
        assert.match(result.note ?? '', /over 65536 bytes: row 1 \(100000\d+ bytes\)/);
        assert.ok(grown < 150 * 1024 * 1024, `the server grew by ${Math.round(grown / 1e6)} MB`);
        const many = await tool.run(
          { sql: "SELECT repeat('y', 60000) AS v FROM generate_series(1, 100)" },
          ctx(),
        );
        assert.ok(many.rows.length >= 4 && many.rows.length < 10, `${many.rows.length} rows`);
        assert.match(many.note ?? '', /Reading stopped at 262144 bytes/);
      } finally {
        await tool.close?.();
      }
    });

    it('warns at start when the role could read server files or signal backends, not for a plain reader', async () => {
      const logger = createCapturingLogger();
      const powers = await warnAboutPowerfulRole(database.url, logger);
      assert.equal(powers?.superuser, true);
      const warning = logger.lines.find((line) => line.level === 'warn');
      assert.match(warning?.message ?? '', /SUPERUSER.*could read server files or signal other backends/);

      const role = `spark_reader_${database.name.slice(-8)}`;
      await database.db.exec(`CREATE ROLE ${role} LOGIN; GRANT SELECT ON orders TO ${role}`);
      try {
        const url = new URL(database.url);
        url.username = role;
        const quiet = createCapturingLogger();
        const reader = await warnAboutPowerfulRole(url.toString(), quiet);
        assert.deepEqual(reader, { role, superuser: false, dangerousRoles: [] });
        assert.deepEqual(quiet.lines, []);
        await database.db.exec(`GRANT pg_signal_backend TO ${role}`);
        const signalling = createCapturingLogger();
        await warnAboutPowerfulRole(url.toString(), signalling);
        assert.match(signalling.lines[0]?.message ?? '', /pg_signal_backend/);
      } finally {
        await database.db.exec(`REVOKE ALL ON orders FROM ${role}; DROP ROLE ${role}`);
      }
    });
  });
});

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { loadPgParser } from '../activities/sql/pg-parser.ts';
import { checkReadOnlySql } from '../activities/tools/sql-guard.ts';
import { classifySql, type SqlParse } from './classify-sql.ts';
import { ALLOWED_SQL_FUNCTIONS } from './sql-functions.ts';

let parse: SqlParse;
beforeAll(async () => {
  parse = await loadPgParser();
});

/** Functions that read files, list directories, sleep, signal or lock: never a read. */
const DANGEROUS = [
  'pg_read_file',
  'pg_read_binary_file',
  'pg_ls_dir',
  'pg_stat_file',
  'pg_terminate_backend',
  'pg_cancel_backend',
  'pg_sleep',
  'pg_sleep_for',
  'pg_reload_conf',
  'pg_advisory_lock',
  'set_config',
  'nextval',
  'lo_import',
  'query_to_xml',
  'dblink',
  'current_setting',
  'pg_ls_logdir',
];

/** Every way to spell a function's name that PostgreSQL resolves to the same function. */
function spellings(name: string): string[] {
  const unicode = [...name].map((char) => `\\${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  return [
    name,
    name.toUpperCase(),
    `"${name}"`,
    `pg_catalog.${name}`,
    `"pg_catalog"."${name}"`,
    `PG_CATALOG."${name}"`,
    `U&"${unicode}"`,
    `U&"!${name.slice(0, 1).charCodeAt(0).toString(16).padStart(4, '0')}${name.slice(1)}" UESCAPE '!'`,
    `/* c */ "${name}" /* d */`,
  ];
}

/** Places a call can hide in a SELECT tree. */
const PLACES = [
  (call: string) => `SELECT ${call} AS f`,
  (call: string) => `SELECT * FROM ${call} AS f`,
  (call: string) => `SELECT 1 WHERE EXISTS (SELECT ${call})`,
  (call: string) => `WITH c AS (SELECT ${call} AS f) SELECT * FROM c`,
  (call: string) => `SELECT 1 UNION ALL SELECT ${call}`,
  (call: string) => `SELECT coalesce(NULL, ${call})`,
  (call: string) => `SELECT 1 ORDER BY ${call}`,
  (call: string) => `SELECT x FROM (VALUES (1)) v(x) CROSS JOIN LATERAL (SELECT ${call}) l`,
  (call: string) => `VALUES ((${call}))`,
  (call: string) => `SELECT CASE WHEN true THEN ${call} END`,
  (call: string) => `SELECT count(*) FILTER (WHERE ${call} IS NULL) FROM (VALUES (1)) v(x)`,
];

describe('hostile: run_sql and the sqlKind view refuse every spelling of a dangerous function', () => {
  it('refuses each function, however named and wherever placed, in both checks', () => {
    let tried = 0;
    for (const name of DANGEROUS) {
      for (const spelled of spellings(name)) {
        for (const place of PLACES) {
          const sql = place(`${spelled}('/')`);
          tried++;
          assert.notEqual(classifySql(sql, parse), 'read', sql);
          const check = checkReadOnlySql(sql, parse);
          assert.equal(check.ok, false, sql);
        }
      }
    }
    assert.ok(tried > 1500, `tried ${tried} forms`);
  });

  it('names the resolved function in the reason', () => {
    assert.deepEqual(checkReadOnlySql(`SELECT "pg_read_file"('/etc/passwd') AS f`, parse), {
      ok: false,
      reason: 'The function pg_read_file is not allowed',
    });
    assert.deepEqual(checkReadOnlySql(`SELECT U&"\\0070g_ls_dir"('/')`, parse), {
      ok: false,
      reason: 'The function pg_ls_dir is not allowed',
    });
  });

  it('resolves case as PostgreSQL does: a quoted upper-case name is another (unknown) function', () => {
    assert.equal(checkReadOnlySql('SELECT LOWER(x) FROM (VALUES (1)) v(x)', parse).ok, true);
    assert.equal(checkReadOnlySql('SELECT "LOWER"(x) FROM (VALUES (1)) v(x)', parse).ok, false);
    assert.equal(checkReadOnlySql('SELECT public.lower(x) FROM (VALUES (1)) v(x)', parse).ok, false);
    assert.equal(checkReadOnlySql('SELECT 1 OPERATOR(public.+) 2', parse).ok, false);
  });

  it('refuses data-modifying CTEs, SELECT INTO and locking clauses however written', () => {
    for (const sql of [
      'WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d',
      'WITH d AS (UPDATE t SET a = 1 RETURNING *) SELECT 1',
      'WITH RECURSIVE d AS (INSERT INTO t VALUES (1) RETURNING *) SELECT 1',
      'SELECT * INTO "backup" FROM t',
      'SELECT * FROM t FOR UPDATE',
      'SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED',
      'SELECT * FROM (SELECT * FROM t FOR SHARE) s',
      'SELECT * FROM t FOR KEY SHARE OF t NOWAIT',
    ]) {
      assert.equal(checkReadOnlySql(sql, parse).ok, false, sql);
      assert.equal(classifySql(sql, parse), 'write', sql);
    }
  });

  it('allows every allow-listed function, qualified or not', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALLOWED_SQL_FUNCTIONS), fc.boolean(), (name, qualified) => {
        const call = `${qualified ? 'pg_catalog.' : ''}${name}(x)`;
        const check = checkReadOnlySql(`SELECT ${call} FROM (VALUES (1)) v(x)`, parse);
        // A few are keywords with their own syntax (`position(a IN b)`): those must not parse here.
        assert.ok(check.ok || /does not parse/.test(check.reason), call);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a NUL anywhere, since the parser would stop reading at it', () => {
    assert.equal(checkReadOnlySql("SELECT 'a\u0000b' AS x", parse).ok, false);
    assert.equal(classifySql('SELECT 1\u0000; DELETE FROM t', parse), 'unknown');
  });
});

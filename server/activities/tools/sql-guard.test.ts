import assert from 'node:assert/strict';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import type { SqlParse } from '../../safety/classify-sql.ts';
import { loadPgParser } from '../sql/pg-parser.ts';
import { checkReadOnlySql as checkWith } from './sql-guard.ts';

let parse: SqlParse;
beforeAll(async () => {
  parse = await loadPgParser();
});
const checkReadOnlySql = (sql: string) => checkWith(sql, parse);

const refused = [
  'DELETE FROM tickets',
  'delete from tickets',
  'DeLeTe FROM tickets WHERE id = 1',
  '/* harmless */ DELETE FROM tickets',
  '-- just a comment\nDELETE FROM tickets',
  'UPDATE tickets SET status = $$closed$$',
  'update/**/tickets set status = 1',
  'CREATE TABLE x (a int)',
  'create temp table x as select 1',
  'COPY tickets TO STDOUT',
  "COPY (SELECT 1) TO PROGRAM 'id'",
  'INSERT INTO tickets VALUES (1)',
  'MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE',
  'DROP TABLE tickets',
  'TRUNCATE tickets',
  'ALTER TABLE tickets ADD COLUMN x int',
  'GRANT ALL ON tickets TO public',
  'VACUUM tickets',
  'BEGIN',
  'SET statement_timeout = 0',
  'EXPLAIN ANALYZE DELETE FROM tickets',
  'DO $$ BEGIN DELETE FROM tickets; END $$',
  'SELECT 1; DELETE FROM tickets',
  'SELECT 1;DELETE FROM tickets --',
  "SELECT 'a''b'; DELETE FROM tickets",
  "SELECT E'\\''; DELETE FROM tickets",
  'SELECT $t$ $$ $t$; DELETE FROM tickets',
  'SELECT 1 /* /* nested */ still comment */; DELETE FROM tickets',
  'WITH d AS (DELETE FROM tickets RETURNING *) SELECT * FROM d',
  'SELECT * INTO copy_of_tickets FROM tickets',
  'SELECT * FROM tickets FOR UPDATE',
  "SELECT pg_read_file('/etc/passwd')",
  "SELECT PG_LS_DIR('.')",
  "SELECT query_to_xml('delete from tickets', true, true, '')",
  "SELECT set_config('transaction_read_only', 'off', true)",
  'SELECT pg_advisory_lock(1)',
  'SELECT pg_sleep(0.1)',
  'SHOW search_path',
  'EXPLAIN SELECT 1',
  '/* unterminated',
  "SELECT 'unterminated",
  'SELECT $$never closed',
  'SELECT "unterminated',
  '',
  ';',
  '  -- only a comment',
];

const allowed: [string, string][] = [
  [
    "SELECT * FROM tickets WHERE subject ILIKE '%delete%'",
    "SELECT * FROM tickets WHERE subject ILIKE '%delete%'",
  ],
  ['select 1', 'select 1'],
  ['SELECT 1;', 'SELECT 1'],
  ['SELECT 1 ;  -- trailing comment', 'SELECT 1'],
  ['WITH x AS (SELECT 1) SELECT * FROM x', 'WITH x AS (SELECT 1) SELECT * FROM x'],
  ['VALUES (1), (2)', 'VALUES (1), (2)'],
  ['TABLE tickets', 'TABLE tickets'],
  ['SELECT "update", "delete" FROM t', 'SELECT "update", "delete" FROM t'],
  ['(SELECT 1) UNION (SELECT 2)', '(SELECT 1) UNION (SELECT 2)'],
  ['SELECT $$ ; DELETE FROM t $$', 'SELECT $$ ; DELETE FROM t $$'],
  ["SELECT 'it''s; drop table x'", "SELECT 'it''s; drop table x'"],
  ['SELECT 1 /* ; delete */', 'SELECT 1 /* ; delete */'],
  ["SELECT E'\\\\', 'x\\'", "SELECT E'\\\\', 'x\\'"],
  ['SELECT updated_at, deleted FROM t', 'SELECT updated_at, deleted FROM t'],
];

describe('checkReadOnlySql', () => {
  for (const sql of refused) {
    it(`refuses ${JSON.stringify(sql)}`, () => {
      const check = checkReadOnlySql(sql);
      assert.equal(check.ok, false);
      assert.ok(!check.ok && check.reason.length > 0);
    });
  }

  for (const [sql, statement] of allowed) {
    it(`allows ${JSON.stringify(sql)}`, () =>
      assert.deepEqual(checkReadOnlySql(sql), { ok: true, statement }));
  }

  it('names the forbidden keyword in its reason', () => {
    const check = checkReadOnlySql('WITH d AS (delete from t returning *) SELECT 1');
    assert.deepEqual(check, { ok: false, reason: 'DELETE is not allowed' });
  });

  const writeWord = fc.constantFrom(
    'delete',
    'update',
    'insert',
    'create',
    'copy',
    'drop',
    'truncate',
    'merge',
  );
  const randomCase = (word: string, flips: boolean[]): string =>
    [...word].map((char, i) => (flips[i % flips.length] ? char.toUpperCase() : char)).join('');
  const prefix = fc.constantFrom('', ' ', '\n', '/* c */ ', '-- c\n', '/* a /* b */ c */', '\t--x\n  ');

  it('refuses a write statement whatever its casing and leading comments', () => {
    fc.assert(
      fc.property(writeWord, fc.array(fc.boolean(), { minLength: 1 }), prefix, (word, flips, lead) => {
        assert.equal(checkReadOnlySql(`${lead}${randomCase(word, flips)} tickets`).ok, false);
        assert.equal(checkReadOnlySql(`SELECT 1;${lead}${randomCase(word, flips)} tickets`).ok, false);
      }),
    );
  });

  it('never refuses a query because of what a string literal contains', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const literal = `'${text.replaceAll("'", "''")}'`;
        assert.deepEqual(checkReadOnlySql(`SELECT ${literal} AS s`), {
          ok: true,
          statement: `SELECT ${literal} AS s`,
        });
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (sql) => {
        const check = checkReadOnlySql(sql);
        assert.ok(check.ok || check.reason.length > 0);
      }),
    );
  });
});

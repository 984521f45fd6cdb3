import assert from 'node:assert/strict';
import fc from 'fast-check';
import { beforeAll, describe, test } from 'vitest';
import { loadPgParser } from '../activities/sql/pg-parser.ts';
import { classifySql as classifyWith, type SqlParse } from './classify-sql.ts';

let parse: SqlParse;
beforeAll(async () => {
  parse = await loadPgParser();
});
const classifySql = (sql: string) => classifyWith(sql, parse);

const WRITES = [
  'INSERT INTO tickets (id) VALUES (1)',
  'UPDATE tickets SET status = $1 WHERE id = 4711',
  'DELETE FROM tickets',
  'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE',
  'CREATE TABLE x (id int)',
  'DROP TABLE tickets',
  'ALTER TABLE tickets ADD COLUMN y int',
  'TRUNCATE tickets',
  'GRANT ALL ON tickets TO public',
  'REVOKE ALL ON tickets FROM public',
  'COPY tickets TO STDOUT',
  'CALL cleanup ( )',
  'DO $$ BEGIN PERFORM 1 ; END $$',
  'VACUUM FULL',
  'SET search_path = evil',
  'LOCK TABLE tickets',
  'REFRESH MATERIALIZED VIEW stats',
  'WITH gone AS ( DELETE FROM tickets RETURNING * ) SELECT * FROM gone',
  'SELECT * INTO backup FROM tickets',
  'SELECT * FROM tickets FOR UPDATE',
  'SELECT * FROM tickets FOR NO KEY UPDATE',
  'SELECT * FROM tickets FOR SHARE',
  'EXPLAIN ANALYZE DELETE FROM tickets',
  'SELECT 1 ; DROP TABLE tickets',
  "SELECT nextval ( 'seq' )",
  "SELECT set_config ( 'role' , 'admin' , false )",
  "SELECT query_to_xml ( 'delete from tickets' , true , true , '' )",
  'SELECT pg_advisory_lock ( 1 )',
  'BEGIN',
  'COMMENT ON TABLE tickets IS NULL',
];

const READS = [
  'SELECT * FROM tickets WHERE status = $1',
  'select count(*) from tickets group by status',
  'WITH open AS ( SELECT * FROM tickets WHERE status = 1 ) SELECT * FROM open',
  'VALUES ( 1 ) , ( 2 )',
  'TABLE tickets',
  '( SELECT 1 ) UNION ( SELECT 2 )',
  "SELECT date_trunc ( 'day' , created_at ) , count ( * ) FROM tickets GROUP BY 1",
];

/** A separator PostgreSQL ignores: whitespace, a block comment (maybe nested) or a line comment. */
const separator = fc.oneof(
  fc.constantFrom(' ', '\n', '\t  ', ' \r\n '),
  fc
    .string({ maxLength: 12 })
    .filter(
      (text) => !text.includes('*/') && !text.includes('/*') && !text.endsWith('*') && !text.endsWith('/'),
    )
    .map((text) => ` /* ${text} */ `),
  fc.constant(' /* nested /* inner */ still comment */ '),
  fc
    .string({ maxLength: 12 })
    .filter((text) => !/[\n\r]/.test(text))
    .map((text) => ` --${text}\n`),
);

function randomCase(word: string, flips: boolean[]): string {
  return [...word]
    .map((char, i) => (flips[i % flips.length] ? char.toLowerCase() : char.toUpperCase()))
    .join('');
}

/** A statement with its tokens separated by random comments and with random keyword casing. */
function disguised(statements: string[]) {
  return fc
    .record({
      statement: fc.constantFrom(...statements),
      separators: fc.array(separator, { minLength: 40, maxLength: 40 }),
      flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
      semicolon: fc.boolean(),
    })
    .map(({ statement, separators, flips, semicolon }) => {
      const words = statement.split(' ').map((word) => (/['$]/.test(word) ? word : randomCase(word, flips)));
      const text = words.map((word, i) => `${separators[i]}${word}`).join('');
      return `${text}${semicolon ? ';' : ''}${separators[39]}`;
    });
}

describe('classifySql', () => {
  test('never calls a generated write a read, whatever the comments and casing', () => {
    fc.assert(
      fc.property(disguised(WRITES), (sql) => {
        assert.notEqual(classifySql(sql), 'read', sql);
      }),
      { numRuns: 2000 },
    );
  });

  test('recognises generated reads with comments and any casing', () => {
    fc.assert(
      fc.property(disguised(READS), (sql) => {
        assert.equal(classifySql(sql), 'read', sql);
      }),
      { numRuns: 500 },
    );
  });

  test('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (sql) => {
        assert.ok(['read', 'write', 'unknown'].includes(classifySql(sql)));
      }),
      { numRuns: 2000 },
    );
  });

  test('ignores keywords inside comments, strings, quoted identifiers and dollar quotes', () => {
    assert.equal(classifySql("SELECT 'DROP TABLE x; DELETE' AS text"), 'read');
    assert.equal(classifySql('SELECT "delete", "into" FROM t -- DROP TABLE t'), 'read');
    assert.equal(classifySql('SELECT /* ; DELETE FROM t; */ 1'), 'read');
    assert.equal(classifySql('SELECT $body$ ; DROP TABLE t $body$'), 'read');
    assert.equal(classifySql("SELECT E'it\\'s ; DROP' FROM t"), 'read');
    assert.equal(classifySql('SELECT 1;'), 'read');
  });

  test('sees code that a careless lexer would take for a string or comment', () => {
    // Standard strings: a backslash escapes nothing, so the string ends at the second quote.
    assert.equal(classifySql("SELECT 'a\\'; DROP TABLE t; --'"), 'write');
    // Non-ASCII characters belong to identifiers: `€e` is not the E'' prefix.
    assert.equal(classifySql("SELECT €e'\\'; DROP TABLE t; --'"), 'write');
    // Nested comments: the quote sits inside the comment, the DROP after it runs.
    assert.equal(classifySql("SELECT 1 /* /* */ ' */ ; DROP TABLE t; --'"), 'write');
    // `$1` is a parameter, not a dollar quote.
    assert.equal(classifySql('SELECT $1 ; DELETE FROM t ; SELECT $1'), 'write');
    // `a$b$` is one identifier, not a dollar quote that would hide the DROP.
    assert.equal(classifySql('SELECT a$b$ ; DROP TABLE t ; SELECT $b$ x $b$'), 'write');
  });

  test('calls only one plain SELECT tree a read: SHOW, EXPLAIN, NUL and no parser are unknown', () => {
    assert.equal(classifySql('SHOW search_path'), 'unknown');
    assert.equal(classifySql('EXPLAIN SELECT 1'), 'unknown');
    assert.equal(classifySql('SELECT 1\u0000; DROP TABLE t'), 'unknown');
    assert.equal(classifyWith('SELECT 1', undefined), 'unknown');
  });

  test('several reads, nothing at all, and unterminated text are unknown', () => {
    assert.equal(classifySql('SELECT 1; SELECT 2'), 'unknown');
    assert.equal(classifySql('  -- only a comment\n'), 'unknown');
    assert.equal(classifySql(''), 'unknown');
    assert.equal(classifySql("SELECT 'open"), 'unknown');
    assert.equal(classifySql('SELECT 1 /* open'), 'unknown');
    assert.equal(classifySql('SELECT $x$ open'), 'unknown');
    assert.equal(classifySql('FROBNICATE t'), 'unknown');
  });
});

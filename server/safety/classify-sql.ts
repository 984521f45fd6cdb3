// A conservative, pure classifier of PostgreSQL text: is it one plain read, or not? It lexes like
// PostgreSQL does (nested block comments, E'' strings, dollar quotes, quoted identifiers) so that
// nothing PostgreSQL would execute can hide inside what the classifier believes is a string or comment.

/** What a SQL text does, as far as a lexer can tell. `unknown` must be treated as "not a read". */
export const SqlKind = { Read: 'read', Write: 'write', Unknown: 'unknown' } as const;
export type SqlKind = (typeof SqlKind)[keyof typeof SqlKind];

type Token = { kind: 'word'; text: string } | { kind: 'semicolon' } | { kind: 'other'; text: string };

/** Statements that only read. */
const READ_STARTS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', 'SHOW', 'EXPLAIN']);

/** Statements that change data, schema, permissions, session or server state. */
const WRITE_STARTS = new Set(
  (
    'INSERT UPDATE DELETE MERGE CREATE DROP ALTER TRUNCATE GRANT REVOKE COPY CALL DO VACUUM SET RESET ' +
    'LOCK REFRESH COMMENT REINDEX CLUSTER DISCARD LISTEN NOTIFY UNLISTEN PREPARE EXECUTE DEALLOCATE ' +
    'IMPORT LOAD SECURITY REASSIGN BEGIN START COMMIT END ROLLBACK ABORT SAVEPOINT RELEASE CHECKPOINT ' +
    'ANALYZE ANALYSE DECLARE FETCH MOVE CLOSE'
  ).split(' '),
);

/**
 * Words that make any statement more than a read wherever they appear: data-modifying CTEs
 * (`WITH d AS (DELETE …)`), `SELECT … INTO`, `FOR UPDATE`, `EXPLAIN ANALYZE` (which executes), and
 * functions with side effects or that run SQL given as a string.
 */
const WRITE_ANYWHERE = new Set(
  (
    'INSERT UPDATE DELETE MERGE TRUNCATE DROP CREATE ALTER GRANT REVOKE COPY CALL DO INTO LOCK VACUUM ' +
    'REFRESH ANALYZE ANALYSE EXECUTE NOTIFY NEXTVAL SETVAL SET_CONFIG PG_SLEEP PG_SLEEP_FOR ' +
    'PG_SLEEP_UNTIL PG_TERMINATE_BACKEND PG_CANCEL_BACKEND PG_RELOAD_CONF PG_ROTATE_LOGFILE ' +
    'PG_SWITCH_WAL PG_NOTIFY PG_READ_FILE PG_READ_BINARY_FILE PG_LS_DIR PG_STAT_FILE QUERY_TO_XML ' +
    'QUERY_TO_XMLSCHEMA QUERY_TO_XML_AND_XMLSCHEMA CURSOR_TO_XML TXID_CURRENT PG_CURRENT_XACT_ID'
  ).split(' '),
);
const WRITE_PREFIXES = ['PG_ADVISORY', 'PG_TRY_ADVISORY', 'LO_', 'DBLINK'];
/** `FOR SHARE`, `FOR KEY SHARE`, `FOR NO KEY UPDATE` lock rows. */
const LOCKING_AFTER_FOR = new Set(['SHARE', 'KEY', 'NO', 'UPDATE']);

// PostgreSQL's own character classes: every non-ASCII character belongs to identifiers, and only
// ASCII whitespace separates tokens. Using Unicode classes instead would let `€e'\'…'` hide code.
const WORD_START = /[A-Za-z_\u0080-\u{10FFFF}]/u;
const WORD_PART = /[A-Za-z0-9_$\u0080-\u{10FFFF}]/u;
const SPACE = /[ \t\n\r\f\v]/;
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\u{10FFFF}][A-Za-z0-9_\u0080-\u{10FFFF}]*)?\$/u;

/** Index just after a quoted run closed by `quote` (doubled quote = literal); -1 when unterminated. */
function skipQuoted(sql: string, from: number, quote: string, backslashEscapes: boolean): number {
  for (let i = from; i < sql.length; i++) {
    const char = sql[i];
    if (backslashEscapes && char === '\\') i++;
    else if (char === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return -1;
}

/** Index just after a block comment opened at `from` (PostgreSQL nests them); -1 when unterminated. */
function skipBlockComment(sql: string, from: number): number {
  let depth = 0;
  for (let i = from; i < sql.length - 1; i++) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i++;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function skipLineComment(sql: string, from: number): number {
  let i = from;
  while (i < sql.length && sql[i] !== '\n' && sql[i] !== '\r') i++;
  return i;
}

/** Index just after a dollar-quoted string starting at `from`, or null when `$` starts none here. */
function skipDollarQuoted(sql: string, from: number): number | null {
  const tag = DOLLAR_TAG.exec(sql.slice(from, from + 200))?.[0];
  if (tag === undefined) return null;
  const end = sql.indexOf(tag, from + tag.length);
  return end === -1 ? -1 : end + tag.length;
}

function readWord(sql: string, from: number): number {
  let i = from + 1;
  while (i < sql.length && WORD_PART.test(sql[i] as string)) i++;
  return i;
}

/** Where the non-word token at `at` ends (-1: unterminated), and whether it is code. */
function skipNonWord(sql: string, at: number, previous: Token | undefined): { end: number; code: boolean } {
  const char = sql[at] as string;
  const next = sql[at + 1];
  if (char === '-' && next === '-') return { end: skipLineComment(sql, at), code: false };
  if (char === '/' && next === '*') return { end: skipBlockComment(sql, at), code: false };
  if (char === "'") {
    // E'…' (the word E right before the quote) is the only string where a backslash escapes.
    const escapes = previous?.kind === 'word' && previous.text === 'E';
    return { end: skipQuoted(sql, at + 1, "'", escapes), code: true };
  }
  if (char === '"') return { end: skipQuoted(sql, at + 1, '"', false), code: true };
  if (char === '$') return { end: skipDollarQuoted(sql, at) ?? at + 1, code: true };
  return { end: at + 1, code: true };
}

/** The tokens of `sql` with comments dropped and literals reduced to `other`; null when unterminated. */
function lex(sql: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const char = sql[i] as string;
    if (SPACE.test(char)) {
      i++;
      continue;
    }
    if (WORD_START.test(char)) {
      const end = readWord(sql, i);
      tokens.push({ kind: 'word', text: sql.slice(i, end).toUpperCase() });
      i = end;
      continue;
    }
    if (char === ';') {
      tokens.push({ kind: 'semicolon' });
      i++;
      continue;
    }
    const quoteRightAfterWord = char === "'" && i > 0 && WORD_PART.test(sql[i - 1] as string);
    const { end, code } = skipNonWord(sql, i, quoteRightAfterWord ? tokens.at(-1) : undefined);
    if (end === -1) return null;
    if (code) tokens.push({ kind: 'other', text: sql.slice(i, end) });
    i = end;
  }
  return tokens;
}

function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'semicolon') statements.push([]);
    else statements.at(-1)?.push(token);
  }
  return statements.filter((statement) => statement.length > 0);
}

function writesAnywhere(words: string[]): boolean {
  return words.some(
    (word, i) =>
      WRITE_ANYWHERE.has(word) ||
      WRITE_PREFIXES.some((prefix) => word.startsWith(prefix)) ||
      (word === 'FOR' && LOCKING_AFTER_FOR.has(words[i + 1] ?? '')),
  );
}

function classifyStatement(tokens: Token[]): SqlKind {
  const words = tokens.flatMap((token) => (token.kind === 'word' ? [token.text] : []));
  const firstCode = tokens.find((token) => !(token.kind === 'other' && token.text === '('));
  const first = firstCode?.kind === 'word' ? firstCode.text : '';
  if (WRITE_STARTS.has(first) || writesAnywhere(words)) return SqlKind.Write;
  return READ_STARTS.has(first) ? SqlKind.Read : SqlKind.Unknown;
}

/**
 * Classifies PostgreSQL text: `read` only for exactly one statement that starts as a read (SELECT,
 * WITH, VALUES, TABLE, SHOW, EXPLAIN) and contains no write keyword or side-effecting function
 * anywhere outside comments and literals; `write` when any statement does more; `unknown` for
 * empty text, several statements that all read, unterminated literals or comments, or anything
 * else. It errs towards "not a read": a column named like a write keyword (`do`, `into`) turns a
 * read into `write`. Defence in depth only: `run_sql` also runs inside a read-only transaction.
 * Never throws.
 */
export function classifySql(sql: string): SqlKind {
  const tokens = lex(sql);
  if (tokens === null) return SqlKind.Unknown;
  const statements = splitStatements(tokens);
  if (statements.length === 0) return SqlKind.Unknown;
  const kinds = statements.map(classifyStatement);
  if (kinds.includes(SqlKind.Write)) return SqlKind.Write;
  return statements.length === 1 ? (kinds[0] as SqlKind) : SqlKind.Unknown;
}

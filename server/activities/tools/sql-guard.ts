/** The guard's answer: the statement to run (trailing semicolons removed) or why it was refused. */
export type SqlCheck = { ok: true; statement: string } | { ok: false; reason: string };

const ALLOWED_FIRST_WORDS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

// Words that only appear in writes or side effects, also inside an otherwise read-only statement
// (data-modifying CTEs, SELECT … INTO, row locks). Column names in double quotes are not affected.
const FORBIDDEN_WORDS =
  /\b(INSERT|UPDATE|DELETE|MERGE|UPSERT|INTO|TRUNCATE|DROP|ALTER|CREATE|COPY|GRANT|REVOKE|VACUUM|REINDEX|CLUSTER|CHECKPOINT|LISTEN|NOTIFY|PREPARE|EXECUTE|DEALLOCATE|DISCARD)\b/i;

// Functions that read host files, run SQL hidden in strings, touch other backends or keep state
// beyond the transaction (advisory locks survive a rollback on a pooled connection).
const FORBIDDEN_FUNCTIONS =
  /\b(pg_read_file|pg_read_binary_file|pg_ls_\w+|pg_stat_file|lo_\w+|dblink\w*|set_config|pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|pg_promote|pg_switch_wal|pg_create_\w+|pg_drop_\w+|pg_logical_emit_message|pg_advisory\w*|pg_try_advisory\w*|pg_notify|\w+_to_xml\w*|query_to_\w+|pg_file_\w+)\s*\(/i;

/**
 * A conservative pre-check that `sql` is exactly one read-only query (SELECT, WITH, VALUES,
 * TABLE). Comments, string literals, quoted identifiers and dollar-quoted bodies are blanked out
 * first, so `'please delete'` is fine and `/* x *\/ DELETE` is not. This is the clear-message layer;
 * the read-only transaction run_sql opens is the enforcement layer.
 */
export function checkReadOnlySql(sql: string): SqlCheck {
  const blanked = blankLiterals(sql);
  if (!blanked.ok) return blanked;
  const statements = blanked.text.split(';').filter((part) => part.trim() !== '');
  if (statements.length === 0) return { ok: false, reason: 'The query is empty' };
  if (statements.length > 1) return { ok: false, reason: 'Only one statement is allowed' };
  const firstWord = /^\s*\(*\s*([A-Za-z_]+)/.exec(blanked.text)?.[1]?.toUpperCase() ?? '';
  if (!ALLOWED_FIRST_WORDS.has(firstWord)) {
    return {
      ok: false,
      reason: `Only read-only queries (SELECT, WITH, VALUES, TABLE) are allowed, not ${firstWord || 'this'}`,
    };
  }
  const word = FORBIDDEN_WORDS.exec(blanked.text)?.[1];
  if (word) return { ok: false, reason: `${word.toUpperCase()} is not allowed: queries are read-only` };
  const fn = FORBIDDEN_FUNCTIONS.exec(blanked.text)?.[1];
  if (fn) return { ok: false, reason: `The function ${fn} is not allowed` };
  // Cut trailing semicolons (and what follows them: only blanks or comments) off the original text.
  const lastSemicolon = blanked.text.lastIndexOf(';');
  const statement =
    lastSemicolon >= 0 && blanked.text.slice(lastSemicolon + 1).trim() === ''
      ? sql.slice(0, lastSemicolon)
      : sql;
  return { ok: true, statement: statement.replace(/[\s;]+$/, '') };
}

/**
 * `sql` with comments, string literals, quoted identifiers and dollar-quoted strings replaced by
 * spaces of the same length (positions are kept), or a refusal when one is not terminated.
 */
export function blankLiterals(sql: string): { ok: true; text: string } | { ok: false; reason: string } {
  const out = sql.split('');
  const blank = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (out[i] !== '\n') out[i] = ' ';
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      // PostgreSQL block comments nest.
      let depth = 1;
      let j = i + 2;
      while (j < sql.length && depth > 0) {
        const pair = sql.slice(j, j + 2);
        if (pair === '/*' || pair === '*/') {
          depth += pair === '/*' ? 1 : -1;
          j += 2;
        } else {
          j++;
        }
      }
      if (depth > 0) return { ok: false, reason: 'Unterminated comment' };
      blank(i, j);
      i = j;
    } else if (c === "'") {
      // E'…' strings take backslash escapes; standard strings only double the quote.
      const escapes = /[eE]$/.test(sql.slice(0, i)) && !/[A-Za-z0-9_$][eE]$/.test(sql.slice(0, i));
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) return { ok: false, reason: 'Unterminated string literal' };
        if (escapes && sql[j] === '\\') j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      blank(i, j + 1);
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) return { ok: false, reason: 'Unterminated quoted identifier' };
        if (sql[j] === '"' && sql[j + 1] === '"') j += 2;
        else if (sql[j] === '"') break;
        else j++;
      }
      // An identifier is still a name: keep a neutral placeholder so `SELECT "delete"` parses as a word.
      blank(i, j + 1);
      out[i] = 'q';
      i = j + 1;
    } else if (c === '$' && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i))?.[0];
      if (!tag) {
        i++;
        continue;
      }
      const end = sql.indexOf(tag, i + tag.length);
      if (end === -1) return { ok: false, reason: 'Unterminated dollar-quoted string' };
      blank(i, end + tag.length);
      i = end + tag.length;
    } else {
      i++;
    }
  }
  return { ok: true, text: out.join('') };
}

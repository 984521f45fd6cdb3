// Is a PostgreSQL text one plain read? Decided on PostgreSQL's own parse tree (libpg-query, the
// server's parser in WASM), never on a lexer of ours: the parser has already resolved quoting,
// case folding, U&"" escapes, comments and dollar quotes exactly as the server will. This module
// stays pure — the parser is passed in (see server/activities/sql/pg-parser.ts).
import { ALLOWED_SQL_FUNCTIONS } from './sql-functions.ts';

/** What a SQL text does. `unknown` must be treated as "not a read". */
export const SqlKind = { Read: 'read', Write: 'write', Unknown: 'unknown' } as const;
export type SqlKind = (typeof SqlKind)[keyof typeof SqlKind];

/** A parse result as libpg-query returns it (only what the checks read). */
export interface SqlParseTree {
  stmts?: { stmt?: unknown; stmt_location?: number; stmt_len?: number }[];
}

/** PostgreSQL's parser: a tree, or a thrown error for text the server would not accept. */
export type SqlParse = (sql: string) => SqlParseTree;

/** A read, or why not: `write` for anything that changes or reaches outside, `unknown` otherwise. */
export type ReadOnlyVerdict = { ok: true } | { ok: false; kind: 'write' | 'unknown'; reason: string };

/** Statement node names as the SQL a person wrote. */
const STATEMENT_WORDS: Record<string, string> = {
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  CopyStmt: 'COPY',
  CallStmt: 'CALL',
  DoStmt: 'DO',
  ExplainStmt: 'EXPLAIN',
  VariableShowStmt: 'SHOW',
  VariableSetStmt: 'SET',
  TransactionStmt: 'a transaction command',
  CreateTableAsStmt: 'CREATE TABLE AS',
};

/** Statements that only look at things, but are not queries run_sql runs: "not a read", not a write. */
const NOT_WRITES = new Set(['ExplainStmt', 'VariableShowStmt']);

const OK: ReadOnlyVerdict = { ok: true };

const refuse = (kind: 'write' | 'unknown', reason: string): ReadOnlyVerdict => ({ ok: false, kind, reason });

function statementWord(node: string): string {
  return (
    STATEMENT_WORDS[node] ??
    node
      .replace(/Stmt$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toUpperCase()
  );
}

function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const value = (item as { String?: { sval?: unknown } })?.String?.sval;
    return typeof value === 'string' ? value : '';
  });
}

/** A function call is allowed when it names an allow-listed function, optionally in `pg_catalog`. */
function checkFunction(call: Record<string, unknown>): ReadOnlyVerdict {
  const parts = names(call.funcname);
  const name = parts.at(-1) ?? '';
  const schema = parts.length === 2 ? parts[0] : parts.length === 1 ? 'pg_catalog' : null;
  const shown = parts.join('.');
  if (schema !== 'pg_catalog') return refuse('write', `The function ${shown} is not allowed`);
  if (!ALLOWED_SQL_FUNCTIONS.has(name)) return refuse('write', `The function ${shown} is not allowed`);
  return { ok: true };
}

/** `OPERATOR(schema.op)` outside pg_catalog could be any function. */
function checkOperator(expression: Record<string, unknown>): ReadOnlyVerdict {
  const parts = names(expression.name);
  if (parts.length > 1 && parts[0] !== 'pg_catalog') {
    return refuse('write', `The operator ${parts.join('.')} is not allowed`);
  }
  return { ok: true };
}

function checkSelect(select: Record<string, unknown>): ReadOnlyVerdict {
  if (select.intoClause) return refuse('write', 'SELECT … INTO is not allowed: queries are read-only');
  if (Array.isArray(select.lockingClause) && select.lockingClause.length > 0) {
    return refuse('write', 'FOR UPDATE / FOR SHARE is not allowed: queries do not lock rows');
  }
  return { ok: true };
}

function checkNode(type: string, body: Record<string, unknown>): ReadOnlyVerdict {
  if (type === 'SelectStmt') return checkSelect(body);
  if (type.endsWith('Stmt')) {
    return refuse(NOT_WRITES.has(type) ? 'unknown' : 'write', `${statementWord(type)} is not allowed`);
  }
  if (type === 'FuncCall') return checkFunction(body);
  if (type === 'A_Expr') return checkOperator(body);
  return { ok: true };
}

/** Every node of the tree, depth first; the first refusal wins. */
function walk(value: unknown): ReadOnlyVerdict {
  if (Array.isArray(value)) {
    for (const item of value) {
      const verdict = walk(item);
      if (!verdict.ok) return verdict;
    }
    return OK;
  }
  if (value === null || typeof value !== 'object') return OK;
  const node = value as Record<string, unknown>;
  for (const key in node) {
    const child = node[key];
    if (child === null || typeof child !== 'object') continue;
    // Node types are capitalised keys (`SelectStmt`, `FuncCall`); fields are lower case.
    const first = key.charCodeAt(0);
    if (first >= 65 && first <= 90 && !Array.isArray(child)) {
      const verdict = checkNode(key, child as Record<string, unknown>);
      if (!verdict.ok) return verdict;
    }
    const verdict = walk(child);
    if (!verdict.ok) return verdict;
  }
  return OK;
}

/**
 * A read is exactly one statement that is a SELECT tree (SELECT, WITH, VALUES, TABLE, set
 * operations) with no INTO, no locking clause, no data-modifying statement anywhere (CTEs), and
 * only allow-listed functions (`sql-functions.ts`), named bare or in `pg_catalog`. Never throws.
 */
export function checkReadOnlyTree(tree: SqlParseTree): ReadOnlyVerdict {
  const statements = tree.stmts ?? [];
  if (statements.length === 0) return refuse('unknown', 'The query is empty');
  const verdicts = statements.map((statement) => {
    const node = statement.stmt as Record<string, unknown> | undefined;
    const type = node ? Object.keys(node)[0] : undefined;
    if (type === undefined) return refuse('unknown', 'The query is empty');
    if (type !== 'SelectStmt') {
      const kind = NOT_WRITES.has(type) ? 'unknown' : 'write';
      return refuse(
        kind,
        `Only read-only queries (SELECT, WITH, VALUES, TABLE) are allowed, not ${statementWord(type)}`,
      );
    }
    return walk(node);
  });
  const write = verdicts.find((verdict) => !verdict.ok && verdict.kind === 'write');
  if (write) return write;
  if (statements.length > 1) return refuse('unknown', 'Only one statement is allowed');
  return verdicts[0] ?? refuse('unknown', 'The query is empty');
}

/**
 * What `sql` does, by `parse`: `unknown` when it does not parse, when no parser is at hand, or when
 * it holds a NUL (the parser and the server read C strings: a NUL would hide what follows it).
 */
export function classifySql(sql: string, parse: SqlParse | undefined): SqlKind {
  if (parse === undefined || sql.includes('\u0000')) return SqlKind.Unknown;
  let tree: SqlParseTree;
  try {
    tree = parse(sql);
  } catch {
    return SqlKind.Unknown;
  }
  const verdict = checkReadOnlyTree(tree);
  return verdict.ok ? SqlKind.Read : verdict.kind;
}

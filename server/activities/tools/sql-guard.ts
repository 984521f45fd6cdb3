// run_sql's gate: decided on PostgreSQL's parse tree by the same check the risk classifier uses
// (server/safety/classify-sql.ts), so what the policy calls a read is exactly what run_sql runs.
import { checkReadOnlyTree, type SqlParse, type SqlParseTree } from '../../safety/classify-sql.ts';

/** The guard's answer: the statement to run (without trailing semicolons) or why it was refused. */
export type SqlCheck = { ok: true; statement: string } | { ok: false; reason: string };

/**
 * Exactly one read-only query (see `checkReadOnlyTree`): a SELECT tree with allow-listed functions
 * only. Text with a NUL is refused before parsing (the parser and the server read C strings, so a
 * NUL would hide what follows it). The statement returned is the parsed statement's own text.
 */
export function checkReadOnlySql(sql: string, parse: SqlParse): SqlCheck {
  if (sql.includes('\u0000')) return { ok: false, reason: 'The query contains a NUL character' };
  let tree: SqlParseTree;
  try {
    tree = parse(sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `The query does not parse: ${message}` };
  }
  const verdict = checkReadOnlyTree(tree);
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  return { ok: true, statement: statementText(sql, tree) };
}

/** The one statement's text: parser locations are byte offsets into the UTF-8 text. */
function statementText(sql: string, tree: SqlParseTree): string {
  const [only] = tree.stmts ?? [];
  const bytes = Buffer.from(sql, 'utf8');
  const start = only?.stmt_location ?? 0;
  const end = only?.stmt_len ? start + only.stmt_len : bytes.length;
  return bytes.subarray(start, end).toString('utf8').trim();
}

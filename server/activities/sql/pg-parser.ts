// PostgreSQL's own parser (libpg-query: the server's grammar compiled to WASM), loaded once per
// process. The safety core stays pure by taking the parse function this module hands out.
import { loadModule, parseSync } from 'libpg-query';
import type { SqlParse, SqlParseTree } from '../../safety/classify-sql.ts';

let loading: Promise<SqlParse> | null = null;

/** Parses synchronously once loaded; throws on text the server would reject as a syntax error. */
const parse: SqlParse = (sql) => parseSync(sql) as SqlParseTree;

/**
 * The parser, ready to use (the WASM module is compiled on the first call, ~tens of ms). A failed
 * load is not cached, so the next call tries again.
 */
export function loadPgParser(): Promise<SqlParse> {
  loading ??= loadModule().then(
    () => parse,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

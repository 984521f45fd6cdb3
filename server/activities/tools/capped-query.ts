// Reads a query's result with its size bounded in bytes, not only in rows: a driver buffers a whole
// row before handing it over, so `SELECT repeat('x', 100000000)` must be stopped in SQL. Each row's
// size is measured by the database (the octet_length of its values' text forms) and a row over the limit
// comes back with its values nulled; rows are fetched in small batches until a total is reached.

/** Runs one statement with rows as arrays; both backends (pg, PGlite) provide it. */
export type ExecuteArrays = (text: string) => Promise<{ fields: { name: string }[]; rows: unknown[][] }>;

/** Bounds of one query's result. */
export interface ResultBounds {
  /** Rows returned at most (one more is read to tell that there were more). */
  rowCap: number;
  /** A row whose text form is larger is left out (its values are never sent). */
  maxRowBytes: number;
  /** Reading stops once the rows kept add up to this many bytes. */
  maxResultBytes: number;
}

/** Columns, rows (at most `rowCap + 1`), and what was left out for size. */
export interface CappedRows {
  columns: string[];
  rows: unknown[][];
  /** 1-based positions and sizes of rows left out because they were over `maxRowBytes`. */
  oversizedRows: { row: number; bytes: number }[];
  /** True when reading stopped at `maxResultBytes` with rows still to come. */
  stoppedAtBytes: boolean;
}

export const DEFAULT_RESULT_BOUNDS = { maxRowBytes: 64 * 1024, maxResultBytes: 256 * 1024 } as const;

const CURSOR = 'spark_run_sql';
const FETCH_BATCH = 16;

/** The statement's columns without running it to completion (LIMIT 0 stops before the first row). */
export function describeText(statement: string): string {
  return `SELECT * FROM (\n${statement}\n) AS spark_q LIMIT 0`;
}

/**
 * The statement wrapped so each row carries its size and a row over `maxRowBytes` has its values
 * nulled by the database. Columns are renamed positionally (c1…cn), so duplicate or unnamed
 * columns work; the newline after the statement ends a trailing line comment.
 */
export function cappedSelectText(statement: string, columnCount: number, maxRowBytes: number): string {
  const limit = Math.max(0, Math.floor(maxRowBytes));
  const columns = Array.from({ length: columnCount }, (_, i) => `c${i + 1}`);
  const alias = columns.length > 0 ? `spark_q(${columns.join(', ')})` : 'spark_q';
  const values = columns.map((column) => `CASE WHEN spark_size.n <= ${limit} THEN spark_q.${column} END`);
  // The sum of each value's text size: octet_length of a text value reads its header, not its bytes.
  const size =
    columns.map((column) => `coalesce(octet_length(spark_q.${column}::text), 0)`).join(' + ') || '0';
  // OFFSET 0 keeps the statement a subquery of its own, so its values are computed once per row
  // (flattened, a constant like repeat('x', 1e8) would be folded once per reference).
  return (
    `SELECT ${[...values, 'spark_size.n'].join(', ')} ` +
    `FROM (SELECT * FROM (\n${statement}\n) AS spark_inner OFFSET 0) AS ${alias} ` +
    `CROSS JOIN LATERAL (SELECT (${size})::int8 AS n) AS spark_size`
  );
}

/** DECLARE for the capped select: a cursor, so rows are produced only as they are fetched. */
export function declareText(selectText: string): string {
  return `DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${selectText}`;
}

/**
 * Reads at most `rowCap + 1` rows of `statement` within the byte bounds; call inside a read-only
 * transaction (the cursor lives until it ends). The statement must be checked already, embedded as
 * `cappedSelectText` embeds it (run_sql checks that text: the column count does not change how
 * the statement parses).
 */
export async function readCapped(
  execute: ExecuteArrays,
  statement: string,
  bounds: ResultBounds,
): Promise<CappedRows> {
  const described = await execute(describeText(statement));
  const columns = described.fields.map((field) => field.name);
  await execute(declareText(cappedSelectText(statement, columns.length, bounds.maxRowBytes)));
  const wanted = Math.max(0, Math.floor(bounds.rowCap)) + 1;
  const rows: unknown[][] = [];
  const oversizedRows: CappedRows['oversizedRows'] = [];
  let seen = 0;
  let bytes = 0;
  while (rows.length < wanted) {
    const batch = await execute(
      `FETCH FORWARD ${Math.min(FETCH_BATCH, wanted - rows.length)} FROM ${CURSOR}`,
    );
    for (const row of batch.rows) {
      seen++;
      const size = Number(row[columns.length]);
      if (size > bounds.maxRowBytes) oversizedRows.push({ row: seen, bytes: size });
      else {
        rows.push(row.slice(0, columns.length));
        bytes += size;
        if (bytes >= bounds.maxResultBytes) return { columns, rows, oversizedRows, stoppedAtBytes: true };
      }
    }
    if (batch.rows.length === 0) return { columns, rows, oversizedRows, stoppedAtBytes: false };
  }
  return { columns, rows, oversizedRows, stoppedAtBytes: false };
}

// Latency distributions as the read models report them, computed in SQL (percentile_cont).

/** A distribution of durations in milliseconds; the figures are null when `count` is 0. */
export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** The row `percentilesSelect` produces. */
export interface PercentilesRow {
  n: string | number;
  p: (string | number | null)[] | null;
  max: string | number | null;
}

/**
 * The select list of a distribution of `expression` (a number column; NULLs are left out):
 * `n`, `p` (the 50th, 95th and 99th percentiles, interpolated) and `max`.
 */
export function percentilesSelect(expression: string): string {
  const value = `(${expression})::double precision`;
  return `count(${value}) AS n,
    percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY ${value}) AS p,
    max(${value}) AS max`;
}

const numberOrNull = (value: string | number | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

/** The distribution of a `percentilesSelect` row (no row: an empty distribution). */
export function toPercentiles(row: PercentilesRow | undefined): Percentiles {
  const count = Number(row?.n ?? 0);
  if (!row || count === 0) return { count: 0, p50: null, p95: null, p99: null, max: null };
  const [p50, p95, p99] = row.p ?? [];
  return {
    count,
    p50: numberOrNull(p50),
    p95: numberOrNull(p95),
    p99: numberOrNull(p99),
    max: numberOrNull(row.max),
  };
}

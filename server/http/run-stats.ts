import { countOpenApprovals } from '../../projections/approvals/queries.ts';
import { type RunTotals, runTotals } from '../../projections/runs/queries.ts';
import type { SqlQueryable } from '../db/sql-database.ts';

/** Totals over the runs started in a time window, aggregated by the runs read model's queries. */
export interface RunStats extends RunTotals {
  from: Date | null;
  to: Date | null;
  pendingApprovals: number;
  /** Always false: the totals are aggregated in SQL over every run (kept for API compatibility). */
  truncated: boolean;
}

/** Counts by status and sums of the runs started in `range` (one aggregate query), and open approvals. */
export async function collectRunStats(
  db: SqlQueryable,
  range: { from?: Date | null; to?: Date | null } = {},
): Promise<RunStats> {
  const [totals, pendingApprovals] = await Promise.all([
    runTotals(db, {
      ...(range.from ? { startedFrom: range.from } : {}),
      ...(range.to ? { startedBefore: range.to } : {}),
    }),
    countOpenApprovals(db),
  ]);
  return { from: range.from ?? null, to: range.to ?? null, ...totals, pendingApprovals, truncated: false };
}

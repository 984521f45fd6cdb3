// Two evaluations item by item: which items got worse (a regression), better, or stayed the same.
// Items are matched by dataset item id, so two evaluations of one dataset line up whatever their order.

export interface ComparableItem {
  itemId: string;
  index: number;
  goal: string;
  score?: number | null | undefined;
  passed?: boolean | null | undefined;
  runId: string;
  costUsd: number;
  latencyMs?: number | null | undefined;
}

export type Change = 'REGRESSION' | 'IMPROVEMENT' | 'SAME' | 'ONLY_A' | 'ONLY_B' | 'PENDING';

export interface ComparedRow {
  itemId: string;
  goal: string;
  a: ComparableItem | null;
  b: ComparableItem | null;
  /** b's score minus a's (null unless both are scored). */
  delta: number | null;
  change: Change;
}

/** Score differences smaller than this are the same score (judges round, floats do not add up exactly). */
export const SCORE_EPSILON = 0.005;

function changeOf(a: ComparableItem | null, b: ComparableItem | null): Change {
  if (!a) return 'ONLY_B';
  if (!b) return 'ONLY_A';
  if (a.score == null || b.score == null) return 'PENDING';
  // A pass that became a fail is a regression even when the mean score did not move.
  if (a.passed === true && b.passed === false) return 'REGRESSION';
  if (a.passed === false && b.passed === true) return 'IMPROVEMENT';
  const delta = b.score - a.score;
  if (delta < -SCORE_EPSILON) return 'REGRESSION';
  if (delta > SCORE_EPSILON) return 'IMPROVEMENT';
  return 'SAME';
}

/** The rows of the comparison, in a's order then b's items a does not have. */
export function compareItems(a: readonly ComparableItem[], b: readonly ComparableItem[]): ComparedRow[] {
  const inB = new Map(b.map((item) => [item.itemId, item]));
  const rows: ComparedRow[] = [];
  const row = (itemA: ComparableItem | null, itemB: ComparableItem | null): ComparedRow => {
    const both = itemA?.score != null && itemB?.score != null;
    return {
      itemId: (itemA ?? itemB)?.itemId as string,
      goal: (itemA ?? itemB)?.goal as string,
      a: itemA,
      b: itemB,
      delta: both ? (itemB?.score as number) - (itemA?.score as number) : null,
      change: changeOf(itemA, itemB),
    };
  };
  for (const item of [...a].sort((x, y) => x.index - y.index))
    rows.push(row(item, inB.get(item.itemId) ?? null));
  const inA = new Set(a.map((item) => item.itemId));
  for (const item of [...b].sort((x, y) => x.index - y.index))
    if (!inA.has(item.itemId)) rows.push(row(null, item));
  return rows;
}

/** How many rows changed which way. */
export function countChanges(rows: readonly ComparedRow[]): Record<Change, number> {
  const counts: Record<Change, number> = {
    REGRESSION: 0,
    IMPROVEMENT: 0,
    SAME: 0,
    ONLY_A: 0,
    ONLY_B: 0,
    PENDING: 0,
  };
  for (const row of rows) counts[row.change]++;
  return counts;
}

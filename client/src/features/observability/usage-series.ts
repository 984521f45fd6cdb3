// Turns the server's usage rows (one per bucket, model and agent) into chart series: one value per
// bucket for each model or agent, gaps filled with zero, the smallest series folded into "Other".

export type Bucket = 'MINUTE' | 'HOUR' | 'DAY';

export const BUCKET_MS: Record<Bucket, number> = { MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

export interface UsageRow {
  start: string;
  model: string;
  agentId?: string | null;
  agentName?: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  llmCalls: number;
}

export interface Series {
  key: string;
  label: string;
  values: number[];
  total: number;
}

export interface UsageSeries {
  /** Bucket starts in ms, ascending, every bucket of the range. */
  starts: number[];
  series: Series[];
}

/** The start of the UTC-aligned bucket holding `ms` (the server aligns buckets to UTC). */
export function bucketStart(ms: number, bucket: Bucket): number {
  const size = BUCKET_MS[bucket];
  return Math.floor(ms / size) * size;
}

/** Every bucket start from `fromMs` to `toMs` (inclusive of the bucket holding `toMs`). */
export function bucketStarts(fromMs: number, toMs: number, bucket: Bucket, max = 1000): number[] {
  const size = BUCKET_MS[bucket];
  const starts: number[] = [];
  for (let at = bucketStart(fromMs, bucket); at <= toMs && starts.length < max; at += size) starts.push(at);
  return starts;
}

export const UsageMetric = { Tokens: 'tokens', Cost: 'cost', Calls: 'calls' } as const;
export type UsageMetric = (typeof UsageMetric)[keyof typeof UsageMetric];

function metricValue(row: UsageRow, metric: UsageMetric): number {
  if (metric === 'cost') return row.costUsd;
  if (metric === 'calls') return row.llmCalls;
  return row.inputTokens + row.outputTokens;
}

/**
 * Series of `metric` per model or per agent over the range's buckets. At most `maxSeries` series:
 * the largest by total, the rest summed as "Other".
 */
export function usageSeries(
  rows: readonly UsageRow[],
  options: {
    by: 'model' | 'agent';
    metric: UsageMetric;
    fromMs: number;
    toMs: number;
    bucket: Bucket;
    maxSeries?: number;
  },
): UsageSeries {
  const rowStarts = rows.map((row) => Date.parse(row.start));
  const from = Math.min(options.fromMs, ...rowStarts);
  const to = Math.max(options.toMs, ...rowStarts);
  const starts = bucketStarts(from, to, options.bucket);
  const index = new Map(starts.map((start, i) => [start, i]));
  const byKey = new Map<string, Series>();
  rows.forEach((row, i) => {
    const key = options.by === 'model' ? row.model : (row.agentId ?? 'none');
    const label = options.by === 'model' ? row.model : (row.agentName ?? 'Unknown agent');
    let series = byKey.get(key);
    if (!series) {
      series = { key, label, values: new Array<number>(starts.length).fill(0), total: 0 };
      byKey.set(key, series);
    }
    const at = index.get(bucketStart(rowStarts[i] as number, options.bucket));
    if (at === undefined) return;
    const value = metricValue(row, options.metric);
    series.values[at] = (series.values[at] ?? 0) + value;
    series.total += value;
  });
  const sorted = [...byKey.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  const max = options.maxSeries ?? 6;
  if (sorted.length <= max) return { starts, series: sorted };
  const kept = sorted.slice(0, max - 1);
  const other: Series = {
    key: '__other',
    label: 'Other',
    values: new Array<number>(starts.length).fill(0),
    total: 0,
  };
  for (const series of sorted.slice(max - 1)) {
    series.values.forEach((value, i) => {
      other.values[i] = (other.values[i] ?? 0) + value;
    });
    other.total += series.total;
  }
  return { starts, series: [...kept, other] };
}

/** A round upper bound for an axis (1, 2, 2.5 or 5 times a power of ten) at or above `max`. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

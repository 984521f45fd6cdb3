// The observability page's time ranges: presets relative to now, or a custom window, each with a
// bucket size that gives a readable number of bars.
import type { Bucket } from './usage-series';

export const RANGE_PRESETS = {
  hour: { label: 'Last hour', ms: 3_600_000, bucket: 'MINUTE' },
  day: { label: 'Last 24 hours', ms: 86_400_000, bucket: 'HOUR' },
  week: { label: 'Last 7 days', ms: 7 * 86_400_000, bucket: 'DAY' },
} as const satisfies Record<string, { label: string; ms: number; bucket: Bucket }>;

export type RangePreset = keyof typeof RANGE_PRESETS | 'custom';

export interface ResolvedRange {
  from: string;
  to: string;
  bucket: Bucket;
}

/** The bucket that keeps a span between a handful and a few hundred bars. */
export function autoBucket(spanMs: number): Bucket {
  if (spanMs <= 3 * 3_600_000) return 'MINUTE';
  if (spanMs <= 4 * 86_400_000) return 'HOUR';
  return 'DAY';
}

const MAX_BARS = 1000;
const BUCKET_MS: Record<Bucket, number> = { MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

/**
 * The range to ask the server for, or a sentence saying what is wrong with a custom one.
 * `custom.from`/`custom.to` are `datetime-local` values (the viewer's time zone).
 */
export function resolveRange(
  preset: RangePreset,
  now: number,
  custom: { from: string; to: string; bucket: Bucket | 'AUTO' },
): ResolvedRange | { error: string } {
  if (preset !== 'custom') {
    const { ms, bucket } = RANGE_PRESETS[preset];
    return { from: new Date(now - ms).toISOString(), to: new Date(now).toISOString(), bucket };
  }
  const from = Date.parse(custom.from);
  const to = custom.to ? Date.parse(custom.to) : now;
  if (Number.isNaN(from)) return { error: 'Choose when the range starts.' };
  if (Number.isNaN(to)) return { error: 'Choose when the range ends.' };
  if (from >= to) return { error: 'The range must end after it starts.' };
  const bucket = custom.bucket === 'AUTO' ? autoBucket(to - from) : custom.bucket;
  if ((to - from) / BUCKET_MS[bucket] > MAX_BARS) {
    return { error: `That is more than ${MAX_BARS} ${bucket.toLowerCase()}s: choose a larger bucket.` };
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket };
}

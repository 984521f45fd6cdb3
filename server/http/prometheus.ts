// Prometheus text format 0.0.4: the lines of one metric family, from figures the caller read.

/** LLM call latency buckets, in seconds (LLM calls take from a fraction of a second to minutes). */
export const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] as const;

/** Label name → value; a null value leaves the label out (Prometheus treats empty and absent alike). */
export type Labels = Record<string, string | null>;

function labelText(set: Labels): string {
  const entries = Object.entries(set).filter((entry): entry is [string, string] => entry[1] !== null);
  if (entries.length === 0) return '';
  const escaped = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `{${entries.map(([key, value]) => `${key}="${escaped(value)}"`).join(',')}}`;
}

function family(
  name: string,
  type: 'gauge' | 'counter',
  help: string,
  samples: readonly [Labels, number][],
): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} ${type}`,
    ...samples.map(([set, value]) => `${name}${labelText(set)} ${value}`),
  ];
}

/** `name{label="value"} n` lines of a gauge, with HELP and TYPE. */
export function gauge(name: string, help: string, samples: readonly [Labels, number][]): string[] {
  return family(name, 'gauge', help, samples);
}

/** `name{label="value"} n` lines of a counter (a total that only grows), with HELP and TYPE. */
export function counter(name: string, help: string, samples: readonly [Labels, number][]): string[] {
  return family(name, 'counter', help, samples);
}

/** A histogram from cumulative bucket counts (`counts[i]` observations ≤ `bounds[i]`). */
export function histogram(
  name: string,
  help: string,
  figures: { bounds: readonly number[]; counts: readonly number[]; count: number; sum: number },
): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} histogram`,
    ...figures.bounds.map((bound, i) => `${name}_bucket{le="${bound}"} ${figures.counts[i] ?? 0}`),
    `${name}_bucket{le="+Inf"} ${figures.count}`,
    `${name}_sum ${figures.sum}`,
    `${name}_count ${figures.count}`,
  ];
}

import type { RunEventDataByType } from '../../schema/events/index.ts';
import type { RecordedEvent } from '../eventstore/port.ts';

/** Step latency buckets, in seconds (LLM calls take from a fraction of a second to minutes). */
export const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] as const;

/** Counters fed by the live tail: what this process has seen since it started. */
export interface LiveCounters {
  observe(event: RecordedEvent): void;
  /** Prometheus text for the counters and the histogram. */
  render(): string[];
}

/**
 * LLM tokens, cost and the step latency histogram, counted from ReasoningCompleted and
 * ModelOutputRejected events of the live tail. Every instance tails the whole log, so each counts
 * every event: take max() across instances, never sum().
 */
export function createLiveCounters(): LiveCounters {
  const buckets = LATENCY_BUCKETS.map(() => 0);
  let count = 0;
  let sum = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let costUsd = 0;
  return {
    observe(event) {
      if (event.type !== 'ReasoningCompleted' && event.type !== 'ModelOutputRejected') return;
      const data = event.data as unknown as RunEventDataByType['ReasoningCompleted'];
      inputTokens += data.usage.inputTokens;
      outputTokens += data.usage.outputTokens;
      costUsd += data.costUsd;
      const seconds = data.latencyMs / 1000;
      count++;
      sum += seconds;
      LATENCY_BUCKETS.forEach((bound, i) => {
        if (seconds <= bound) buckets[i] = (buckets[i] ?? 0) + 1;
      });
    },
    render: () => [
      '# HELP spark_step_latency_seconds LLM call latency per reasoning step, seen by this process.',
      '# TYPE spark_step_latency_seconds histogram',
      ...LATENCY_BUCKETS.map((bound, i) => `spark_step_latency_seconds_bucket{le="${bound}"} ${buckets[i]}`),
      `spark_step_latency_seconds_bucket{le="+Inf"} ${count}`,
      `spark_step_latency_seconds_sum ${sum}`,
      `spark_step_latency_seconds_count ${count}`,
      '# HELP spark_llm_tokens_total LLM tokens used, seen by this process.',
      '# TYPE spark_llm_tokens_total counter',
      `spark_llm_tokens_total{direction="input"} ${inputTokens}`,
      `spark_llm_tokens_total{direction="output"} ${outputTokens}`,
      '# HELP spark_llm_cost_usd_total LLM cost in US dollars, seen by this process.',
      '# TYPE spark_llm_cost_usd_total counter',
      `spark_llm_cost_usd_total ${costUsd}`,
    ],
  };
}

/** `name{label="value"} n` lines of a gauge, with HELP and TYPE. */
export function gauge(
  name: string,
  help: string,
  samples: readonly [Record<string, string>, number][],
): string[] {
  const labels = (set: Record<string, string>) => {
    const entries = Object.entries(set);
    if (entries.length === 0) return '';
    const inner = entries.map(([key, value]) => `${key}="${value.replace(/["\\\n]/g, '_')}"`).join(',');
    return `{${inner}}`;
  };
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    ...samples.map(([set, value]) => `${name}${labels(set)} ${value}`),
  ];
}

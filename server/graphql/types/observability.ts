import { getAgent } from '../../../projections/agents/queries.ts';
import { approvalWait } from '../../../projections/approvals/queries.ts';
import type { Percentiles as PercentilesShape } from '../../../projections/percentiles.ts';
import { runOutcomes } from '../../../projections/runs/queries.ts';
import type { TimeWindow } from '../../../projections/time-window.ts';
import {
  countLlmErrors,
  llmLatency,
  toolLatency,
  UsageBucketSize,
  type UsageBucketView,
  usageBuckets,
} from '../../../projections/usage/queries.ts';
import { Permission } from '../../auth/roles.ts';
import type { SqlQueryable } from '../../db/sql-database.ts';
import { builder } from '../builder.ts';
import { rangeBounds, TimeRange } from './metrics.ts';

/** `MetricsBucket`: MINUTE HOUR DAY, the width of a usage bucket (aligned to UTC). */
const MetricsBucket = builder.enumType('MetricsBucket', {
  values: {
    MINUTE: { value: UsageBucketSize.Minute },
    HOUR: { value: UsageBucketSize.Hour },
    DAY: { value: UsageBucketSize.Day },
  } as const,
});

/** What `observability` resolved: each field queries the read models only when it is selected. */
interface ObservabilityQuery {
  window: TimeWindow;
  bucket: UsageBucketSize;
  db: SqlQueryable;
  /** Runs finished and failed in the window (one query shared by three fields). */
  outcomes(): Promise<{ finished: number; failed: number }>;
}

const Percentiles = builder.objectRef<PercentilesShape>('Percentiles').implement({
  description: 'A distribution of durations in milliseconds; the figures are null when count is 0.',
  fields: (t) => ({
    count: t.exposeInt('count'),
    p50: t.exposeFloat('p50', { nullable: true }),
    p95: t.exposeFloat('p95', { nullable: true }),
    p99: t.exposeFloat('p99', { nullable: true }),
    max: t.exposeFloat('max', { nullable: true }),
  }),
});

type UsageBucketShape = UsageBucketView & { agentName: string | null };

const UsageBucket = builder.objectRef<UsageBucketShape>('UsageBucket').implement({
  description: 'LLM calls of one model by one agent in one time bucket (usable and rejected answers).',
  fields: (t) => ({
    start: t.expose('start', { type: 'DateTime' }),
    model: t.exposeString('model'),
    agentId: t.exposeID('agentId', { nullable: true }),
    agentName: t.exposeString('agentName', { nullable: true }),
    llmCalls: t.exposeInt('llmCalls'),
    inputTokens: t.exposeInt('inputTokens', { description: 'Prompt tokens, cache hits included.' }),
    outputTokens: t.exposeInt('outputTokens', { description: 'Output tokens, reasoning included.' }),
    cachedInputTokens: t.exposeInt('cachedInputTokens', {
      description: 'The part of inputTokens read from the prompt cache (priced at the cached-input rate).',
    }),
    reasoningTokens: t.exposeInt('reasoningTokens', {
      description: 'The part of outputTokens the model spent reasoning (billed as output).',
    }),
    costUsd: t.exposeFloat('costUsd', {
      description: 'At the price table of the call: uncached input, cached input and output priced apart.',
    }),
  }),
});

/** The buckets with their agents' current names (one read per distinct agent). */
async function withAgentNames(db: SqlQueryable, buckets: UsageBucketView[]): Promise<UsageBucketShape[]> {
  const ids = [...new Set(buckets.map((bucket) => bucket.agentId).filter((id) => id !== null))];
  const agents = await Promise.all(ids.map((id) => getAgent(db, id)));
  const names = new Map(ids.map((id, i) => [id, agents[i]?.name ?? null]));
  return buckets.map((bucket) => ({
    ...bucket,
    agentName: bucket.agentId ? (names.get(bucket.agentId) ?? null) : null,
  }));
}

const Observability = builder.objectRef<ObservabilityQuery>('Observability').implement({
  description: 'Usage, latencies and failure rates over a time range, from the read models.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', nullable: true, resolve: (q) => q.window.from }),
    to: t.field({ type: 'DateTime', nullable: true, resolve: (q) => q.window.to }),
    bucket: t.field({ type: MetricsBucket, resolve: (q) => q.bucket }),
    usage: t.field({
      type: [UsageBucket],
      description: 'One row per (bucket start, model, agent), ascending by start.',
      resolve: async (q) => withAgentNames(q.db, await usageBuckets(q.db, q.window, q.bucket)),
    }),
    stepLatency: t.field({
      type: Percentiles,
      description: 'LLM call latency (ReasoningCompleted and ModelOutputRejected), ms.',
      resolve: (q) => llmLatency(q.db, q.window),
    }),
    toolLatency: t.field({
      type: Percentiles,
      description: 'Tool call duration (ToolCallSucceeded and ToolCallFailed), ms.',
      resolve: (q) => toolLatency(q.db, q.window),
    }),
    approvalWait: t.field({
      type: Percentiles,
      description: 'From ApprovalRequested to its decision (granted, rejected or expired), ms.',
      resolve: (q) => approvalWait(q.db, q.window),
    }),
    runsFinished: t.int({
      description: 'Runs that completed, failed or were cancelled in the range.',
      resolve: async (q) => (await q.outcomes()).finished,
    }),
    runsFailed: t.int({ resolve: async (q) => (await q.outcomes()).failed }),
    errorRate: t.float({
      description: 'runsFailed / runsFinished; 0 when no run finished.',
      resolve: async (q) => {
        const { finished, failed } = await q.outcomes();
        return finished === 0 ? 0 : failed / finished;
      },
    }),
    llmErrors: t.int({
      description: 'LLM calls without a usable answer: ReasoningFailed and ModelOutputRejected.',
      resolve: (q) => countLlmErrors(q.db, q.window),
    }),
  }),
});

builder.queryField('observability', (t) =>
  t.field({
    type: Observability,
    authScopes: { permission: Permission.Read },
    args: {
      range: t.arg({ type: TimeRange }),
      agentId: t.arg.id(),
      bucket: t.arg({ type: MetricsBucket, defaultValue: UsageBucketSize.Hour }),
    },
    resolve: (_root, args, context) => {
      const db = context.services.db;
      const window: TimeWindow = { ...rangeBounds(args.range), agentId: args.agentId ?? null };
      let outcomes: Promise<{ finished: number; failed: number }> | null = null;
      return {
        window,
        bucket: args.bucket ?? UsageBucketSize.Hour,
        db,
        outcomes: () => {
          outcomes ??= runOutcomes(db, window);
          return outcomes;
        },
      };
    },
  }),
);

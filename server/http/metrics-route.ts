import { timingSafeEqual } from 'node:crypto';
import type { ProjectionStatus } from '../../projections/status.ts';
import { llmLatencyHistogram, type ModelUsageTotals, usageTotals } from '../../projections/usage/queries.ts';
import { sha256 } from '../auth/secret-tokens.ts';
import type { SqlQueryable } from '../db/sql-database.ts';
import { type Route, sendJson } from './http-server.ts';
import { counter, gauge, histogram, LATENCY_BUCKETS, type Labels } from './prometheus.ts';
import { collectRunStats } from './run-stats.ts';

export interface MetricsDependencies {
  db: SqlQueryable;
  projectionStatus(): Promise<ProjectionStatus[]>;
  subscriberCount(): number;
}

/** Per model, the token totals of every kind, summed over the calls' outcomes. */
function tokenSamples(totals: readonly ModelUsageTotals[]): [Labels, number][] {
  const byModel = new Map<string | null, ModelUsageTotals[]>();
  for (const row of totals) byModel.set(row.model, [...(byModel.get(row.model) ?? []), row]);
  const samples: [Labels, number][] = [];
  for (const [model, rows] of byModel) {
    const sum = (pick: (row: ModelUsageTotals) => number) => rows.reduce((n, row) => n + pick(row), 0);
    samples.push(
      [{ direction: 'input', model }, sum((row) => row.inputTokens)],
      [{ direction: 'output', model }, sum((row) => row.outputTokens)],
      [{ direction: 'cached_input', model }, sum((row) => row.cachedInputTokens)],
      [{ direction: 'reasoning', model }, sum((row) => row.reasoningTokens)],
    );
  }
  return samples;
}

/**
 * The Prometheus exposition of /metrics (text format 0.0.4). Every figure but `spark_subscribers` is
 * read from the read models, so every process answers the same (scrape any one, or sum none).
 */
export async function renderMetrics(deps: MetricsDependencies): Promise<string> {
  const [stats, projections, totals, latency] = await Promise.all([
    collectRunStats(deps.db),
    deps.projectionStatus(),
    usageTotals(deps.db),
    llmLatencyHistogram(deps.db, LATENCY_BUCKETS),
  ]);
  const costByModel = new Map<string | null, number>();
  for (const row of totals) costByModel.set(row.model, (costByModel.get(row.model) ?? 0) + row.costUsd);
  const lines = [
    ...gauge(
      'spark_runs',
      'Runs by status (read model).',
      Object.entries(stats.byStatus).map(([status, n]) => [{ status }, n]),
    ),
    ...gauge('spark_pending_approvals', 'Approvals waiting for a human.', [[{}, stats.pendingApprovals]]),
    ...gauge(
      'spark_projection_lag_events',
      'Events of the log a projection has not applied yet (capped).',
      projections.map((p) => [{ projection: p.projection }, p.eventsBehind]),
    ),
    ...gauge(
      'spark_subscribers',
      'Live GraphQL subscriptions on this process (the one per-process figure).',
      [[{}, deps.subscriberCount()]],
    ),
    ...histogram(
      'spark_step_latency_seconds',
      'LLM call latency per reasoning step, answered calls (usage read model).',
      { bounds: latency.bounds, counts: latency.counts, count: latency.count, sum: latency.sumSeconds },
    ),
    ...counter(
      'spark_llm_calls_total',
      'LLM calls by model and outcome (completed, rejected, failed; usage read model).',
      totals.map((row) => [{ model: row.model, outcome: row.outcome }, row.llmCalls]),
    ),
    ...counter(
      'spark_llm_tokens_total',
      'LLM tokens by model: input (cache hits included), output (reasoning included), cached_input and reasoning (usage read model).',
      tokenSamples(totals),
    ),
    ...counter(
      'spark_llm_cost_usd_total',
      'LLM cost in US dollars by model, at the price table (usage read model).',
      [...costByModel].map(([model, cost]) => [{ model }, cost]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Who may read /metrics. */
export interface MetricsAccess {
  /** METRICS_PUBLIC=true: anyone (put it behind the network edge). */
  public: boolean;
  /** METRICS_TOKEN: a bearer token good for /metrics only. */
  token?: string | undefined;
  /** Resolves a bearer header to a role (the API's auth); an admin may read /metrics. */
  roleOf(authorization: string | undefined): Promise<string | null>;
}

function sameSecret(given: string, expected: string): boolean {
  // Hashes first: equal lengths for timingSafeEqual, and no early exit on the secret's length.
  return timingSafeEqual(Buffer.from(sha256(given), 'hex'), Buffer.from(sha256(expected), 'hex'));
}

/** 401/403 with a JSON reason, or null when the request may read the metrics. */
async function refusal(
  access: MetricsAccess,
  authorization: string | undefined,
): Promise<[number, string] | null> {
  if (access.public) return null;
  if (!authorization) return [401, 'UNAUTHENTICATED'];
  const bearer = /^Bearer (\S+)$/.exec(authorization.trim())?.[1];
  if (bearer && access.token && sameSecret(bearer, access.token)) return null;
  let role: string | null;
  try {
    role = await access.roleOf(authorization);
  } catch {
    return [401, 'UNAUTHENTICATED'];
  }
  if (role === null) return [401, 'UNAUTHENTICATED'];
  return role === 'admin' ? null : [403, 'FORBIDDEN'];
}

/**
 * GET /metrics. Counts only, but they say what the platform does: an admin token or METRICS_TOKEN
 * is required unless METRICS_PUBLIC=true.
 */
export function createMetricsRoute(deps: MetricsDependencies, access: MetricsAccess): Route {
  return async (request, response) => {
    if (request.method !== 'GET' || new URL(request.url ?? '/', 'http://localhost').pathname !== '/metrics')
      return false;
    const refused = await refusal(access, request.headers.authorization);
    if (refused) {
      const [status, error] = refused;
      const message =
        status === 401
          ? 'Send "Authorization: Bearer <admin token or METRICS_TOKEN>" (or set METRICS_PUBLIC=true)'
          : 'Only an admin or METRICS_TOKEN may read /metrics';
      sendJson(response, status, { error, message });
      return true;
    }
    const text = await renderMetrics(deps);
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    response.end(text);
    return true;
  };
}

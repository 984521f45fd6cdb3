import type { ProjectionStatus } from '../../projections/status.ts';
import type { SqlQueryable } from '../db/sql-database.ts';
import type { Route } from './http-server.ts';
import { gauge, type LiveCounters } from './prometheus.ts';
import { collectRunStats } from './run-stats.ts';

export interface MetricsDependencies {
  db: SqlQueryable;
  counters: LiveCounters;
  projectionStatus(): Promise<ProjectionStatus[]>;
  subscriberCount(): number;
}

/** The Prometheus exposition of /metrics (text format 0.0.4). */
export async function renderMetrics(deps: MetricsDependencies): Promise<string> {
  const stats = await collectRunStats(deps.db);
  const projections = await deps.projectionStatus();
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
    ...gauge('spark_subscribers', 'Live GraphQL subscriptions on this process.', [
      [{}, deps.subscriberCount()],
    ]),
    ...deps.counters.render(),
  ];
  return `${lines.join('\n')}\n`;
}

/** GET /metrics. Open like /health: it carries counts, no content. Put it behind the network edge. */
export function createMetricsRoute(deps: MetricsDependencies): Route {
  return async (request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') return false;
    const text = await renderMetrics(deps);
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    response.end(text);
    return true;
  };
}

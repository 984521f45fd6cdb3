import { timingSafeEqual } from 'node:crypto';
import type { ProjectionStatus } from '../../projections/status.ts';
import { sha256 } from '../auth/secret-tokens.ts';
import type { SqlQueryable } from '../db/sql-database.ts';
import { type Route, sendJson } from './http-server.ts';
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

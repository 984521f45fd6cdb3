// /maestro: what is happening now. Live runs by status, approvals waiting, today's tokens and
// cost, recent failures and runs; all kept current by runUpdated and hitlUpdated.
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useThrottled } from '../api/use-live';
import { useStickyQuery } from '../api/use-sticky-query';
import { PendingApprovalsPanel } from '../features/dashboard/pending-approvals-panel';
import { StatusBar } from '../features/dashboard/status-bar';
import { useHitlEvents } from '../features/hitl/hitl-live';
import { RunsTable } from '../features/runs/runs-table';
import { useAnyRunUpdated } from '../features/runs/use-live-runs';
import { graphql } from '../gql';
import { formatCompact, formatCost, formatInteger, startOfToday } from '../lib/format';
import { Badge } from '../ui/badges';
import { PlayIcon } from '../ui/icons';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';

const DashboardMetrics = graphql(`
  query DashboardMetrics($today: TimeRange!) {
    live: metrics {
      pendingApprovals
      runsByStatus {
        status
        count
      }
    }
    today: metrics(range: $today) {
      runs
      inputTokens
      outputTokens
      costUsd
      runsByStatus {
        status
        count
      }
    }
  }
`);

const DashboardLists = graphql(`
  query DashboardLists {
    pending: hitlRequests(status: PENDING, first: 6) {
      edges {
        node {
          ...HitlCardFields
        }
      }
    }
    failures: runs(filter: { status: [FAILED] }, first: 5) {
      edges {
        node {
          ...RunRowFields
        }
      }
    }
  }
`);

const RecentRuns = graphql(`
  query RecentRuns {
    runs(first: 10) {
      edges {
        node {
          ...RunRowFields
        }
      }
    }
  }
`);

function countOf(counts: readonly { status: string; count: number }[] | undefined, ...statuses: string[]) {
  return (counts ?? [])
    .filter((item) => statuses.includes(item.status))
    .reduce((sum, item) => sum + item.count, 0);
}

export function DashboardPage() {
  const today = useMemo(() => ({ from: startOfToday() }), []);
  const [metrics, refetchMetrics] = useStickyQuery({ query: DashboardMetrics, variables: { today } });
  const [lists, refetchLists] = useStickyQuery({ query: DashboardLists });
  const [recent, refetchRecent] = useStickyQuery({ query: RecentRuns });
  const refreshRuns = useThrottled(() => {
    refetchMetrics({ requestPolicy: 'network-only' });
    refetchLists({ requestPolicy: 'network-only' });
    refetchRecent({ requestPolicy: 'network-only' });
  }, 1000);
  const refreshApprovals = useThrottled(() => {
    refetchMetrics({ requestPolicy: 'network-only' });
    refetchLists({ requestPolicy: 'network-only' });
  }, 500);
  useAnyRunUpdated(refreshRuns);
  useHitlEvents(refreshApprovals);

  const live = metrics.data?.live;
  const day = metrics.data?.today;
  const pending = lists.data?.pending.edges.map((edge) => edge.node) ?? [];
  const failures = lists.data?.failures.edges.map((edge) => edge.node) ?? [];
  const recentRuns = recent.data?.runs.edges.map((edge) => edge.node) ?? [];
  const kpis = [
    {
      label: 'Running',
      value: formatInteger(countOf(live?.runsByStatus, 'RUNNING', 'QUEUED')),
      sub: 'running or queued',
    },
    {
      label: 'Waiting for approval',
      value: formatInteger(live?.pendingApprovals),
      sub: <Link to="/hitl">Review approvals</Link>,
    },
    {
      label: 'Completed today',
      value: formatInteger(countOf(day?.runsByStatus, 'COMPLETED')),
      sub: `${formatInteger(day?.runs)} runs started`,
    },
    {
      label: 'Failed today',
      value: formatInteger(countOf(day?.runsByStatus, 'FAILED')),
      sub: 'see recent failures',
    },
    {
      label: 'Tokens today',
      value: formatCompact(day ? day.inputTokens + day.outputTokens : null),
      sub: day ? `${formatCompact(day.inputTokens)} in · ${formatCompact(day.outputTokens)} out` : '',
    },
    { label: 'Cost today', value: formatCost(day?.costUsd), sub: 'all agents' },
  ];

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Every agent, live: what runs, what waits for you, what it costs today."
        actions={
          <Badge tone="success" dot live>
            Live
          </Badge>
        }
      />
      <div className="stack-lg">
        {metrics.error && !metrics.data ? (
          <ErrorState
            error={metrics.error}
            onRetry={() => refetchMetrics({ requestPolicy: 'network-only' })}
          />
        ) : null}
        <section className="kpi-grid" aria-label="Key figures">
          {kpis.map((kpi) => (
            <div key={kpi.label} className="card kpi">
              <div className="kpi-label">{kpi.label}</div>
              <div className="kpi-value">
                {metrics.data ? kpi.value : <span className="skeleton kpi-skeleton" />}
              </div>
              <div className="kpi-sub">{kpi.sub}</div>
            </div>
          ))}
        </section>
        <div className="dashboard-grid">
          <section className="card" aria-labelledby="status-title">
            <div className="card-header">
              <h2 id="status-title">Runs by status</h2>
            </div>
            <div className="card-body stack-lg">
              {day ? (
                <div>
                  <h3 className="status-bar-title">Started today</h3>
                  <StatusBar counts={day.runsByStatus} label="Runs started today by status" />
                </div>
              ) : null}
              {live ? (
                <div>
                  <h3 className="status-bar-title">All time</h3>
                  <StatusBar counts={live.runsByStatus} label="All runs by status" />
                </div>
              ) : (
                <LoadingState />
              )}
            </div>
          </section>
          <section className="card" aria-labelledby="pending-title">
            <div className="card-header">
              <h2 id="pending-title">Pending approvals</h2>
              <Link to="/hitl" className="small">
                All approvals
              </Link>
            </div>
            {lists.error && !lists.data ? <ErrorState error={lists.error} /> : null}
            {lists.data ? <PendingApprovalsPanel requests={pending} /> : <LoadingState />}
          </section>
        </div>
        <section className="card" aria-labelledby="failures-title">
          <div className="card-header">
            <h2 id="failures-title">Recent failures</h2>
          </div>
          {lists.data && failures.length === 0 ? (
            <EmptyState title="No failed runs">Runs that fail show here with their error.</EmptyState>
          ) : null}
          {failures.length > 0 ? (
            <ul className="failure-list" aria-label="Recent failures">
              {failures.map((run) => (
                <li key={run.id} className="failure-item">
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Link to={`/runs/${run.id}`} className="cell-main">
                      {run.goal ?? 'Run'}
                    </Link>
                    <div className="small" style={{ color: 'var(--danger-text)' }}>
                      {run.error?.message ?? 'Failed'}
                    </div>
                  </div>
                  <span className="small muted">{run.agent?.name}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <section className="card" aria-labelledby="recent-title">
          <div className="card-header">
            <h2 id="recent-title">Recent runs</h2>
            <Link to="/agents" className="small">
              Start a run from an agent
            </Link>
          </div>
          {recent.error && !recent.data ? <ErrorState error={recent.error} /> : null}
          {recent.fetching && !recent.data ? <LoadingState /> : null}
          {recent.data && recentRuns.length === 0 ? (
            <EmptyState title="No runs yet" icon={<PlayIcon size={18} />}>
              Open an agent and press “Run agent”.
            </EmptyState>
          ) : null}
          {recentRuns.length > 0 ? <RunsTable runs={recentRuns} label="Recent runs" /> : null}
        </section>
      </div>
    </>
  );
}

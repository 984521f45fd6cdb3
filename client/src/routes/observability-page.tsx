// /maestro/observability: tokens and cost over time by model and agent, latency percentiles,
// error rate and approval wait, for one agent or all, over a time range.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useThrottled } from '../api/use-live';
import { useStickyQuery } from '../api/use-sticky-query';
import { type CustomRange, ObservabilityFilters } from '../features/observability/observability-filters';
import { type RangePreset, resolveRange } from '../features/observability/time-range';
import { UsageChartCard } from '../features/observability/usage-chart-card';
import { runsExplorerHref } from '../features/runs/explorer-query';
import { useAnyRunUpdated } from '../features/runs/use-live-runs';
import { graphql } from '../gql';
import type { RunStatus } from '../gql/graphql';
import { formatCompact, formatCost, formatInteger, formatPercent } from '../lib/format';
import { PercentileBars } from '../ui/charts/percentile-bars';
import { PageHeader } from '../ui/page-header';
import { Callout, ErrorState, LoadingState } from '../ui/states';

const ObservabilityQuery = graphql(`
  query Observability($range: TimeRange, $agentId: ID, $bucket: MetricsBucket) {
    observability(range: $range, agentId: $agentId, bucket: $bucket) {
      bucket
      usage {
        start
        model
        agentId
        agentName
        llmCalls
        inputTokens
        outputTokens
        costUsd
      }
      stepLatency {
        count
        p50
        p95
        p99
        max
      }
      toolLatency {
        count
        p50
        p95
        p99
        max
      }
      approvalWait {
        count
        p50
        p95
        p99
        max
      }
      runsFinished
      runsFailed
      errorRate
      llmErrors
    }
  }
`);

const AgentChoices = graphql(`
  query AgentChoices {
    agents(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export function ObservabilityPage() {
  const [agentId, setAgentId] = useState('');
  const [preset, setPreset] = useState<RangePreset>('day');
  const [custom, setCustom] = useState<CustomRange>({
    from: '',
    to: '',
    bucket: 'AUTO',
  });
  // Relative ranges move with time: every refresh recomputes "now".
  const [now, setNow] = useState(() => Date.now());
  const range = useMemo(() => resolveRange(preset, now, custom), [preset, now, custom]);
  const valid = !('error' in range);
  const [agents] = useStickyQuery({ query: AgentChoices });
  const [{ data, error, fetching }, refetch] = useStickyQuery({
    query: ObservabilityQuery,
    variables: valid
      ? { range: { from: range.from, to: range.to }, bucket: range.bucket, agentId: agentId || null }
      : {},
    pause: !valid,
  });
  const refresh = useThrottled(() => {
    if (preset !== 'custom') setNow(Date.now());
    else refetch({ requestPolicy: 'network-only' });
  }, 10_000);
  useAnyRunUpdated(refresh);

  const o = data?.observability;
  const totals = (o?.usage ?? []).reduce(
    (sum, row) => ({
      calls: sum.calls + row.llmCalls,
      tokens: sum.tokens + row.inputTokens + row.outputTokens,
      cost: sum.cost + row.costUsd,
    }),
    { calls: 0, tokens: 0, cost: 0 },
  );
  return (
    <>
      <PageHeader
        title="Observability"
        description="Usage, latency and failures from the event log, for one agent or all of them."
      />
      <ObservabilityFilters
        agents={(agents.data?.agents.edges ?? []).map((edge) => edge.node)}
        agentId={agentId}
        onAgentChange={setAgentId}
        preset={preset}
        onPresetChange={(value) => {
          setPreset(value);
          setNow(Date.now());
        }}
        custom={custom}
        onCustomChange={setCustom}
      />
      {'error' in range ? (
        <Callout tone="warning" role="alert">
          {range.error}
        </Callout>
      ) : null}
      {error && !data ? (
        <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : null}
      {fetching && !data && valid ? <LoadingState label="Loading metrics…" /> : null}
      {o && valid ? (
        <div className="stack-lg">
          <section className="kpi-grid" aria-label="Totals for the range">
            {[
              { label: 'LLM calls', value: formatInteger(totals.calls) },
              { label: 'Tokens', value: formatCompact(totals.tokens) },
              { label: 'Cost', value: formatCost(totals.cost) },
              {
                label: 'Runs finished',
                value: formatInteger(o.runsFinished),
                href: runsExplorerHref({
                  since: range.from,
                  until: range.to,
                  agent: agentId,
                  status: ['COMPLETED', 'FAILED', 'CANCELLED'] as RunStatus[],
                }),
              },
              {
                label: 'Error rate',
                value: formatPercent(o.errorRate),
                sub: `${o.runsFailed} failed`,
                href: runsExplorerHref({
                  since: range.from,
                  until: range.to,
                  agent: agentId,
                  status: ['FAILED'] as RunStatus[],
                }),
              },
              { label: 'LLM errors', value: formatInteger(o.llmErrors), sub: 'failed or unusable answers' },
            ].map((kpi) => (
              <div key={kpi.label} className="card kpi">
                <div className="kpi-label">{kpi.label}</div>
                <div className="kpi-value">
                  {'href' in kpi && kpi.href ? (
                    <Link to={kpi.href} title="Show these runs">
                      {kpi.value}
                    </Link>
                  ) : (
                    kpi.value
                  )}
                </div>
                {kpi.sub ? <div className="kpi-sub">{kpi.sub}</div> : null}
              </div>
            ))}
          </section>
          <UsageChartCard
            title="Tokens over time"
            metric="tokens"
            rows={o.usage}
            fromMs={Date.parse(range.from)}
            toMs={Date.parse(range.to)}
            bucket={range.bucket}
            format={formatCompact}
            agentId={agentId}
          />
          <UsageChartCard
            title="Cost over time"
            metric="cost"
            rows={o.usage}
            fromMs={Date.parse(range.from)}
            toMs={Date.parse(range.to)}
            bucket={range.bucket}
            format={formatCost}
            agentId={agentId}
          />
          <div className="grid-2">
            <section className="card" aria-labelledby="latency-title">
              <div className="card-header">
                <h2 id="latency-title">Latency</h2>
              </div>
              <div className="card-body">
                <PercentileBars
                  rows={[
                    { label: 'Step (model call)', ...o.stepLatency },
                    { label: 'Tool call', ...o.toolLatency },
                  ]}
                />
              </div>
            </section>
            <section className="card" aria-labelledby="approval-wait-title">
              <div className="card-header">
                <h2 id="approval-wait-title">Approval wait time</h2>
              </div>
              <div className="card-body stack">
                <PercentileBars
                  rows={[{ label: 'Request to decision', ...o.approvalWait }]}
                  unit="decisions"
                />
                <div>
                  <div className="percentile-head">
                    <span className="percentile-label">Run error rate</span>
                    <span className="muted small">
                      {o.runsFailed} of {o.runsFinished} finished runs failed
                    </span>
                  </div>
                  <div
                    className="percentile-track"
                    role="img"
                    aria-label={`Error rate ${formatPercent(o.errorRate)}`}
                  >
                    <span
                      className="percentile-bar"
                      style={{ width: `${Math.min(100, o.errorRate * 100)}%`, background: 'var(--danger)' }}
                    />
                  </div>
                  <div className="percentile-figures small">
                    <strong>{formatPercent(o.errorRate)}</strong>
                  </div>
                </div>
              </div>
            </section>
          </div>
        </div>
      ) : null}
    </>
  );
}

// /maestro/runs/:id: a run live. Header with status and totals, pending approvals, the reasoning
// trace (virtualized, replayable) and the agent's memory.
import { Tabs } from 'radix-ui';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useSubscription } from 'urql';
import { useThrottled } from '../api/use-live';
import { useStickyQuery } from '../api/use-sticky-query';
import { usePermissions } from '../features/auth/viewer';
import { HITLApprovalCard } from '../features/hitl/hitl-approval-card';
import { useHitlEvents } from '../features/hitl/hitl-live';
import { AgentMemoryViewer } from '../features/runs/agent-memory-viewer';
import { ReasoningTraceViewer } from '../features/runs/reasoning-trace-viewer';
import { ReplayScrubber } from '../features/runs/replay-scrubber';
import { CancelRunButton, ForkRunButton } from '../features/runs/run-actions';
import { RunDiff } from '../features/runs/run-diff';
import { RunSummary } from '../features/runs/run-summary';
import { eventsUpTo } from '../features/runs/trace-events';
import { foldTrace } from '../features/runs/trace-fold';
import { useRunEvents } from '../features/runs/use-run-events';
import { graphql } from '../gql';
import { formatDateTime, shortId } from '../lib/format';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';

const RunPageQuery = graphql(`
  query RunPage($id: ID!) {
    run(id: $id) {
      ...RunSummaryFields
      goal
      agentId
      agentVersion
      agent {
        id
        name
      }
      forkedFrom {
        runId
        atRevision
      }
      hitlRequests {
        ...HitlCardFields
      }
    }
  }
`);

// Status and totals after each event. Approval requests come through hitlUpdated (below), so this
// stays cheap for the server to resolve thousands of times in a long run.
const RunLive = graphql(`
  subscription RunLive($runId: ID!) {
    runUpdated(runId: $runId) {
      ...RunSummaryFields
    }
  }
`);

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export function RunPage() {
  const { id = '' } = useParams();
  const can = usePermissions();
  const [{ data, error, fetching }, refetch] = useStickyQuery({ query: RunPageQuery, variables: { id } });
  useSubscription({ query: RunLive, variables: { runId: id } });
  // A new approval request of this run is not in the cached run's list yet: load it.
  const refreshRun = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 500);
  useHitlEvents((request) => {
    if (request.runId === id) refreshRun();
  });
  const stream = useRunEvents(id);
  const [replayAt, setReplayAt] = useState<number | null>(null);
  const [tab, setTab] = useState('trace');
  // Events arrive in batches (use-run-events.ts); folding 25,000 of them takes ~10 ms, so the
  // trace is folded on every batch rather than deferred (a deferred fold starves while a long
  // history streams in, and the first rows show late).
  const events = stream.events;
  const visibleEvents = useMemo(
    () => (replayAt === null ? events : eventsUpTo(events, replayAt)),
    [events, replayAt],
  );
  const trace = useMemo(() => foldTrace(visibleEvents), [visibleEvents]);
  const liveTrace = useMemo(() => (replayAt === null ? trace : foldTrace(events)), [events, replayAt, trace]);
  const memoryCount = liveTrace.steps.reduce((sum, step) => sum + step.memories, 0);

  if (error && !data)
    return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <LoadingState label="Loading the run…" />;
  const run = data?.run;
  if (!run) {
    return (
      <>
        <PageHeader title="Run not found" />
        <div className="card">
          <EmptyState title="No run has this id" action={<Link to="/">Dashboard</Link>}>
            <span className="mono">{id}</span>
          </EmptyState>
        </div>
      </>
    );
  }
  const pending = run.hitlRequests.filter((request) => request.status === 'PENDING');
  const ended = TERMINAL.has(run.status);
  const lastRevision = Math.max(run.lastRevision, liveTrace.lastRevision);
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            {run.agent ? <Link to={`/agents/${run.agent.id}`}>{run.agent.name}</Link> : <span>Agent</span>}
            <span aria-hidden="true">/</span>
            <span className="mono">Run {shortId(run.id)}</span>
          </>
        }
        title={run.goal ?? `Run ${shortId(run.id)}`}
        documentTitle={`Run ${shortId(run.id)}`}
        description={
          <>
            Started {formatDateTime(run.startedAt)}
            {run.agentVersion ? ` · agent v${run.agentVersion}` : ''}
            {run.forkedFrom ? (
              <>
                {' · forked from '}
                <Link to={`/runs/${run.forkedFrom.runId}`}>run {shortId(run.forkedFrom.runId)}</Link> at
                revision {run.forkedFrom.atRevision}
              </>
            ) : null}
          </>
        }
        actions={
          <>
            {can.fork ? (
              <ForkRunButton
                runId={run.id}
                goal={run.goal ?? null}
                revision={replayAt ?? lastRevision}
                lastRevision={lastRevision}
              />
            ) : null}
            {can.operateRun && !ended ? <CancelRunButton runId={run.id} /> : null}
          </>
        }
      />
      <div className="stack">
        <RunSummary run={run} />
        {pending.length > 0 ? (
          <section className="stack-sm" aria-label="Waiting for your decision">
            {pending.map((request) => (
              <HITLApprovalCard key={request.id} request={request} showRun={false} />
            ))}
          </section>
        ) : null}
        <Tabs.Root value={tab} onValueChange={setTab}>
          <Tabs.List className="tabs-list" aria-label="Run views">
            <Tabs.Trigger value="trace" className="tabs-trigger">
              Reasoning trace
              <span className="tabs-count">{liveTrace.steps.length}</span>
            </Tabs.Trigger>
            <Tabs.Trigger value="memory" className="tabs-trigger">
              Memory
              <span className="tabs-count">{memoryCount}</span>
            </Tabs.Trigger>
            <Tabs.Trigger value="compare" className="tabs-trigger">
              Compare
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="trace">
            <div className={replayAt === null ? 'card' : 'card trace-card-replaying'}>
              <ReplayScrubber events={events} revision={replayAt} onRevisionChange={setReplayAt} />
              {stream.phase === 'error' ? (
                <ErrorState error={stream.error ?? 'The live trace failed.'} />
              ) : null}
              {stream.phase === 'connecting' ? (
                <LoadingState label="Loading the trace…" />
              ) : (
                <ReasoningTraceViewer steps={trace.steps} follow={replayAt === null} />
              )}
            </div>
          </Tabs.Content>
          <Tabs.Content value="compare">
            <RunDiff runId={run.id} trace={liveTrace} defaultOtherId={run.forkedFrom?.runId ?? null} />
          </Tabs.Content>
          <Tabs.Content value="memory">
            <AgentMemoryViewer runId={run.id} agentId={run.agentId ?? null} memoryCount={memoryCount} />
          </Tabs.Content>
        </Tabs.Root>
      </div>
    </>
  );
}

// /maestro/runs/:id: a run live. Header with status and totals, pending approvals, the reasoning
// trace (from the steps read model, virtualized, replayable from events) and the agent's memory.
// Feeds: the run (query + runUpdated) and its steps (pages + runStepUpdated), beside the shell's
// approval feed; events only for replay and Compare, a step's events only when it is opened.
import { Tabs } from 'radix-ui';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useSubscription } from 'urql';
import { useThrottled } from '../api/use-live';
import { useStickyQuery } from '../api/use-sticky-query';
import { usePermissions } from '../features/auth/viewer';
import { HITLApprovalCard } from '../features/hitl/hitl-approval-card';
import { useHitlEvents } from '../features/hitl/hitl-live';
import { AddToDatasetButton } from '../features/runs/add-to-dataset';
import { AgentMemoryViewer } from '../features/runs/agent-memory-viewer';
import { summaryAtRevision } from '../features/runs/replay-summary';
import { ReplayVerdict } from '../features/runs/replay-verdict';
import { CancelRunButton, ForkRunButton } from '../features/runs/run-actions';
import { RunDiff } from '../features/runs/run-diff';
import { RunPageQuery } from '../features/runs/run-page-query';
import { RunSummary } from '../features/runs/run-summary';
import { RunTracePanel } from '../features/runs/run-trace-panel';
import { useReplay } from '../features/runs/use-replay';
import { useRunSteps } from '../features/runs/use-run-steps';
import { graphql } from '../gql';
import { shortId } from '../lib/format';
import { DateTime } from '../ui/date-time';
import { PageHeader } from '../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';

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

/** A run's page; another run (a fork just made) is a new page, with none of this one's state. */
export function RunPage() {
  const { id = '' } = useParams();
  return <RunView key={id} id={id} />;
}

function RunView({ id }: { id: string }) {
  const can = usePermissions();
  const [{ data, error, fetching }, refetch] = useStickyQuery({ query: RunPageQuery, variables: { id } });
  useSubscription({ query: RunLive, variables: { runId: id } });
  const steps = useRunSteps(id);
  const replay = useReplay(id);
  const [tab, setTab] = useState('trace');
  // A new approval request of this run is not in the cached run's list yet: load it. The feed is
  // the shell's own (urql shares one subscription per operation), so this page opens no extra one.
  const refreshRun = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 500);
  useHitlEvents((request) => {
    if (request.runId === id) refreshRun();
  });

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
  const lastRevision = Math.max(run.lastRevision, replay.events.at(-1)?.revision ?? 0);
  // Replaying, the header shows the run as it stood then.
  const shown = replay.trace ? summaryAtRevision(run, replay.trace, replay.recordedAt) : run;
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
            Started <DateTime value={run.startedAt} />
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
                revision={replay.at ?? lastRevision}
                lastRevision={lastRevision}
              />
            ) : null}
            {can.evaluate && ended ? <AddToDatasetButton runId={run.id} /> : null}
            {can.operateRun && !ended ? <CancelRunButton runId={run.id} /> : null}
          </>
        }
      />
      <div className="stack">
        <RunSummary run={shown} replaying={replay.trace !== null} />
        {pending.length > 0 && !replay.trace ? (
          <section className="stack-sm" aria-label="Waiting for your decision">
            {pending.map((request) => (
              <HITLApprovalCard key={request.id} request={request} showRun={false} />
            ))}
          </section>
        ) : null}
        <ReplayVerdict runId={run.id} />
        <Tabs.Root value={tab} onValueChange={setTab}>
          <Tabs.List className="tabs-list" aria-label="Run views">
            <Tabs.Trigger value="trace" className="tabs-trigger">
              Reasoning trace
              <span className="tabs-count">{replay.trace ? replay.trace.steps.length : steps.total}</span>
            </Tabs.Trigger>
            <Tabs.Trigger value="memory" className="tabs-trigger">
              Memory
            </Tabs.Trigger>
            <Tabs.Trigger value="compare" className="tabs-trigger">
              Compare
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="trace">
            <RunTracePanel runId={run.id} runEnded={ended} steps={steps} replay={replay} />
          </Tabs.Content>
          <Tabs.Content value="compare">
            <RunDiff runId={run.id} agentId={run.agentId ?? null} forkedFrom={run.forkedFrom ?? null} />
          </Tabs.Content>
          <Tabs.Content value="memory">
            <AgentMemoryViewer runId={run.id} agentId={run.agentId ?? null} revision={run.lastRevision} />
          </Tabs.Content>
        </Tabs.Root>
      </div>
    </>
  );
}

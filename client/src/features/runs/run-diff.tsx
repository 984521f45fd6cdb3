// The run diff: this run against another, step by step, as the API's `runDiff` compares them. The
// other run is picked from a list: the run this one was forked from (the default), its forks, and
// other runs of the same agent.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { RunDiffQuery } from '../../gql/graphql';
import { formatCost, formatDateTime, formatInteger, shortId } from '../../lib/format';
import { Badge } from '../../ui/badges';
import { Field } from '../../ui/field';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { summaryOfRunStep } from './step-rows';
import { STEP_STATUS_VIEW } from './step-status';

const CompareCandidates = graphql(`
  query CompareCandidates($agentId: ID!) {
    runs(filter: { agentId: $agentId }, first: 50) {
      edges {
        node {
          id
          goal
          status
          startedAt
          forkedFrom {
            runId
          }
        }
      }
    }
  }
`);

const RunDiffQueryDoc = graphql(`
  query RunDiff($a: ID!, $b: ID!) {
    runDiff(a: $a, b: $b) {
      a
      b
      differingSteps
      steps {
        step
        kind
        changes
        inherited
        a {
          ...RunDiffStepFields
        }
        b {
          ...RunDiffStepFields
        }
      }
    }
  }
  fragment RunDiffStepFields on RunStep {
    step
    status
    kind
    thought
    tool
    paramsSummary
    inputTokens
    outputTokens
    costUsd
    latencyMs
    startedAt
    lastRevision
  }
`);

type DiffRow = RunDiffQuery['runDiff']['steps'][number];
type DiffSide = DiffRow['a'];

const KIND_VIEW: Record<DiffRow['kind'], { label: string; tone: 'neutral' | 'warning' | 'info' }> = {
  SAME: { label: 'Same', tone: 'neutral' },
  CHANGED: { label: 'Differs', tone: 'warning' },
  ONLY_A: { label: 'Only this run', tone: 'info' },
  ONLY_B: { label: 'Only the other', tone: 'info' },
};

function StepCell({ step }: { step: DiffSide }) {
  if (!step) return <span className="muted">—</span>;
  const summary = summaryOfRunStep(step, false);
  const view = STEP_STATUS_VIEW[summary.status];
  return (
    <div className="stack-sm" style={{ gap: 4 }}>
      <div className="row">
        {summary.tool ? <span className="chip">{summary.tool}</span> : null}
        {summary.finished ? <span className="chip">finish</span> : null}
        <Badge tone={view.tone}>{view.label}</Badge>
      </div>
      {summary.paramsSummary ? <div className="small mono truncate">{summary.paramsSummary}</div> : null}
      <div className="small muted truncate" style={{ maxWidth: 360 }} title={summary.text}>
        {summary.text}
      </div>
      <div className="small muted">
        {formatInteger(step.inputTokens + step.outputTokens)} tokens · {formatCost(step.costUsd)}
        {step.latencyMs != null ? ` · ${formatInteger(step.latencyMs)} ms` : ''}
      </div>
    </div>
  );
}

interface Candidate {
  id: string;
  label: string;
}

/** The runs to compare with: the source first, then this run's forks, then the agent's other runs. */
export function compareCandidates(
  runId: string,
  forkedFrom: { runId: string } | null,
  runs: readonly {
    id: string;
    goal?: string | null;
    status: string;
    startedAt: string;
    forkedFrom?: { runId: string } | null;
  }[],
): Candidate[] {
  const describe = (run: (typeof runs)[number]) =>
    `Run ${shortId(run.id)} · ${run.status.toLowerCase()} · ${formatDateTime(run.startedAt)}${run.goal ? ` · ${run.goal}` : ''}`;
  const source: Candidate[] = forkedFrom
    ? [
        {
          id: forkedFrom.runId,
          label: `Source: run ${shortId(forkedFrom.runId)} (this run was forked from it)`,
        },
      ]
    : [];
  const others = runs.filter((run) => run.id !== runId && run.id !== forkedFrom?.runId);
  const forks = others
    .filter((run) => run.forkedFrom?.runId === runId)
    .map((run) => ({ id: run.id, label: `Fork: ${describe(run)}` }));
  const rest = others
    .filter((run) => run.forkedFrom?.runId !== runId)
    .map((run) => ({ id: run.id, label: describe(run) }));
  return [...source, ...forks, ...rest];
}

export function RunDiff({
  runId,
  agentId,
  forkedFrom,
}: {
  runId: string;
  agentId: string | null;
  /** Where this run was forked from: the run compared by default. */
  forkedFrom: { runId: string; atRevision: number } | null;
}) {
  const [otherId, setOtherId] = useState<string | null>(forkedFrom?.runId ?? null);
  const [candidatesResult] = useQuery({
    query: CompareCandidates,
    variables: { agentId: agentId ?? '' },
    pause: agentId === null,
  });
  const [{ data, error, fetching }] = useQuery({
    query: RunDiffQueryDoc,
    variables: { a: runId, b: otherId ?? '' },
    pause: otherId === null,
    requestPolicy: 'cache-and-network',
  });
  const candidates = useMemo(
    () =>
      compareCandidates(runId, forkedFrom, candidatesResult.data?.runs.edges.map((edge) => edge.node) ?? []),
    [runId, forkedFrom, candidatesResult.data],
  );
  const diff = data?.runDiff.b === otherId ? data?.runDiff : undefined;
  return (
    <section className="card" aria-labelledby="run-diff-title">
      <div className="card-header">
        <h2 id="run-diff-title">Compare runs</h2>
        {diff ? (
          <span className="small muted">
            {diff.differingSteps === 0
              ? 'No step differs'
              : `${diff.differingSteps} of ${diff.steps.length} steps differ`}
          </span>
        ) : null}
      </div>
      <div className="card-body stack">
        <Field
          label="Compare with run"
          hint={
            forkedFrom
              ? 'By default, the run this one was forked from.'
              : 'Its forks and other runs of the same agent.'
          }
        >
          {(control) => (
            <select
              {...control}
              className="input"
              value={otherId ?? ''}
              onChange={(event) => setOtherId(event.target.value === '' ? null : event.target.value)}
            >
              <option value="">Choose a run…</option>
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {candidatesResult.error ? <ErrorState error={candidatesResult.error} /> : null}
        {!otherId ? (
          <EmptyState title="Choose a run to compare">
            {candidates.length === 0 && !candidatesResult.fetching
              ? 'This agent has no other run yet.'
              : 'Compare a fork with its source, or two runs of the same agent, step by step.'}
          </EmptyState>
        ) : null}
        {otherId && error && !diff ? <ErrorState error={error} /> : null}
        {otherId && fetching && !diff ? <LoadingState label="Comparing the runs…" /> : null}
      </div>
      {diff && otherId ? (
        <div className="table-wrap">
          <table className="table" aria-label="Step by step comparison">
            <thead>
              <tr>
                <th className="num">Step</th>
                <th>This run</th>
                <th>
                  <Link to={`/runs/${otherId}`}>Run {shortId(otherId)}</Link>
                </th>
                <th>Differences</th>
              </tr>
            </thead>
            <tbody>
              {diff.steps.map((row) => (
                <tr
                  key={row.step}
                  data-step={row.step}
                  className={row.kind === 'SAME' ? undefined : 'diff-row'}
                >
                  <td className="num">{row.step}</td>
                  <td>
                    <StepCell step={row.a} />
                  </td>
                  <td>
                    <StepCell step={row.b} />
                  </td>
                  <td>
                    {row.inherited ? (
                      <Badge>Before the fork</Badge>
                    ) : (
                      <Badge tone={KIND_VIEW[row.kind].tone}>{KIND_VIEW[row.kind].label}</Badge>
                    )}
                    {row.changes.length > 0 ? (
                      <div className="small muted">{row.changes.join('; ')}</div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

// The run diff: this run against another (its fork source by default), step by step.
import { type FormEvent, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { shortId } from '../../lib/format';
import { Badge } from '../../ui/badges';
import { Field } from '../../ui/field';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { STEP_STATUS_VIEW } from './step-status';
import { compareTraces, type StepComparison } from './trace-diff';
import { foldTrace } from './trace-fold';
import { withInheritedEvents } from './trace-fork';
import type { TraceStep } from './trace-types';
import { useRunEvents } from './use-run-events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const KIND_VIEW: Record<StepComparison['kind'], { label: string; tone: 'neutral' | 'warning' | 'info' }> = {
  same: { label: 'Same', tone: 'neutral' },
  changed: { label: 'Differs', tone: 'warning' },
  'only-left': { label: 'Only this run', tone: 'info' },
  'only-right': { label: 'Only the other', tone: 'info' },
};

function StepCell({ step }: { step: TraceStep | null }) {
  if (!step) return <span className="muted">—</span>;
  const view = STEP_STATUS_VIEW[step.status];
  return (
    <div className="stack-sm" style={{ gap: 4 }}>
      <div className="row">
        {step.tool ? <span className="chip">{step.tool}</span> : null}
        {step.finish ? <span className="chip">finish</span> : null}
        <Badge tone={view.tone}>{view.label}</Badge>
      </div>
      <div className="small muted truncate" style={{ maxWidth: 360 }} title={step.thought ?? undefined}>
        {step.thought}
      </div>
    </div>
  );
}

export function RunDiff({
  runId,
  forkedFrom,
}: {
  runId: string;
  /** Where this run was forked from: the run compared by default. */
  forkedFrom: { runId: string; atRevision: number } | null;
}) {
  const defaultOtherId = forkedFrom?.runId ?? null;
  const [text, setText] = useState(defaultOtherId ?? '');
  const [otherId, setOtherId] = useState<string | null>(defaultOtherId);
  const [problem, setProblem] = useState<string | undefined>();
  // Both histories are loaded only while Compare is open (the trace itself comes from steps).
  const own = useRunEvents(runId);
  const other = useRunEvents(otherId);
  const otherIsSource = forkedFrom !== null && otherId === forkedFrom.runId;
  const ownTrace = useMemo(() => foldTrace(own.events), [own.events]);
  const trace = useMemo(
    () =>
      otherIsSource && forkedFrom
        ? foldTrace(withInheritedEvents(own.events, other.events, forkedFrom.atRevision))
        : ownTrace,
    [own.events, other.events, otherIsSource, forkedFrom, ownTrace],
  );
  const otherTrace = useMemo(() => foldTrace(other.events), [other.events]);
  const rows = useMemo(() => (otherId ? compareTraces(trace, otherTrace) : []), [trace, otherTrace, otherId]);
  // A fork starts from its source's state: the steps before its own first one are the source's.
  const firstOwnStep = ownTrace.steps[0]?.step ?? Number.POSITIVE_INFINITY;
  const inherited = (row: StepComparison) =>
    otherIsSource && row.kind !== 'changed' && row.step < firstOwnStep;
  const differing = rows.filter((row) => row.kind !== 'same' && !inherited(row)).length;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = text.trim();
    if (!UUID.test(id)) {
      setProblem('Paste the id of a run (a UUID, as in its address).');
      return;
    }
    if (id === runId) {
      setProblem('That is this run: choose another one.');
      return;
    }
    setProblem(undefined);
    setOtherId(id);
  };
  return (
    <section className="card" aria-labelledby="run-diff-title">
      <div className="card-header">
        <h2 id="run-diff-title">Compare runs</h2>
        {otherId && other.phase === 'streaming' && own.phase === 'streaming' ? (
          <span className="small muted">
            {differing === 0 ? 'No step differs' : `${differing} of ${rows.length} steps differ`}
          </span>
        ) : null}
      </div>
      <div className="card-body stack">
        <form
          className="row"
          style={{ alignItems: 'flex-end' }}
          onSubmit={submit}
          aria-label="Choose a run to compare"
        >
          <div style={{ flex: 1 }}>
            <Field
              label="Compare with run"
              error={problem}
              hint={defaultOtherId ? 'By default, the run this one was forked from.' : undefined}
            >
              {(control) => (
                <input
                  {...control}
                  className="input mono"
                  placeholder="Run id"
                  value={text}
                  onChange={(event) => setText(event.target.value)}
                />
              )}
            </Field>
          </div>
          <button type="submit" className="btn" style={{ marginBottom: problem || defaultOtherId ? 26 : 0 }}>
            Compare
          </button>
        </form>
        {!otherId ? (
          <EmptyState title="Choose a run to compare">
            Compare a fork with its source, or two runs of the same agent, step by step.
          </EmptyState>
        ) : null}
        {otherId && other.phase === 'error' ? (
          <ErrorState error={other.error ?? 'Could not load that run.'} />
        ) : null}
        {otherId && other.phase === 'connecting' ? <LoadingState label="Loading the other run…" /> : null}
      </div>
      {otherId && other.phase === 'streaming' && own.phase === 'streaming' ? (
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
              {rows.map((row) => (
                <tr
                  key={row.step}
                  data-step={row.step}
                  className={row.kind === 'same' || inherited(row) ? undefined : 'diff-row'}
                >
                  <td className="num">{row.step}</td>
                  <td>
                    <StepCell step={row.left} />
                  </td>
                  <td>
                    <StepCell step={row.right} />
                  </td>
                  <td>
                    {inherited(row) ? (
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

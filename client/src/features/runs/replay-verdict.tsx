// Verified replay on the run page: asks the server to re-drive the engine over the run's events
// (no model, tool or mail call) and shows whether today's engine, agent checks and policies decide
// what the log recorded, or where they first differ. On demand: a long run's replay reads every event.
import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatInteger } from '../../lib/format';
import { Callout, ErrorState } from '../../ui/states';

const ReplayRunQuery = graphql(`
  query ReplayRun($runId: ID!) {
    replayRun(runId: $runId) {
      runId
      matched
      decisionsCompared
      firstDivergence {
        revision
        step
        expected
        actual
      }
    }
  }
`);

export function ReplayVerdict({ runId }: { runId: string }) {
  const [asked, setAsked] = useState(false);
  const [{ data, error, fetching }, replay] = useQuery({
    query: ReplayRunQuery,
    variables: { runId },
    pause: !asked,
    requestPolicy: 'network-only',
  });
  const report = data?.replayRun;
  const verify = () => {
    if (asked) replay({ requestPolicy: 'network-only' });
    else setAsked(true);
  };
  return (
    <section className="card stack-sm" aria-label="Verified replay" data-testid="replay-verdict">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <div>
          <strong>Verified replay</strong>
          <p className="muted small">
            Re-drives the engine over this run’s events with today’s engine, agent checks and policies. No
            model, tool or mail call is made.
          </p>
        </div>
        <button type="button" className="btn" onClick={verify} disabled={fetching}>
          {fetching ? 'Replaying…' : report ? 'Replay again' : 'Verify replay'}
        </button>
      </div>
      {error && !report ? <ErrorState error={error} onRetry={verify} /> : null}
      {report?.matched ? (
        <Callout tone="success" role="status" title="Replays exactly">
          {formatInteger(report.decisionsCompared)} decisions compared; each is the one the log recorded.
        </Callout>
      ) : null}
      {report && !report.matched && report.firstDivergence ? (
        <Callout
          tone="warning"
          role="status"
          title={`Diverges at revision ${report.firstDivergence.revision}`}
        >
          <p>
            At step {report.firstDivergence.step}, after {formatInteger(report.decisionsCompared - 1)}{' '}
            matching decisions:
          </p>
          <dl className="kv">
            <dt>Recorded</dt>
            <dd className="mono">{report.firstDivergence.expected}</dd>
            <dt>Decided now</dt>
            <dd className="mono">{report.firstDivergence.actual}</dd>
          </dl>
        </Callout>
      ) : null}
    </section>
  );
}

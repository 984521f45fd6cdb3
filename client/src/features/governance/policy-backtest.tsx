// Back-testing a draft before it is published: the draft's rules judge every recorded tool call of
// recent runs (on the server, from events only; no tool runs), and the runs it would have stopped are
// listed first. What is shown is for the rules as they were when "Back-test" was pressed.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { BacktestPolicyQuery } from '../../gql/graphql';
import { formatInteger, shortId } from '../../lib/format';
import { Callout, ErrorState } from '../../ui/states';

const BacktestPolicy = graphql(`
  query BacktestPolicy($input: BacktestPolicyInput!) {
    backtestPolicy(input: $input) {
      runsEvaluated
      callsEvaluated
      changedCalls
      calls(first: 200, changedOnly: true) {
        edges {
          node {
            runId
            step
            revision
            tool
            recordedDecision
            draftDecision
            recordedRisk
            draftRisk
            reasons
          }
        }
        pageInfo {
          hasNextPage
        }
      }
    }
  }
`);

type Call = BacktestPolicyQuery['backtestPolicy']['calls']['edges'][number]['node'];

const DECISION = { ALLOW: 'runs', REQUIRE_APPROVAL: 'asks a human', BLOCK: 'is blocked' } as const;

/** Runs where a call that ran would now be held or blocked: the first such call of each run. */
export function stoppedRuns(calls: readonly Call[]): Call[] {
  const first = new Map<string, Call>();
  for (const call of calls) {
    if (call.recordedDecision === 'ALLOW' && call.draftDecision !== 'ALLOW' && !first.has(call.runId)) {
      first.set(call.runId, call);
    }
  }
  return [...first.values()];
}

export function PolicyBacktest({ policyId, rules }: { policyId: string; rules: unknown[] | null }) {
  const [draft, setDraft] = useState<unknown[] | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: BacktestPolicy,
    variables: { input: { policyId, draft: draft ?? [], lastRuns: 100 } },
    pause: draft === null,
    requestPolicy: 'network-only',
  });
  const report = data?.backtestPolicy;
  const changed = report?.calls.edges.map((edge) => edge.node) ?? [];
  const stopped = stoppedRuns(changed);
  return (
    <section className="stack-sm" aria-label="Back-test" data-testid="policy-backtest">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <p className="muted small">
          Before saving: how these rules would have judged the tool calls of the last 100 runs.
        </p>
        <button
          type="button"
          className="btn btn-sm"
          disabled={rules === null || fetching}
          onClick={() => setDraft(rules ? [...rules] : null)}
        >
          {fetching ? 'Back-testing…' : 'Back-test'}
        </button>
      </div>
      {error ? <ErrorState error={error} /> : null}
      {report ? (
        <Callout tone={report.changedCalls > 0 ? 'warning' : 'success'} role="status" title="Back-test">
          {formatInteger(report.callsEvaluated)} tool calls of {formatInteger(report.runsEvaluated)} runs;{' '}
          {report.changedCalls === 0
            ? 'the draft judges every one as it was judged.'
            : `the draft judges ${formatInteger(report.changedCalls)} differently.`}
        </Callout>
      ) : null}
      {stopped.length > 0 ? (
        <div>
          <strong>Runs that would have stopped</strong>
          <ul className="stack-sm" aria-label="Runs that would have stopped">
            {stopped.map((call) => (
              <li key={call.runId}>
                <Link to={`/runs/${call.runId}`}>Run {shortId(call.runId)}</Link> at step {call.step}:{' '}
                <span className="mono">{call.tool}</span> ran ({call.recordedRisk}), now{' '}
                {DECISION[call.draftDecision]} ({call.draftRisk}). {call.reasons.join(' ')}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {changed.length > 0 ? (
        <table className="table" aria-label="Calls judged differently">
          <thead>
            <tr>
              <th>Run</th>
              <th>Step</th>
              <th>Tool</th>
              <th>Recorded</th>
              <th>Draft</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((call) => (
              <tr key={`${call.runId}:${call.revision}`}>
                <td className="mono">{shortId(call.runId)}</td>
                <td>{call.step}</td>
                <td className="mono">{call.tool}</td>
                <td>
                  {call.recordedDecision} ({call.recordedRisk})
                </td>
                <td>
                  {call.draftDecision} ({call.draftRisk})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {report?.calls.pageInfo.hasNextPage ? (
        <p className="muted small">The first 200 calls judged differently are shown.</p>
      ) : null}
    </section>
  );
}

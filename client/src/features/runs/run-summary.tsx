// The run's vital signs: status, steps, tokens, cost, duration (ticking while it runs), and how
// it ended.
import { graphql } from '../../gql';
import type { RunSummaryFieldsFragment } from '../../gql/graphql';
import { formatCompact, formatCost, formatDuration, formatInteger } from '../../lib/format';
import { prettyJson } from '../../lib/json';
import { RunStatusBadge } from '../../ui/badges';
import { CheckIcon } from '../../ui/icons';
import { Callout } from '../../ui/states';
import { useNow } from '../../ui/use-now';

export const RunSummaryFields = graphql(`
  fragment RunSummaryFields on Run {
    id
    status
    startedAt
    finishedAt
    updatedAt
    lastRevision
    lastPosition
    output
    error {
      code
      message
    }
    metrics {
      steps
      inputTokens
      outputTokens
      costUsd
      durationMs
    }
  }
`);

function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  const answer = (output as { answer?: unknown } | null)?.answer;
  return typeof answer === 'string' ? answer : prettyJson(output);
}

export function RunSummary({
  run,
  replaying = false,
}: {
  run: RunSummaryFieldsFragment;
  /** The figures are the run's as of a replayed revision. */
  replaying?: boolean;
}) {
  const now = useNow(1000);
  const duration = run.metrics.durationMs ?? (run.finishedAt ? null : now - Date.parse(run.startedAt));
  return (
    <>
      <div className="kpi-grid" data-testid="run-summary" data-replaying={replaying}>
        <div className="card kpi">
          <div className="kpi-label">Status</div>
          <div style={{ marginTop: 10 }} data-testid="run-status">
            <RunStatusBadge status={run.status} />
          </div>
        </div>
        <div className="card kpi">
          <div className="kpi-label">Steps</div>
          <div className="kpi-value">{formatInteger(run.metrics.steps)}</div>
        </div>
        <div className="card kpi">
          <div className="kpi-label">Tokens</div>
          <div className="kpi-value">{formatCompact(run.metrics.inputTokens + run.metrics.outputTokens)}</div>
          <div className="kpi-sub">
            {formatCompact(run.metrics.inputTokens)} in · {formatCompact(run.metrics.outputTokens)} out
          </div>
        </div>
        <div className="card kpi">
          <div className="kpi-label">Cost</div>
          <div className="kpi-value">{formatCost(run.metrics.costUsd)}</div>
        </div>
        <div className="card kpi">
          <div className="kpi-label">Duration</div>
          <div className="kpi-value">{formatDuration(duration)}</div>
        </div>
      </div>
      {run.status === 'FAILED' && run.error ? (
        <Callout tone="danger" title="The run failed" role="alert">
          {run.error.message}
          {run.error.code ? <span className="mono"> ({run.error.code})</span> : null}
        </Callout>
      ) : null}
      {run.status === 'COMPLETED' && run.output != null ? (
        <Callout tone="success" title="Final answer" icon={<CheckIcon size={18} />}>
          <pre className="prose-pre final-answer">{outputText(run.output)}</pre>
        </Callout>
      ) : null}
    </>
  );
}

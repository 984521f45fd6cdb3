// A table of runs: status, goal, agent, steps, tokens, cost, when. Rows open the run page.
import { Link } from 'react-router-dom';
import { graphql } from '../../gql';
import type { RunRowFieldsFragment } from '../../gql/graphql';
import { formatCompact, formatCost, formatDuration, shortId } from '../../lib/format';
import { RunStatusBadge } from '../../ui/badges';
import { DateTime } from '../../ui/date-time';
import { useNow } from '../../ui/use-now';

export const RunRowFields = graphql(`
  fragment RunRowFields on Run {
    id
    status
    goal
    agentId
    agent {
      id
      name
    }
    startedAt
    finishedAt
    updatedAt
    error {
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

export function RunsTable({
  runs,
  showAgent = true,
  label,
}: {
  runs: readonly RunRowFieldsFragment[];
  showAgent?: boolean;
  label: string;
}) {
  const now = useNow(15_000);
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th>Run</th>
            <th>Status</th>
            {showAgent ? <th>Agent</th> : null}
            <th className="num">Steps</th>
            <th className="num">Tokens</th>
            <th className="num">Cost</th>
            <th className="num">Duration</th>
            <th>Started</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td style={{ maxWidth: 360 }}>
                <Link to={`/runs/${run.id}`} className="cell-main truncate" style={{ display: 'block' }}>
                  {run.goal ?? 'Run'}
                </Link>
                <div className="cell-sub mono">{shortId(run.id)}</div>
              </td>
              <td>
                <RunStatusBadge status={run.status} />
              </td>
              {showAgent ? (
                <td>
                  {run.agent ? (
                    <Link to={`/agents/${run.agent.id}`}>{run.agent.name}</Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              ) : null}
              <td className="num">{run.metrics.steps}</td>
              <td className="num">{formatCompact(run.metrics.inputTokens + run.metrics.outputTokens)}</td>
              <td className="num">{formatCost(run.metrics.costUsd)}</td>
              <td className="num">
                {formatDuration(
                  run.metrics.durationMs ?? (run.finishedAt ? null : now - Date.parse(run.startedAt)),
                )}
              </td>
              <td className="nowrap muted" title={run.startedAt}>
                <DateTime value={run.startedAt} relativeTo={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Compare two evaluations item by item: the scores side by side, regressions highlighted first in
// the summary. Items line up by dataset item (see `compareItems`).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatCost, formatDuration, formatPercent, shortId } from '../../lib/format';
import { Badge } from '../../ui/badges';
import { Callout, ErrorState, LoadingState } from '../../ui/states';
import { type Change, compareItems, countChanges } from './compare-items';

const EvaluationItems = graphql(`
  query EvaluationItems($id: ID!) {
    evaluation(id: $id) {
      id
      agentVersion
      score
      status
      items {
        itemId
        index
        goal
        score
        passed
        runId
        costUsd
        latencyMs
      }
    }
  }
`);

export interface EvaluationChoice {
  id: string;
  label: string;
}

const CHANGE: Record<Change, { text: string; tone: 'danger' | 'success' | 'neutral' | 'info' }> = {
  REGRESSION: { text: 'Regression', tone: 'danger' },
  IMPROVEMENT: { text: 'Improved', tone: 'success' },
  SAME: { text: 'Same', tone: 'neutral' },
  ONLY_A: { text: 'Only in A', tone: 'info' },
  ONLY_B: { text: 'Only in B', tone: 'info' },
  PENDING: { text: 'Not scored yet', tone: 'neutral' },
};

const scoreText = (score: number | null | undefined) => (score == null ? '—' : formatPercent(score));

function useItems(id: string) {
  return useQuery({ query: EvaluationItems, variables: { id }, pause: id === '' });
}

/** Picks evaluation A (the baseline) and B, and compares them item by item. */
export function EvaluationCompare({
  choices,
  initialA = '',
  initialB = '',
}: {
  choices: readonly EvaluationChoice[];
  initialA?: string;
  initialB?: string;
}) {
  const [a, setA] = useState(initialA);
  const [b, setB] = useState(initialB);
  const [resultA] = useItems(a);
  const [resultB] = useItems(b);
  const itemsA = resultA.data?.evaluation?.items ?? null;
  const itemsB = resultB.data?.evaluation?.items ?? null;
  const rows = itemsA && itemsB ? compareItems(itemsA, itemsB) : [];
  const counts = countChanges(rows);
  const picker = (label: string, value: string, set: (id: string) => void) => (
    <label className="stack-sm">
      <span>{label}</span>
      <select
        className="input"
        value={value}
        onChange={(event) => set(event.target.value)}
        aria-label={label}
      >
        <option value="">Choose an evaluation…</option>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
  const error = resultA.error ?? resultB.error;
  return (
    <section className="stack-sm" aria-label="Compare evaluations">
      <div className="row">
        {picker('Evaluation A (baseline)', a, setA)}
        {picker('Evaluation B', b, setB)}
      </div>
      {error ? <ErrorState error={error} /> : null}
      {a && b && (resultA.fetching || resultB.fetching) && rows.length === 0 ? <LoadingState /> : null}
      {rows.length > 0 ? (
        <>
          <Callout tone={counts.REGRESSION > 0 ? 'warning' : 'success'} role="status" title="Comparison">
            {counts.REGRESSION} regression{counts.REGRESSION === 1 ? '' : 's'}, {counts.IMPROVEMENT} improved,{' '}
            {counts.SAME} the same
            {counts.PENDING > 0 ? `, ${counts.PENDING} not scored yet` : ''} (B against A:{' '}
            {scoreText(resultA.data?.evaluation?.score)} → {scoreText(resultB.data?.evaluation?.score)}).
          </Callout>
          <table className="table" aria-label="Item by item comparison">
            <thead>
              <tr>
                <th>#</th>
                <th>Goal</th>
                <th>A</th>
                <th>B</th>
                <th>Change</th>
                <th>Cost A / B</th>
                <th>Latency A / B</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.itemId}
                  className={row.change === 'REGRESSION' ? 'row-regression' : undefined}
                  data-change={row.change}
                >
                  <td>{((row.a ?? row.b)?.index ?? 0) + 1}</td>
                  <td>{row.goal}</td>
                  <td>{row.a ? <Link to={`/runs/${row.a.runId}`}>{scoreText(row.a.score)}</Link> : '—'}</td>
                  <td>{row.b ? <Link to={`/runs/${row.b.runId}`}>{scoreText(row.b.score)}</Link> : '—'}</td>
                  <td>
                    <Badge tone={CHANGE[row.change].tone}>{CHANGE[row.change].text}</Badge>
                    {row.delta !== null && row.change !== 'SAME' ? (
                      <span className="muted small">
                        {' '}
                        {row.delta > 0 ? '+' : ''}
                        {Math.round(row.delta * 100)} pts
                      </span>
                    ) : null}
                  </td>
                  <td className="muted small">
                    {row.a ? formatCost(row.a.costUsd) : '—'} / {row.b ? formatCost(row.b.costUsd) : '—'}
                  </td>
                  <td className="muted small">
                    {formatDuration(row.a?.latencyMs)} / {formatDuration(row.b?.latencyMs)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {a && b && a === b ? (
        <p className="muted small">A and B are the same evaluation ({shortId(a)}).</p>
      ) : null}
    </section>
  );
}

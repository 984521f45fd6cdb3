import assert from 'node:assert/strict';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { EvaluationCompare } from './evaluation-compare';

const A = '01930000-0000-7000-8000-0000000000a1';
const B = '01930000-0000-7000-8000-0000000000b1';

const item = (n: number, score: number | null, passed: boolean | null, costUsd = 0.001) => ({
  __typename: 'EvaluationItem',
  itemId: `01930000-0000-7000-8000-00000000000${n}`,
  index: n - 1,
  goal: `goal ${n}`,
  score,
  passed,
  runId: `01930000-0000-7000-8000-0000000001${n}0`,
  costUsd,
  latencyMs: 1500,
});

const evaluation = (id: string, version: number, score: number, items: unknown[]) => ({
  data: {
    evaluation: { __typename: 'Evaluation', id, agentVersion: version, score, status: 'COMPLETED', items },
  },
});

function answer(name: string, variables: Record<string, unknown>) {
  if (name !== 'EvaluationItems') return undefined;
  if (variables.id === A)
    return evaluation(A, 1, 0.75, [item(1, 1, true), item(2, 1, true), item(3, 0.25, false)]);
  return evaluation(B, 2, 0.75, [item(1, 1, true), item(2, 0.5, false), item(3, 0.75, true)]);
}

describe('EvaluationCompare', () => {
  it('compares two evaluations item by item and highlights the regressions', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient(answer);
    renderWithApi(
      <EvaluationCompare
        choices={[
          { id: A, label: 'Refunds · v1' },
          { id: B, label: 'Refunds · v2' },
        ]}
      />,
      client,
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Evaluation A (baseline)' }), A);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Evaluation B' }), B);

    const table = await screen.findByRole('table', { name: 'Item by item comparison' });
    const rows = within(table).getAllByRole('row').slice(1);
    assert.deepEqual(
      rows.map((row) => row.getAttribute('data-change')),
      ['SAME', 'REGRESSION', 'IMPROVEMENT'],
    );
    assert.match(rows[1]?.textContent ?? '', /goal 2.*100%.*50%.*Regression.*-50 pts/);
    assert.equal(rows[1]?.className, 'row-regression', 'the regression is highlighted');
    assert.equal(rows[0]?.className, '');
    assert.match(rows[2]?.textContent ?? '', /Improved.*\+50 pts/);
    const [linkA] = within(rows[1] as HTMLElement).getAllByRole('link');
    assert.equal(linkA?.getAttribute('href'), '/runs/01930000-0000-7000-8000-000000000120');
    assert.match(screen.getByRole('status').textContent ?? '', /1 regression, 1 improved, 1 the same/);
    assert.deepEqual(
      [...new Set(calls.filter((call) => call.name === 'EvaluationItems').map((call) => call.variables.id))],
      [A, B],
    );
  });
});

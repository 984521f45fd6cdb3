import assert from 'node:assert/strict';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { RunDiff } from './run-diff';

const THIS = '01930000-0000-7000-8000-000000000001';
const SOURCE = '01930000-0000-7000-8000-000000000002';
const FORK = '01930000-0000-7000-8000-000000000003';
const OTHER = '01930000-0000-7000-8000-000000000004';
const AGENT = '01930000-0000-7000-8000-0000000000a0';

const run = (id: string, forkedFrom: string | null) => ({
  __typename: 'Run',
  id,
  goal: `goal of ${id.slice(-1)}`,
  status: 'COMPLETED',
  startedAt: '2026-12-01T10:00:00.000Z',
  forkedFrom: forkedFrom ? { __typename: 'ForkPoint', runId: forkedFrom } : null,
});

const step = (n: number, tool: string, params: string) => ({
  __typename: 'RunStep',
  step: n,
  status: 'SUCCEEDED',
  kind: 'ACTION',
  thought: `Use ${tool}.`,
  tool,
  paramsSummary: params,
  inputTokens: 100,
  outputTokens: 20,
  costUsd: 0.002,
  latencyMs: 350,
  startedAt: '2026-12-01T10:00:00.000Z',
  lastRevision: 4,
});

const DIFF = (b: string) => ({
  data: {
    runDiff: {
      __typename: 'RunDiff',
      a: THIS,
      b,
      differingSteps: 1,
      steps: [
        {
          __typename: 'RunDiffStep',
          step: 1,
          kind: 'SAME',
          changes: [],
          inherited: true,
          a: step(1, 'echo', '{"text":"a"}'),
          b: step(1, 'echo', '{"text":"a"}'),
        },
        {
          __typename: 'RunDiffStep',
          step: 2,
          kind: 'CHANGED',
          changes: ['params: text'],
          inherited: false,
          a: step(2, 'echo', '{"text":"bye"}'),
          b: step(2, 'echo', '{"text":"hello"}'),
        },
      ],
    },
  },
});

function answer(name: string, variables: Record<string, unknown>) {
  if (name === 'CompareCandidates') {
    return {
      data: {
        runs: {
          __typename: 'RunConnection',
          edges: [run(THIS, SOURCE), run(OTHER, null), run(FORK, THIS), run(SOURCE, null)].map((node) => ({
            __typename: 'RunEdge',
            node,
          })),
        },
      },
    };
  }
  if (name === 'RunDiff') return DIFF(String(variables.b));
  return undefined;
}

describe('RunDiff', () => {
  it('compares with the fork source by default and offers its forks and the agent’s other runs from a list', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient(answer);
    renderWithApi(
      <RunDiff runId={THIS} agentId={AGENT} forkedFrom={{ runId: SOURCE, atRevision: 3 }} />,
      client,
    );

    const picker = await screen.findByRole('combobox', { name: /Compare with run/ });
    await screen.findByRole('option', { name: /^Fork: Run/ });
    const options = within(picker)
      .getAllByRole('option')
      .map((option) => option.textContent ?? '');
    assert.match(options[1] ?? '', /^Source: run .* \(this run was forked from it\)$/);
    assert.match(options[2] ?? '', /^Fork: Run /);
    assert.match(options[3] ?? '', /^Run .* · completed · .* · goal of 4$/);
    assert.equal(options.length, 4, 'this run is not offered, the source only once');
    assert.deepEqual(calls.find((call) => call.name === 'RunDiff')?.variables, { a: THIS, b: SOURCE });

    const table = await screen.findByRole('table', { name: 'Step by step comparison' });
    const rows = within(table).getAllByRole('row');
    assert.match(rows[1]?.textContent ?? '', /Before the fork/);
    assert.match(rows[2]?.textContent ?? '', /Differs.*params: text/);
    assert.match(rows[2]?.textContent ?? '', /120 tokens/);
    screen.getByText('1 of 2 steps differ');

    await user.selectOptions(picker, FORK);
    assert.deepEqual(calls.filter((call) => call.name === 'RunDiff').at(-1)?.variables, { a: THIS, b: FORK });
  });
});

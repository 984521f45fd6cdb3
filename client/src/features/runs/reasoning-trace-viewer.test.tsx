import assert from 'node:assert/strict';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { exampleEvents } from '../../../../schema/events/examples.ts';
import { renderWithApi, testClient } from '../../test-kit';
import { ReasoningTraceViewer } from './reasoning-trace-viewer';
import { StepEventsDetails } from './step-events-details';
import { type RunStepNode, type StepSummary, summaryOfRunStep } from './step-rows';

// jsdom lays nothing out: give the trace's scroll area (clientHeight) and its rows (offsetHeight)
// the sizes a browser would, so the virtualizer has a viewport to fill.
const sizes = { clientHeight: 520, clientWidth: 800, offsetHeight: 52 } as const;
beforeAll(() => {
  for (const [name, value] of Object.entries(sizes)) {
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
  }
});
afterAll(() => {
  for (const name of Object.keys(sizes)) Reflect.deleteProperty(HTMLElement.prototype, name);
});

function node(step: number, overrides: Partial<RunStepNode> = {}): RunStepNode {
  return {
    step,
    status: 'SUCCEEDED',
    kind: 'ACTION',
    thought: `Look at batch ${step}.`,
    tool: 'run_sql',
    paramsSummary: 'sql: SELECT 1',
    risk: 'MEDIUM',
    decision: 'ALLOW',
    inputTokens: 1200,
    outputTokens: 80,
    costUsd: 0.0012,
    latencyMs: 400,
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:00:01.500Z',
    durationMs: 1500,
    lastRevision: step * 4,
    ...overrides,
  };
}

const COUNT = 5000;
const rowsOf = (nodes: RunStepNode[], ended = true): StepSummary[] =>
  nodes.map((item) => summaryOfRunStep(item, ended));

describe('ReasoningTraceViewer', () => {
  it('shows each step: number, status, tool, thought, risk, tokens and duration', () => {
    render(
      <ReasoningTraceViewer
        rows={rowsOf([
          node(1),
          node(2, { status: 'FINISHED', kind: 'FINISH', tool: null, risk: null, thought: 'All done.' }),
        ])}
        renderDetails={() => null}
        follow={false}
      />,
    );
    const first = screen.getByRole('button', { name: /Step 1\b/ });
    within(first).getByText('Succeeded');
    within(first).getByText('run_sql');
    within(first).getByText('Look at batch 1.');
    within(first).getByText('MEDIUM');
    assert.equal(within(first).getByTitle('Tokens in / out').textContent, '1.2k/80 tok');
    within(first).getByText('1.5 s');
    const last = screen.getByRole('button', { name: /Step 2\b/ });
    within(last).getByText('Final answer');
    within(last).getByText('finish');
  });

  it('sizes the list for every step and shows the ones not loaded yet as loading', () => {
    render(
      <ReasoningTraceViewer
        rows={rowsOf([node(1), node(2)])}
        count={COUNT}
        renderDetails={() => null}
        follow={false}
      />,
    );
    const trace = screen.getByRole('region', { name: 'Reasoning trace' });
    assert.equal(trace.getAttribute('data-trace-steps'), String(COUNT));
    assert.equal(trace.getAttribute('data-trace-loaded'), '2');
    assert.equal(trace.querySelectorAll('[data-step]').length, 2);
    assert.ok(screen.getAllByText('Loading step…').length > 0);
    // Virtualized: a few screens of rows in the DOM, not 5,000.
    assert.ok(trace.querySelectorAll('li').length < 40);
  });

  it('opens a step to its details and closes it again', async () => {
    const user = userEvent.setup();
    const opened: number[] = [];
    render(
      <ReasoningTraceViewer
        rows={rowsOf([node(1), node(2)])}
        renderDetails={(row) => {
          opened.push(row.step);
          return <p>Details of step {row.step}</p>;
        }}
        follow={false}
      />,
    );
    assert.deepEqual(opened, [], 'no details are built for closed rows');
    const second = screen.getByRole('button', { name: /Step 2\b/ });
    await user.click(second);
    assert.equal(second.getAttribute('aria-expanded'), 'true');
    screen.getByText('Details of step 2');
    await user.click(second);
    assert.equal(screen.queryByText('Details of step 2'), null);
  });

  it('shows a step still under way when its run ended as interrupted', () => {
    render(
      <ReasoningTraceViewer
        rows={rowsOf([node(1, { status: 'REASONING', thought: '', tool: null })], true)}
        renderDetails={() => null}
        follow={false}
      />,
    );
    const row = screen.getByRole('button', { name: /Step 1\b/ });
    within(row).getByText('Interrupted');
    within(row).getByText('Waiting for the model…');
  });

  it('says so when the run has no step yet', () => {
    render(<ReasoningTraceViewer rows={[]} renderDetails={() => null} follow />);
    screen.getByText('No steps yet: the agent is about to think.');
  });

  it("fetches a step's events only when it is opened, and shows what they record", async () => {
    const user = userEvent.setup();
    const runId = '33333333-3333-4333-8333-333333333333';
    const events = [
      { type: 'ReasoningCompleted', data: { ...exampleEvents.ReasoningCompleted, step: 2 } },
      { type: 'SafetyEvaluated', data: { ...exampleEvents.SafetyEvaluated, step: 2 } },
    ].map((event, index) => ({
      __typename: 'RunEvent',
      id: `event-${index}`,
      position: `p:${index}`,
      revision: 5 + index,
      recordedAt: '2026-12-01T10:00:00.000Z',
      ...event,
    }));
    const { client, calls } = testClient((name, variables) =>
      name === 'RunStepEvents' && variables.step === 2
        ? { data: { run: { __typename: 'Run', id: runId, stepEvents: events } } }
        : undefined,
    );
    renderWithApi(
      <ReasoningTraceViewer
        rows={rowsOf([node(1), node(2, { lastRevision: 6 })])}
        renderDetails={(row) => (
          <StepEventsDetails runId={runId} step={row.step} lastRevision={row.lastRevision} />
        )}
        follow={false}
      />,
      client,
    );
    await screen.findByRole('button', { name: /Step 2\b/ });
    assert.deepEqual(
      calls.filter((call) => call.name === 'RunStepEvents'),
      [],
    );
    await user.click(screen.getByRole('button', { name: /Step 2\b/ }));
    await screen.findByText(exampleEvents.ReasoningCompleted.thought, { selector: '.trace-details p' });
    screen.getByText('Safety decision');
    // Only the opened step's events (urql without a cache may send a synchronous query twice).
    const fetched = calls.filter((call) => call.name === 'RunStepEvents');
    assert.ok(fetched.length > 0);
    assert.ok(fetched.every((call) => call.variables.step === 2 && call.variables.runId === runId));
  });
});

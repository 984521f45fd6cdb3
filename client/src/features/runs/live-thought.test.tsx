import assert from 'node:assert/strict';
import { act, screen, waitFor } from '@testing-library/react';
import { describe, it } from 'vitest';
import { makeSubject } from 'wonka';
import { type Answer, renderWithApi, testClient } from '../../test-kit';
import { isThoughtStillLive, LiveThought } from './live-thought';
import type { RunStepNode } from './step-rows';

const RUN_ID = '00000000-0000-4000-8000-000000000001';

function row(step: number, overrides: Partial<RunStepNode> = {}): RunStepNode {
  return {
    step,
    status: 'REASONING',
    kind: 'ACTION',
    thought: '',
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    startedAt: '2026-12-01T10:00:00.000Z',
    lastRevision: step * 3,
    ...overrides,
  };
}

const delta = (step: number, attempt: number, text: string): Answer => ({
  data: { runThoughtDelta: { __typename: 'RunThoughtDelta', step, attempt, text } },
});

describe('LiveThought on the run page', () => {
  it('shows the thought as it streams, restarts on a retry, and gives way to the recorded row', async () => {
    const stream = makeSubject<Answer>();
    const { client, calls } = testClient((name) => (name === 'RunThoughtLive' ? stream.source : undefined));
    const steps = [row(1, { status: 'SUCCEEDED', thought: 'Step one is done.' }), row(2)];
    const view = renderWithApi(<LiveThought runId={RUN_ID} steps={steps} paused={false} />, client);
    await waitFor(() => assert.ok(calls.some((call) => call.name === 'RunThoughtLive')));
    assert.deepEqual(calls.find((call) => call.name === 'RunThoughtLive')?.variables, { runId: RUN_ID });
    assert.equal(screen.queryByRole('region'), null, 'nothing before the first piece');

    act(() => stream.next(delta(2, 1, 'I will ')));
    const region = await screen.findByRole('region', { name: 'Step 2: the model is thinking' });
    assert.match(region.textContent ?? '', /I will/);
    act(() => stream.next(delta(2, 1, 'I will count the tickets')));
    await waitFor(() => assert.match(region.textContent ?? '', /I will count the tickets/));

    // The stream broke and the provider retries: the failed attempt's words go.
    act(() => stream.next(delta(2, 2, '')));
    await waitFor(() =>
      assert.doesNotMatch(screen.getByRole('region').textContent ?? '', /count the tickets/),
    );
    assert.match(screen.getByRole('region').textContent ?? '', /retry 1/);
    act(() => stream.next(delta(2, 2, 'Counting tickets by category.')));
    await waitFor(() =>
      assert.match(screen.getByRole('region').textContent ?? '', /Counting tickets by category\./),
    );

    // ReasoningCompleted reached the steps read model: the row is the record, the live text goes.
    view.rerender(
      <LiveThought
        runId={RUN_ID}
        steps={[
          steps[0] as RunStepNode,
          row(2, { status: 'RUNNING_TOOL', thought: 'Counting tickets by category.' }),
        ]}
        paused={false}
      />,
    );
    await waitFor(() => assert.equal(screen.queryByRole('region'), null));
  });

  it('does not listen while paused (an ended run, a replay)', async () => {
    const { client, calls } = testClient(() => undefined);
    renderWithApi(<LiveThought runId={RUN_ID} steps={[]} paused />, client);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(calls.filter((call) => call.name === 'RunThoughtLive').length, 0);
  });

  it('isThoughtStillLive: live until the step has a recorded thought or a later step exists', () => {
    const live = { step: 3, attempt: 1, text: 'x' };
    assert.equal(isThoughtStillLive(live, []), true);
    assert.equal(isThoughtStillLive(live, [row(3)]), true);
    assert.equal(isThoughtStillLive(live, [row(3, { thought: 'done' })]), false);
    assert.equal(isThoughtStillLive(live, [row(3, { status: 'FINISHED' })]), false);
    assert.equal(isThoughtStillLive(live, [row(3), row(4)]), false);
  });
});

import assert from 'node:assert/strict';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { AgentMemoryViewer } from './agent-memory-viewer';

const RUN_ID = '01930000-0000-7000-8000-000000000010';
const EARLIER_RUN = '01930000-0000-7000-8000-000000000011';

const runMemories = (steps: number) => ({
  data: {
    run: { __typename: 'Run', id: RUN_ID, metrics: { __typename: 'RunMetrics', steps }, memories: [] },
  },
});

const recalled = (id: string, score: number, text: string) => ({
  __typename: 'RecalledMemory',
  id,
  score,
  kind: 'observation',
  text,
  runId: EARLIER_RUN,
  step: 1,
});

const memoriesAt = (items: unknown[] | null) => ({
  data: { run: { __typename: 'Run', id: RUN_ID, memoriesAt: items } },
});

describe('AgentMemoryViewer: what the agent knew at a step', () => {
  it('shows the latest step first, and the memories of the step chosen', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient((name, variables) => {
      if (name === 'RunMemories') return runMemories(3);
      if (name === 'MemoriesAtStep') {
        return variables.step === 3
          ? memoriesAt([recalled('m1', 0.91, 'Order 4711 was refunded.'), recalled('m2', 0.42, 'Ask first.')])
          : memoriesAt([]);
      }
      return undefined;
    });
    renderWithApi(<AgentMemoryViewer runId={RUN_ID} agentId={null} revision={5} />, client);

    const list = await screen.findByRole('list', { name: 'Memories recalled at step 3' });
    const items = within(list).getAllByRole('listitem');
    assert.equal(items.length, 2);
    assert.match(items[0]?.textContent ?? '', /0\.910.*observation.*step 1.*Order 4711 was refunded\./);
    assert.equal(
      within(items[0] as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
      `/runs/${EARLIER_RUN}`,
      'links to the run the memory came from',
    );

    const selector = screen.getByLabelText('Step');
    assert.deepEqual(
      within(selector)
        .getAllByRole('option')
        .map((option) => option.textContent),
      ['1', '2', '3'],
    );
    await user.selectOptions(selector, '2');

    await screen.findByText("No memories were recalled into this step's prompt.");
    assert.ok(screen.getByRole('heading', { name: 'What the agent knew at step 2' }));
    const asked = calls.filter((call) => call.name === 'MemoriesAtStep').map((call) => call.variables.step);
    assert.deepEqual([...new Set(asked)], [3, 2], 'the latest step, then the one chosen');
  });

  it('says so when the step was recorded before recall was recorded (null)', async () => {
    const { client } = testClient((name) => {
      if (name === 'RunMemories') return runMemories(1);
      if (name === 'MemoriesAtStep') return memoriesAt(null);
      return undefined;
    });
    renderWithApi(<AgentMemoryViewer runId={RUN_ID} agentId={null} revision={5} />, client);
    await screen.findByText(/recorded before the platform recorded which memories went into a prompt/);
  });

  it('offers no step selector before the run has a step', async () => {
    const { client, calls } = testClient((name) => (name === 'RunMemories' ? runMemories(0) : undefined));
    renderWithApi(<AgentMemoryViewer runId={RUN_ID} agentId={null} revision={0} />, client);
    await screen.findByText('No memories yet');
    assert.equal(screen.queryByLabelText('Step'), null);
    assert.equal(calls.filter((call) => call.name === 'MemoriesAtStep').length, 0);
  });
});

import assert from 'node:assert/strict';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { ReplayVerdict } from './replay-verdict';

const RUN_ID = '01930000-0000-7000-8000-000000000010';

const report = (firstDivergence: Record<string, unknown> | null) => ({
  data: {
    replayRun: {
      __typename: 'ReplayReport',
      runId: RUN_ID,
      matched: firstDivergence === null,
      decisionsCompared: firstDivergence === null ? 7 : 2,
      firstDivergence: firstDivergence && { __typename: 'ReplayDivergence', ...firstDivergence },
    },
  },
});

describe('ReplayVerdict', () => {
  it('replays nothing until asked, then says the run replays exactly', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient((name) => (name === 'ReplayRun' ? report(null) : undefined));
    renderWithApi(<ReplayVerdict runId={RUN_ID} />, client);
    assert.equal(calls.filter((call) => call.name === 'ReplayRun').length, 0);

    await user.click(await screen.findByRole('button', { name: 'Verify replay' }));

    const verdict = await screen.findByRole('status');
    assert.match(verdict.textContent ?? '', /Replays exactly/);
    assert.match(verdict.textContent ?? '', /7 decisions compared/);
    assert.deepEqual(calls.find((call) => call.name === 'ReplayRun')?.variables, { runId: RUN_ID });
  });

  it('shows where the engine now decides otherwise, with both sides', async () => {
    const user = userEvent.setup();
    const divergence = {
      revision: 2,
      step: 1,
      expected: 'SafetyEvaluated step 1 echo: allow (LOW)',
      actual: 'SafetyEvaluated step 1 echo: block (CRITICAL)',
    };
    const { client } = testClient((name) => (name === 'ReplayRun' ? report(divergence) : undefined));
    renderWithApi(<ReplayVerdict runId={RUN_ID} />, client);

    await user.click(await screen.findByRole('button', { name: 'Verify replay' }));

    const verdict = await screen.findByRole('status');
    assert.match(verdict.textContent ?? '', /Diverges at revision 2/);
    assert.match(verdict.textContent ?? '', /Recorded\s*SafetyEvaluated step 1 echo: allow \(LOW\)/);
    assert.match(verdict.textContent ?? '', /Decided now\s*SafetyEvaluated step 1 echo: block \(CRITICAL\)/);
  });
});

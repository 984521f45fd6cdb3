import assert from 'node:assert/strict';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { PolicyBacktest } from './policy-backtest';

const POLICY = '5afe7000-0000-4000-8000-000000000001';
const RUN_A = '01930000-0000-7000-8000-0000000000a1';
const RUN_B = '01930000-0000-7000-8000-0000000000b2';
const RULES = [
  { id: 'echo', description: 'Echo', match: { tool: 'echo' }, risk: 'CRITICAL', reason: 'No echo.' },
];

const call = (runId: string, step: number, recordedDecision: string, draftDecision: string) => ({
  __typename: 'BacktestCall',
  runId,
  step,
  revision: step * 4,
  tool: 'echo',
  recordedDecision,
  draftDecision,
  recordedRisk: recordedDecision === 'ALLOW' ? 'LOW' : 'HIGH',
  draftRisk: draftDecision === 'BLOCK' ? 'CRITICAL' : 'LOW',
  reasons: [draftDecision === 'BLOCK' ? 'No echo.' : 'Echo is fine.'],
});

const REPORT = {
  data: {
    backtestPolicy: {
      __typename: 'BacktestReport',
      runsEvaluated: 12,
      callsEvaluated: 40,
      changedCalls: 3,
      calls: {
        __typename: 'BacktestCallConnection',
        edges: [
          call(RUN_A, 1, 'ALLOW', 'BLOCK'),
          call(RUN_A, 2, 'ALLOW', 'BLOCK'),
          call(RUN_B, 3, 'REQUIRE_APPROVAL', 'ALLOW'),
        ].map((node) => ({ __typename: 'BacktestCallEdge', node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false },
      },
    },
  },
};

describe('PolicyBacktest', () => {
  it('back-tests the draft only when asked, then lists the runs it would have stopped', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient((name) => (name === 'BacktestPolicy' ? REPORT : undefined));
    renderWithApi(<PolicyBacktest policyId={POLICY} rules={RULES} />, client);
    assert.equal(calls.filter((c) => c.name === 'BacktestPolicy').length, 0);

    await user.click(await screen.findByRole('button', { name: 'Back-test' }));

    const summary = await screen.findByRole('status');
    assert.match(summary.textContent ?? '', /40 tool calls of 12 runs; the draft judges 3 differently/);
    assert.deepEqual(calls.find((c) => c.name === 'BacktestPolicy')?.variables, {
      input: { policyId: POLICY, draft: RULES, lastRuns: 100 },
    });
    const stopped = within(screen.getByRole('list', { name: 'Runs that would have stopped' })).getAllByRole(
      'listitem',
    );
    // Run B's change lets a call run: it stops nothing. Run A is listed once, at its first stopped call.
    assert.equal(stopped.length, 1);
    assert.match(
      stopped[0]?.textContent ?? '',
      /at step 1: echo ran \(LOW\), now is blocked \(CRITICAL\)\. No echo\./,
    );
    assert.equal(
      within(stopped[0] as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
      `/runs/${RUN_A}`,
    );
    assert.equal(screen.getAllByRole('row').length, 4); // the header and three changed calls
  });

  it('cannot back-test rules that do not parse', async () => {
    const { client } = testClient(() => undefined);
    renderWithApi(<PolicyBacktest policyId={POLICY} rules={null} />, client);
    assert.equal((await screen.findByRole('button', { name: 'Back-test' })).hasAttribute('disabled'), true);
  });
});

import assert from 'node:assert/strict';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { ForkRunButton } from './run-actions';

const RUN = '01930000-0000-7000-8000-000000000001';

describe('ForkRunButton', () => {
  it('forks with edited params of the proposed tool call, and refuses params that are no JSON object', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient((name) =>
      name === 'ForkRun'
        ? { data: { forkRun: { __typename: 'Run', id: '01930000-0000-7000-8000-0000000000f0' } } }
        : undefined,
    );
    renderWithApi(<ForkRunButton runId={RUN} goal="g" revision={3} lastRevision={9} />, client);
    await user.click(await screen.findByRole('button', { name: 'Fork' }));
    const params = screen.getByRole('textbox', { name: /Tool call params/ });

    await user.type(params, '[[1]');
    await user.click(screen.getByRole('button', { name: 'Fork run' }));
    screen.getByText('Must be a JSON object ({ … }).');
    assert.equal(calls.filter((call) => call.name === 'ForkRun').length, 0);

    await user.clear(params);
    await user.type(params, '{{ "text": "bye" }');
    await user.click(screen.getByRole('button', { name: 'Fork run' }));
    assert.deepEqual(calls.find((call) => call.name === 'ForkRun')?.variables, {
      runId: RUN,
      atRevision: 3,
      overrides: { toolParams: { text: 'bye' } },
    });
  });
});

import assert from 'node:assert/strict';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { RunAgentDialog } from './run-agent-dialog';

const AGENT = '01930000-0000-7000-8000-0000000000a1';
const STARTED = {
  data: { startRun: { __typename: 'Run', id: '01930000-0000-7000-8000-0000000000f1', status: 'RUNNING' } },
};

async function start(pick: string | null) {
  const user = userEvent.setup();
  const { client, calls } = testClient((name) => (name === 'StartRun' ? STARTED : undefined));
  renderWithApi(
    <RunAgentDialog
      agentId={AGENT}
      agentName="Analyzer"
      latestVersion={3}
      open
      onOpenChange={() => undefined}
    />,
    client,
  );
  await user.type(await screen.findByLabelText('Goal'), 'Summarise the tickets');
  if (pick !== null) await user.selectOptions(screen.getByLabelText('Version'), pick);
  await user.click(screen.getByRole('button', { name: 'Start run' }));
  return waitFor(() => {
    const call = calls.find((c) => c.name === 'StartRun');
    assert.ok(call);
    return call.variables;
  });
}

describe('RunAgentDialog', () => {
  it('starts the latest version unless another is picked', async () => {
    assert.deepEqual(await start(null), {
      input: { agentId: AGENT, inputs: { goal: 'Summarise the tickets' } },
    });
  });

  it('pins the run to the version picked', async () => {
    assert.deepEqual(await start('v1'), {
      input: { agentId: AGENT, agentVersion: 1, inputs: { goal: 'Summarise the tickets' } },
    });
  });

  it('offers no version choice for an agent with one version', async () => {
    const { client } = testClient(() => undefined);
    renderWithApi(
      <RunAgentDialog agentId={AGENT} agentName="Analyzer" open onOpenChange={() => undefined} />,
      client,
    );
    await screen.findByLabelText('Goal');
    assert.equal(screen.queryByLabelText('Version'), null);
  });
});

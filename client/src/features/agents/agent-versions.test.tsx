import assert from 'node:assert/strict';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { AgentVersionHistory } from './agent-versions';

const AGENT = '01930000-0000-7000-8000-0000000000a1';

const versions = (latest: number) => ({
  data: {
    agent: {
      __typename: 'Agent',
      id: AGENT,
      version: latest,
      versions: Array.from({ length: latest }, (_, index) => latest - index).map((version) => ({
        __typename: 'AgentVersion',
        version,
        changedAt: `2026-03-0${version}T10:00:00Z`,
        changedBy: version === 1 ? 'ops@example.com' : 'lead@example.com',
      })),
    },
  },
});

const change = (field: string, before: unknown, after: unknown) => ({
  __typename: 'AgentConfigChange',
  field,
  before,
  after,
});

/** The diffs the server would compute for an agent whose v2 changed the prompt and v3 the model. */
function diff(from: number, to: number) {
  const prompts: Record<number, string> = {
    1: 'Be brief.',
    2: 'Be brief.\nCite tickets.',
    3: 'Be brief.\nCite tickets.',
  };
  const models: Record<number, string> = { 1: 'model-v1', 2: 'model-v1', 3: 'model-v3' };
  const changes = [
    ...(models[from] !== models[to] ? [change('llm.model', models[from], models[to])] : []),
    ...(prompts[from] !== prompts[to] ? [change('systemPrompt', prompts[from], prompts[to])] : []),
  ];
  return {
    data: {
      agent: {
        __typename: 'Agent',
        id: AGENT,
        versionDiff: { __typename: 'AgentVersionDiff', from, to, changes },
      },
    },
  };
}

describe('AgentVersionHistory', () => {
  it('lists the versions newest first, with who changed each and when', async () => {
    const { client } = testClient((name, variables) =>
      name === 'AgentVersions'
        ? versions(3)
        : name === 'AgentVersionDiff'
          ? diff(Number(variables.from), Number(variables.to))
          : undefined,
    );
    renderWithApi(<AgentVersionHistory agentId={AGENT} canRollback={false} />, client);
    const items = within(await screen.findByRole('list', { name: 'Versions' })).getAllByRole('listitem');
    assert.deepEqual(
      items.map((item) => item.textContent?.match(/^v\d+(?:Created|Changed) by \S+?@example\.com/)?.[0]),
      ['v3Changed by lead@example.com', 'v2Changed by lead@example.com', 'v1Created by ops@example.com'],
    );
    assert.match(items[0]?.textContent ?? '', /Current/);
    assert.equal(screen.queryByRole('button', { name: /Roll back/ }), null, 'no rollback without the right');
  });

  it('shows what changed between the last two versions, and between any two picked', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient((name, variables) =>
      name === 'AgentVersions'
        ? versions(3)
        : name === 'AgentVersionDiff'
          ? diff(Number(variables.from), Number(variables.to))
          : undefined,
    );
    renderWithApi(<AgentVersionHistory agentId={AGENT} canRollback />, client);
    const changes = await screen.findByLabelText('Changes from version 2 to version 3');
    assert.match(changes.textContent ?? '', /llm\.model/);
    assert.match(changes.textContent ?? '', /Removed: model-v1/);
    assert.match(changes.textContent ?? '', /Added: model-v3/);
    assert.doesNotMatch(changes.textContent ?? '', /systemPrompt/);

    await user.selectOptions(screen.getByLabelText('Compare version'), 'v1');
    const wider = await screen.findByLabelText('Changes from version 1 to version 3');
    assert.match(wider.textContent ?? '', /systemPrompt/);
    assert.match(wider.textContent ?? '', /Added: Cite tickets\./);
    assert.deepEqual(calls.filter((c) => c.name === 'AgentVersionDiff').at(-1)?.variables, {
      id: AGENT,
      from: 1,
      to: 3,
    });
  });

  it('rolls back to an old version after showing what the rollback changes, at the version it showed', async () => {
    const user = userEvent.setup();
    let latest = 3;
    const { client, calls } = testClient((name, variables) => {
      if (name === 'AgentVersions') return versions(latest);
      if (name === 'AgentVersionDiff') return diff(Number(variables.from), Number(variables.to));
      if (name === 'RollbackAgent') {
        latest = 4;
        return {
          data: {
            rollbackAgent: {
              __typename: 'Agent',
              id: AGENT,
              name: 'Analyzer',
              purpose: 'p',
              llmProvider: 'DEMO',
              llmEndpoint: null,
              llmModel: 'model-v1',
              temperature: null,
              tools: [],
              systemPrompt: 'Be brief.',
              status: 'ACTIVE',
              version: 4,
              createdAt: '2026-03-01T10:00:00Z',
              updatedAt: '2026-03-04T10:00:00Z',
              archivedAt: null,
              policyIds: [],
              budget: {
                __typename: 'Budget',
                maxSteps: null,
                maxTokens: null,
                maxCostUsd: null,
                maxWallTimeMs: null,
              },
              approval: null,
            },
          },
        };
      }
      return undefined;
    });
    renderWithApi(<AgentVersionHistory agentId={AGENT} canRollback />, client);
    await user.click(await screen.findByRole('button', { name: 'Roll back to v1' }));
    const dialog = await screen.findByRole('alertdialog');
    assert.match(dialog.textContent ?? '', /Version 4 will have version 1’s configuration/);
    const preview = await within(dialog).findByLabelText('Changes from version 3 to version 1');
    assert.match(preview.textContent ?? '', /Added: model-v1/);

    await user.click(within(dialog).getByRole('button', { name: 'Roll back to v1' }));
    await waitFor(() => assert.equal(screen.queryByRole('alertdialog'), null));
    assert.deepEqual(calls.find((c) => c.name === 'RollbackAgent')?.variables, {
      input: { agentId: AGENT, version: 1, expectedVersion: 3 },
    });
    const items = await waitFor(() => {
      const list = within(screen.getByRole('list', { name: 'Versions' })).getAllByRole('listitem');
      assert.equal(list.length, 4);
      return list;
    });
    assert.match(items[0]?.textContent ?? '', /v4.*Current/);
  });

  it('keeps the dialog open and says why when the rollback is refused', async () => {
    const user = userEvent.setup();
    const { client } = testClient((name, variables) => {
      if (name === 'AgentVersions') return versions(2);
      if (name === 'AgentVersionDiff') return diff(Number(variables.from), Number(variables.to));
      if (name === 'RollbackAgent') {
        return { errors: [{ message: 'Agent is at version 3, not 2', extensions: { code: 'CONFLICT' } }] };
      }
      return undefined;
    });
    renderWithApi(<AgentVersionHistory agentId={AGENT} canRollback />, client);
    await user.click(await screen.findByRole('button', { name: 'Roll back to v1' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Roll back to v1' }));
    assert.match((await within(dialog).findByText(/version 3, not 2/)).textContent ?? '', /version 3/);
    assert.ok(screen.getByRole('alertdialog'));
  });
});

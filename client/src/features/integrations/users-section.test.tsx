import assert from 'node:assert/strict';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { type Answer, renderWithApi, testClient } from '../../test-kit';
import { ApiTokensSection } from './api-tokens';
import { UsersSection } from './users-section';

const ADMIN = { role: 'ADMIN' };
const ANA = '11111111-1111-4111-8111-111111111111';
const BOSS = '22222222-2222-4222-8222-222222222222';

const user = (id: string, email: string, role: string, active: boolean) => ({
  __typename: 'User',
  id,
  email,
  role,
  active,
  createdAt: '2026-11-01T10:00:00.000Z',
});

const users = {
  data: {
    users: [user(BOSS, 'boss@example.com', 'ADMIN', true), user(ANA, 'ana@example.com', 'ANALYST', false)],
  },
};

describe('UsersSection', () => {
  it('changes a role, and shows the server’s refusal for the last admin', async () => {
    const ui = userEvent.setup();
    const { client, calls } = testClient((name, variables): Answer | undefined => {
      if (name === 'Users') return users;
      if (name === 'ChangeUserRole' && variables.id === BOSS)
        return {
          errors: [
            {
              message:
                'boss@example.com is the last active admin and cannot be demoted: make another user an admin first',
              extensions: { code: 'CONFLICT' },
            },
          ],
        };
      if (name === 'ChangeUserRole')
        return { data: { changeUserRole: { __typename: 'User', id: ANA, role: 'OPERATOR' } } };
      return undefined;
    }, ADMIN);
    renderWithApi(<UsersSection />, client);
    const table = await screen.findByRole('table', { name: 'Users' });
    const ana = within(table).getByRole('row', { name: /ana@example.com/ });
    within(ana).getByText('Deactivated');
    await ui.selectOptions(
      within(table).getByRole('combobox', { name: 'Role of ana@example.com' }),
      'OPERATOR',
    );
    assert.deepEqual(calls.find((call) => call.name === 'ChangeUserRole')?.variables, {
      id: ANA,
      role: 'OPERATOR',
    });
    await ui.selectOptions(
      within(table).getByRole('combobox', { name: 'Role of boss@example.com' }),
      'ANALYST',
    );
    const alert = await screen.findByRole('alert');
    assert.match(alert.textContent ?? '', /last active admin/);
  });

  it('deactivates and removes after a confirmation, and reactivates at once', async () => {
    const ui = userEvent.setup();
    const { client, calls } = testClient((name, variables): Answer | undefined => {
      if (name === 'Users') return users;
      if (name === 'DeactivateUser' || name === 'ReactivateUser')
        return {
          data: {
            [name === 'DeactivateUser' ? 'deactivateUser' : 'reactivateUser']: {
              __typename: 'User',
              id: variables.id,
              active: name === 'ReactivateUser',
            },
          },
        };
      if (name === 'RemoveUser') return { data: { removeUser: { __typename: 'User', id: variables.id } } };
      return undefined;
    }, ADMIN);
    renderWithApi(<UsersSection />, client);
    await screen.findByRole('table', { name: 'Users' });

    await ui.click(screen.getByRole('button', { name: 'Deactivate boss@example.com' }));
    const confirm = await screen.findByRole('alertdialog');
    within(confirm).getByText(/API tokens they created stop working now/);
    assert.equal(
      calls.some((call) => call.name === 'DeactivateUser'),
      false,
      'nothing before the confirmation',
    );
    await ui.click(within(confirm).getByRole('button', { name: 'Deactivate user' }));
    assert.deepEqual(calls.find((call) => call.name === 'DeactivateUser')?.variables, { id: BOSS });

    await ui.click(screen.getByRole('button', { name: 'Reactivate ana@example.com' }));
    assert.deepEqual(calls.find((call) => call.name === 'ReactivateUser')?.variables, { id: ANA });

    await ui.click(screen.getByRole('button', { name: 'Remove ana@example.com' }));
    const removal = await screen.findByRole('alertdialog');
    within(removal).getByText(/cannot be undone/);
    await ui.click(within(removal).getByRole('button', { name: 'Remove user' }));
    assert.deepEqual(calls.find((call) => call.name === 'RemoveUser')?.variables, { id: ANA });
  });
});

describe('ApiTokensSection', () => {
  const token = (id: string, extra: Record<string, unknown>) => ({
    __typename: 'ApiToken',
    id,
    name: `token ${id}`,
    role: 'INTEGRATOR',
    createdBy: 'boss@example.com',
    createdAt: '2026-11-01T10:00:00.000Z',
    revokedAt: null,
    expiresAt: null,
    lastUsedAt: null,
    ...extra,
  });

  it('shows the last use and an expired token, and creates a token with an expiry', async () => {
    const ui = userEvent.setup();
    const { client, calls } = testClient((name): Answer | undefined => {
      if (name === 'ApiTokens')
        return {
          data: {
            apiTokens: [
              token('a', { lastUsedAt: '2026-11-02T09:30:00.000Z' }),
              token('b', { expiresAt: '2026-11-03T00:00:00.000Z' }),
            ],
          },
        };
      if (name === 'CreateApiToken')
        return {
          data: {
            createApiToken: {
              __typename: 'ApiTokenCreated',
              token: 'spk_secret',
              apiToken: token('c', { expiresAt: '2099-01-01T00:00:00.000Z' }),
            },
          },
        };
      return undefined;
    }, ADMIN);
    renderWithApi(<ApiTokensSection />, client);
    const table = await screen.findByRole('table', { name: 'API tokens' });
    within(within(table).getByRole('row', { name: /token a/ })).getByText('Active');
    within(within(table).getByRole('row', { name: /token b/ })).getByText(/^Expired/);
    within(within(table).getByRole('row', { name: /token b/ })).getByText('Never');

    await ui.click(screen.getByRole('button', { name: 'New API token' }));
    const form = await screen.findByRole('form', { name: 'New API token' });
    await ui.type(within(form).getByLabelText('Token name'), 'nightly export');
    const expires = within(form).getByLabelText('Expires') as HTMLInputElement;
    await ui.type(expires, '2000-01-01');
    await ui.click(within(form).getByRole('button', { name: 'Create token' }));
    within(form).getByText('Pick a day after today.');
    assert.equal(
      calls.some((call) => call.name === 'CreateApiToken'),
      false,
    );
    await ui.clear(expires);
    await ui.type(expires, '2099-01-01');
    await ui.click(within(form).getByRole('button', { name: 'Create token' }));
    await screen.findByTestId('new-api-token');
    const sent = calls.find((call) => call.name === 'CreateApiToken')?.variables;
    assert.equal(sent?.name, 'nightly export');
    assert.equal(sent?.expiresAt, new Date('2099-01-01T00:00:00').toISOString());
  });
});

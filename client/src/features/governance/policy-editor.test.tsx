import assert from 'node:assert/strict';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import type { PolicyFieldsFragment } from '../../gql/graphql';
import { renderWithApi, testClient } from '../../test-kit';
import { PolicyEditor } from './policy-editor';

const RULES = [
  {
    id: 'mail',
    description: 'Email leaves the company',
    match: { tool: 'send_email', params: [{ path: 'to', op: 'contains', value: '@rival.com' }] },
    risk: 'HIGH',
    reason: 'Email reaches people outside.',
    approval: { timeoutMs: 3_600_000 },
  },
];

function policy(): PolicyFieldsFragment {
  return {
    __typename: 'Policy',
    id: '5afe7000-0000-4000-8000-0000000000aa',
    name: 'Mail',
    description: null,
    version: 3,
    archived: false,
    rules: RULES,
    versions: [],
  } as PolicyFieldsFragment;
}

function setup() {
  const { client, calls } = testClient((name, variables) =>
    name === 'UpdatePolicy'
      ? {
          data: {
            updatePolicy: { ...policy(), version: 4, rules: (variables.input as { rules: unknown }).rules },
          },
        }
      : undefined,
  );
  renderWithApi(
    <PolicyEditor policy={policy()} onSaved={() => undefined} onReload={() => undefined} />,
    client,
  );
  return { calls, user: userEvent.setup() };
}

describe('PolicyEditor', () => {
  it('edits the rules as rows and saves them with a change note', async () => {
    const { calls, user } = setup();
    await user.click(await screen.findByRole('radio', { name: 'Form' }));
    const deadline = screen.getByRole('textbox', { name: 'Rule 1 deadline' }) as HTMLInputElement;
    assert.equal(deadline.value, '1h');
    assert.equal(
      (screen.getByRole('textbox', { name: 'Rule 1 tool' }) as HTMLInputElement).value,
      'send_email',
    );
    assert.equal((screen.getByRole('combobox', { name: 'Rule 1 risk' }) as HTMLSelectElement).value, 'HIGH');
    await user.clear(deadline);
    await user.type(deadline, '4h');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rule 1 on expiry' }), 'escalate');
    await user.type(screen.getByRole('textbox', { name: 'Rule 1 escalation' }), 'role:admin');
    await user.type(screen.getByRole('textbox', { name: /Change note/ }), 'Escalate mail after 4 hours');
    await user.click(screen.getByRole('button', { name: 'Save as version 4' }));
    const update = calls.find((call) => call.name === 'UpdatePolicy');
    assert.deepEqual(update?.variables, {
      id: policy().id,
      input: {
        expectedVersion: 3,
        note: 'Escalate mail after 4 hours',
        rules: [
          {
            ...RULES[0],
            approval: { timeoutMs: 4 * 3_600_000, onExpiry: 'escalate', escalateTo: { role: 'admin' } },
          },
        ],
      },
    });
    await screen.findByText('Saved as version 4.');
    assert.equal((screen.getByRole('textbox', { name: /Change note/ }) as HTMLInputElement).value, '');
  });

  it('shows a row’s errors where they are, and neither saves nor switches views until fixed', async () => {
    const { calls, user } = setup();
    await user.click(await screen.findByRole('radio', { name: 'Form' }));
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    const deadline = screen.getByRole('textbox', { name: 'Rule 2 deadline' });
    await user.type(deadline, 'tomorrow');
    screen.getByText('A duration such as 30m, 4h or 1d 12h.');
    screen.getByText('Say why: the reason is shown to approvers.');
    assert.equal(deadline.getAttribute('aria-invalid'), 'true');
    assert.equal(screen.getByRole('radio', { name: 'JSON' }).hasAttribute('disabled'), true);
    assert.equal(screen.getByRole('button', { name: 'Save as version 4' }).hasAttribute('disabled'), true);
    await user.clear(deadline);
    await user.type(deadline, '2d');
    await user.type(screen.getByRole('textbox', { name: 'Rule 2 tool' }), 'http_request');
    await user.type(screen.getByRole('textbox', { name: 'Rule 2 reason' }), 'Calls out.');
    // The JSON view shows what the form holds, the untouched rule's matcher included.
    await user.click(screen.getByRole('radio', { name: 'JSON' }));
    const json = screen.getByRole('textbox', { name: 'Rules (JSON)' }) as HTMLTextAreaElement;
    assert.deepEqual(JSON.parse(json.value), [
      RULES[0],
      {
        id: 'rule-2',
        description: '',
        match: { tool: 'http_request' },
        risk: 'HIGH',
        reason: 'Calls out.',
        approval: { timeoutMs: 2 * 86_400_000 },
      },
    ]);
    assert.equal(calls.filter((call) => call.name === 'UpdatePolicy').length, 0);
  });

  it('keeps the JSON view until its JSON is valid', async () => {
    const { user } = setup();
    const json = (await screen.findByRole('textbox', { name: 'Rules (JSON)' })) as HTMLTextAreaElement;
    await user.type(json, '{Backspace}');
    assert.equal(screen.getByRole('radio', { name: 'Form' }).hasAttribute('disabled'), true);
    await user.type(json, ']');
    await user.click(screen.getByRole('radio', { name: 'Form' }));
    screen.getByRole('table', { name: 'Rules' });
  });
});

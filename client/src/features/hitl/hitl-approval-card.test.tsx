import assert from 'node:assert/strict';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import type { HitlCardFieldsFragment } from '../../gql/graphql';
import { renderWithApi, TEST_VIEWER, testClient } from '../../test-kit';
import { HITLApprovalCard } from './hitl-approval-card';

const RUN_ID = '11111111-1111-4111-8111-111111111111';

function pendingRequest(overrides: Partial<HitlCardFieldsFragment> = {}): HitlCardFieldsFragment {
  return {
    __typename: 'HitlRequest',
    id: 'apr-1',
    status: 'PENDING',
    tool: 'send_email',
    params: { to: ['leads@example.com'], subject: 'Weekly summary' },
    risk: 'HIGH',
    reasons: ['Emails leave the company'],
    step: 3,
    runId: RUN_ID,
    agentId: null,
    requestedAt: '2026-12-01T10:00:00.000Z',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    onExpiry: 'reject',
    decidedAt: null,
    decidedBy: null,
    comment: null,
    editedParams: null,
    escalated: false,
    escalatedTo: null,
    runEnded: false,
    run: { __typename: 'Run', id: RUN_ID, goal: 'Summarise the tickets', agent: null },
    ...overrides,
  } as HitlCardFieldsFragment;
}

describe('HITLApprovalCard', () => {
  it('shows the tool, its risk, why it waits and the proposed parameters', async () => {
    const { client } = testClient(() => undefined);
    renderWithApi(<HITLApprovalCard request={pendingRequest()} />, client);
    const card = await screen.findByRole('article', { name: 'send_email' });
    within(card).getByText('HIGH');
    within(card).getByText('Emails leave the company');
    within(card).getByText(/leads@example\.com/);
    within(card).getByRole('link', { name: 'Summarise the tickets' });
    within(card).getByRole('timer');
  });

  it('approves with one click and then shows who decided', async () => {
    const user = userEvent.setup();
    const decided = pendingRequest({
      status: 'APPROVED',
      decidedBy: TEST_VIEWER.id,
      decidedAt: '2026-12-01T10:01:00.000Z',
    });
    const { client, calls } = testClient((name) =>
      name === 'ApproveHitlRequest' ? { data: { approveHitlRequest: decided } } : undefined,
    );
    const { rerender } = renderWithApi(<HITLApprovalCard request={pendingRequest()} />, client);
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    const mutation = calls.find((call) => call.name === 'ApproveHitlRequest');
    assert.deepEqual(mutation?.variables, { id: 'apr-1' });
    // The mutation's answer reaches the card through the cache in the app; here, through props.
    rerender(<HITLApprovalCard request={decided} />);
    const decision = screen.getByTestId('hitl-decision');
    assert.match(decision.textContent ?? '', /Approved by you \(ops@example\.com\)/);
    assert.equal(screen.queryByRole('button', { name: 'Approve' }), null);
  });

  it('rejects with a comment from the dialog', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient((name) =>
      name === 'RejectHitlRequest'
        ? { data: { rejectHitlRequest: pendingRequest({ status: 'REJECTED' }) } }
        : undefined,
    );
    renderWithApi(<HITLApprovalCard request={pendingRequest()} />, client);
    await user.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox'), '  Wrong audience  ');
    await user.click(within(dialog).getByRole('button', { name: /reject/i }));
    const mutation = calls.find((call) => call.name === 'RejectHitlRequest');
    assert.deepEqual(mutation?.variables, { id: 'apr-1', comment: 'Wrong audience' });
  });

  it('says so when another operator decided first, and keeps the buttons', async () => {
    const user = userEvent.setup();
    const { client } = testClient((name) =>
      name === 'ApproveHitlRequest'
        ? {
            errors: [{ message: 'The request is already approved.', extensions: { code: 'CONFLICT' } }],
          }
        : undefined,
    );
    renderWithApi(<HITLApprovalCard request={pendingRequest()} />, client);
    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    const alert = await screen.findByRole('alert');
    assert.match(alert.textContent ?? '', /Someone else decided this request first/);
  });

  it('offers no decision on a request whose run ended', async () => {
    const { client } = testClient(() => undefined);
    renderWithApi(<HITLApprovalCard request={pendingRequest({ runEnded: true })} />, client);
    await screen.findByText(/The run ended while this was pending/);
    assert.equal(screen.queryByRole('button', { name: 'Approve' }), null);
    assert.equal(screen.queryByRole('button', { name: 'Reject' }), null);
  });

  it('offers no decision to a role that may not approve', async () => {
    const { client } = testClient(() => undefined, { role: 'ANALYST' });
    renderWithApi(<HITLApprovalCard request={pendingRequest()} />, client);
    await screen.findByRole('article', { name: 'send_email' });
    assert.equal(screen.queryByRole('button', { name: 'Approve' }), null);
  });

  it('shows an email’s to, subject and body first, as labelled text', async () => {
    const { client } = testClient(() => undefined);
    const params = {
      priority: 'low',
      body: 'Hello,\nthe numbers.',
      subject: 'Weekly summary',
      to: ['a@example.com', 'b@example.com'],
    };
    renderWithApi(<HITLApprovalCard request={pendingRequest({ params })} />, client);
    const shown = await screen.findByLabelText('Proposed parameters');
    const labels = [...shown.querySelectorAll('dt')].map((term) => term.textContent);
    assert.deepEqual(labels, ['To', 'Subject', 'Body', 'Priority']);
    const values = [...shown.querySelectorAll('dd')].map((value) => value.textContent);
    assert.deepEqual(values, [
      'a@example.com, b@example.com',
      'Weekly summary',
      'Hello,\nthe numbers.',
      'low',
    ]);
  });

  it('edits an email as text fields and approves the edited params', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient((name) =>
      name === 'ApproveHitlRequest' ? { data: { approveHitlRequest: pendingRequest() } } : undefined,
    );
    const params = { to: ['leads@example.com'], subject: 'Weekly summary', body: 'Hi' };
    renderWithApi(<HITLApprovalCard request={pendingRequest({ params })} />, client);
    await user.click(await screen.findByRole('button', { name: 'Edit and approve' }));
    const dialog = await screen.findByRole('dialog');
    const to = within(dialog).getByRole('textbox', { name: 'To' });
    assert.equal((to as HTMLInputElement).value, 'leads@example.com');
    await user.type(to, ', boss@example.com');
    const subject = within(dialog).getByRole('textbox', { name: 'Subject' });
    await user.clear(subject);
    await user.type(subject, 'Monthly summary');
    const body = within(dialog).getByRole('textbox', { name: 'Body' });
    assert.equal(body.tagName, 'TEXTAREA');
    await user.type(body, '{Enter}Bye');
    within(dialog).getByText(/Changes/);
    await user.click(within(dialog).getByRole('button', { name: 'Approve with edits' }));
    const mutation = calls.find((call) => call.name === 'ApproveHitlRequest');
    assert.deepEqual(mutation?.variables, {
      id: 'apr-1',
      editedParams: {
        to: ['leads@example.com', 'boss@example.com'],
        subject: 'Monthly summary',
        body: 'Hi\nBye',
      },
    });
  });

  it('gives other tools numbers, switches and JSON for nested values; JSON view edits the same params', async () => {
    const user = userEvent.setup();
    const { client, calls } = testClient((name) =>
      name === 'ApproveHitlRequest' ? { data: { approveHitlRequest: pendingRequest() } } : undefined,
    );
    const params = { query: 'refunds', limit: 5, exact: false, filter: { region: 'EU' } };
    renderWithApi(<HITLApprovalCard request={pendingRequest({ tool: 'search_crm', params })} />, client);
    await user.click(await screen.findByRole('button', { name: 'Edit and approve' }));
    const dialog = await screen.findByRole('dialog');
    const limit = within(dialog).getByRole('spinbutton', { name: 'Limit' });
    await user.clear(limit);
    await user.click(within(dialog).getByRole('switch', { name: 'Exact' }));
    // An empty number is an error where it is, and nothing can be approved meanwhile.
    within(dialog).getByText('Enter a number.');
    assert.equal(
      within(dialog).getByRole('button', { name: 'Approve with edits' }).hasAttribute('disabled'),
      true,
    );
    assert.equal(within(dialog).getByRole('radio', { name: 'JSON' }).hasAttribute('disabled'), false);
    await user.type(limit, '20');
    const filter = within(dialog).getByRole('textbox', { name: 'Filter' });
    assert.deepEqual(JSON.parse((filter as HTMLTextAreaElement).value), { region: 'EU' });
    await user.click(within(dialog).getByRole('radio', { name: 'JSON' }));
    const json = within(dialog).getByRole('textbox', { name: 'Parameters (JSON)' }) as HTMLTextAreaElement;
    assert.deepEqual(JSON.parse(json.value), {
      query: 'refunds',
      limit: 20,
      exact: true,
      filter: { region: 'EU' },
    });
    await user.clear(json);
    await user.type(json, '{{"query": "refunds", "limit": 7}');
    await user.click(within(dialog).getByRole('radio', { name: 'Fields' }));
    assert.equal((within(dialog).getByRole('spinbutton', { name: 'Limit' }) as HTMLInputElement).value, '7');
    await user.click(within(dialog).getByRole('button', { name: 'Approve with edits' }));
    const mutation = calls.find((call) => call.name === 'ApproveHitlRequest');
    assert.deepEqual(mutation?.variables, { id: 'apr-1', editedParams: { query: 'refunds', limit: 7 } });
  });
});

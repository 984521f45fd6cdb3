import assert from 'node:assert/strict';
import { screen } from '@testing-library/react';
import { Toast } from 'radix-ui';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { ApprovalAlerts } from './approval-alerts';

const RUN_ID = '11111111-1111-4111-8111-111111111111';

function recentRequest(id: string) {
  return {
    __typename: 'HitlRequest',
    id,
    status: 'PENDING',
    tool: 'send_email',
    params: { to: ['leads@example.com'] },
    risk: 'HIGH',
    reasons: [],
    step: 3,
    runId: RUN_ID,
    agentId: null,
    requestedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    onExpiry: 'reject',
    decidedAt: null,
    decidedBy: null,
    comment: null,
    editedParams: null,
    escalated: false,
    escalatedTo: null,
    runEnded: false,
    run: { __typename: 'Run', id: RUN_ID, goal: 'Summarise', agent: null },
  };
}

/** The alerts as the shell mounts them, on `route`, with one request made just now. */
function renderAlerts(route: string, requestId: string) {
  const { client } = testClient((name) =>
    name === 'RecentPendingApprovals'
      ? {
          data: {
            hitlRequests: {
              __typename: 'HitlRequestConnection',
              edges: [{ __typename: 'HitlRequestEdge', node: recentRequest(requestId) }],
            },
          },
        }
      : undefined,
  );
  return renderWithApi(
    <Toast.Provider>
      <ApprovalAlerts />
      <Toast.Viewport />
    </Toast.Provider>,
    client,
    route,
  );
}

describe('ApprovalAlerts', () => {
  it('alerts a new request on a page that does not show it', async () => {
    window.sessionStorage.clear();
    renderAlerts('/observability', 'apr-elsewhere');
    const toast = await screen.findByTestId('approval-toast');
    assert.match(toast.textContent ?? '', /send_email \(high risk\) in run 11111111, step 3/);
  });

  it('stays off the approvals page and the run’s page, where the card is already on screen', async () => {
    window.sessionStorage.clear();
    const onInbox = renderAlerts('/hitl', 'apr-inbox');
    // The list query answers at once here: a short wait is time enough for a toast to render.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(screen.queryByTestId('approval-toast'), null);
    onInbox.unmount();
    renderAlerts(`/runs/${RUN_ID}`, 'apr-run-page');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(screen.queryByTestId('approval-toast'), null);
  });
});

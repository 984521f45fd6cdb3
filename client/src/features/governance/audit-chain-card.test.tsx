import assert from 'node:assert/strict';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, it } from 'vitest';
import { renderWithApi, testClient } from '../../test-kit';
import { AuditChainCard } from './audit-chain-card';

const verification = (ok: boolean, at: string) => ({
  __typename: 'AuditVerification',
  ok,
  eventsChecked: ok ? 1200 : 17,
  brokenAt: ok
    ? null
    : {
        __typename: 'AuditBreak',
        stream: 'run-01930000-0000-7000-8000-0000000000a1',
        revision: 4,
        reason: 'hash mismatch: the event (or one before it) differs from what was written',
      },
  runId: null,
  verifiedAt: at,
  durationMs: 35,
  verifiedBy: 'user-admin',
});

describe('AuditChainCard', () => {
  it('shows the last verification, runs one on request and shows where the log is broken', async () => {
    const user = userEvent.setup();
    let last = verification(true, '2026-03-01T10:00:00.000Z');
    const { client, calls } = testClient((name) => {
      if (name === 'LastAuditVerification') return { data: { lastAuditVerification: last } };
      if (name === 'VerifyAuditChain') {
        last = verification(false, '2026-03-02T11:00:00.000Z');
        return { data: { verifyAuditChain: last } };
      }
      return undefined;
    });
    renderWithApi(<AuditChainCard />, client);

    const summary = await screen.findByTestId('audit-chain-last');
    assert.match(summary.textContent ?? '', /Intact/);
    assert.match(summary.textContent ?? '', /1,200 events of every stream checked/);
    assert.equal(calls.filter((c) => c.name === 'VerifyAuditChain').length, 0, 'verifies only when asked');

    await user.click(screen.getByRole('button', { name: 'Verify now' }));

    const alert = await screen.findByRole('alert');
    assert.match(alert.textContent ?? '', /run-01930000-0000-7000-8000-0000000000a1/);
    assert.match(alert.textContent ?? '', /at revision 4: hash mismatch/);
    await waitFor(() => assert.match(screen.getByTestId('audit-chain-last').textContent ?? '', /Broken/));
    assert.equal(calls.filter((c) => c.name === 'VerifyAuditChain').length, 1);
  });

  it('says when the log was never verified, and shows a refused verification as an error', async () => {
    const user = userEvent.setup();
    const { client } = testClient((name) => {
      if (name === 'LastAuditVerification') return { data: { lastAuditVerification: null } };
      if (name === 'VerifyAuditChain')
        return { errors: [{ message: 'Not allowed', extensions: { code: 'FORBIDDEN' } }] } as never;
      return undefined;
    });
    renderWithApi(<AuditChainCard />, client);
    await screen.findByText('Not verified yet.');
    await user.click(screen.getByRole('button', { name: 'Verify now' }));
    const alert = await screen.findByRole('alert');
    assert.match(alert.textContent ?? '', /Verification failed/);
    assert.match(alert.textContent ?? '', /Not allowed/);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { approvalDeadline, approvalSettings, isExpired } from './approval-deadline.ts';

const now = new Date('2025-01-01T12:00:00.000Z');

describe('approvalDeadline', () => {
  test('defaults to 24 hours and reject', () => {
    assert.deepEqual(approvalDeadline(now), { expiresAt: '2025-01-02T12:00:00.000Z', onExpiry: 'reject' });
  });

  test('takes the configured timeout and expiry action', () => {
    assert.deepEqual(approvalDeadline(now, { timeoutMs: 60_000, onExpiry: 'escalate' }), {
      expiresAt: '2025-01-01T12:01:00.000Z',
      onExpiry: 'escalate',
    });
  });

  test('names the escalation target when one is set', () => {
    assert.deepEqual(
      approvalDeadline(now, { timeoutMs: 1000, onExpiry: 'escalate', escalateTo: { role: 'admin' } }),
      {
        expiresAt: '2025-01-01T12:00:01.000Z',
        onExpiry: 'escalate',
        escalateTo: { role: 'admin' },
      },
    );
  });

  test('refuses a timeout that is not a positive number', () => {
    assert.throws(() => approvalDeadline(now, { timeoutMs: 0 }), RangeError);
    assert.throws(() => approvalDeadline(now, { timeoutMs: Number.NaN }), RangeError);
  });
});

describe('approvalSettings', () => {
  const defaults = { timeoutMs: 86_400_000, onExpiry: 'reject' as const };
  test('the agent overrides the rule, the rule overrides the settings, field by field', () => {
    assert.deepEqual(
      approvalSettings(
        defaults,
        { timeoutMs: 600_000, onExpiry: 'escalate', escalateTo: { role: 'admin' } },
        { escalateTo: { users: ['lead@example.com'] } },
      ),
      { timeoutMs: 600_000, onExpiry: 'escalate', escalateTo: { users: ['lead@example.com'] } },
    );
    assert.deepEqual(approvalSettings(defaults, undefined, { timeoutMs: 1000 }), {
      timeoutMs: 1000,
      onExpiry: 'reject',
    });
    assert.deepEqual(approvalSettings(defaults, undefined, undefined), defaults);
    assert.deepEqual(approvalSettings({}, undefined, undefined), {});
  });
});

describe('isExpired', () => {
  test('from the instant now reaches the deadline', () => {
    const { expiresAt } = approvalDeadline(now, { timeoutMs: 1000 });
    assert.equal(isExpired(expiresAt, new Date(now.getTime() + 999)), false);
    assert.equal(isExpired(expiresAt, new Date(now.getTime() + 1000)), true);
    assert.equal(isExpired(new Date(expiresAt), new Date(now.getTime() + 5000)), true);
  });
});

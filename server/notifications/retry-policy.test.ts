import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isRetryableStatus, nextRetryDelay, parseRetryAfter } from './retry-policy.ts';

const policy = { maxAttempts: 4, baseMs: 1000, maxMs: 5000 };

describe('retry policy', () => {
  it('backs off exponentially up to the cap, and stops after the last attempt', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((attempt) => nextRetryDelay(policy, attempt, null)),
      [1000, 2000, 4000, null],
    );
    assert.equal(nextRetryDelay({ ...policy, maxAttempts: 10 }, 5, null), 5000);
  });

  it('waits as long as Retry-After asks when that is longer, never past the cap', () => {
    assert.equal(nextRetryDelay(policy, 1, 3000), 3000);
    assert.equal(nextRetryDelay(policy, 2, 500), 2000);
    assert.equal(nextRetryDelay(policy, 1, 60_000), 5000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(null, now), null);
  });

  it('retries server errors, timeouts and rate limits, not other client errors', () => {
    assert.deepEqual([500, 502, 503, 408, 425, 429, 400, 401, 404, 410].map(isRetryableStatus), [
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

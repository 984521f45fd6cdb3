import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { backoffMs, DEFAULT_LOGIN_THROTTLE } from './login-throttle.ts';

describe('login back-off', () => {
  it('is free for 3 failures, then doubles from 1 s, capped at 15 min', () => {
    const waits = Array.from({ length: 16 }, (_, i) => backoffMs(i + 1, DEFAULT_LOGIN_THROTTLE));
    assert.deepEqual(waits.slice(0, 8), [0, 0, 0, 1000, 2000, 4000, 8000, 16_000]);
    assert.equal(waits.at(-1), 15 * 60_000);
    assert.equal(backoffMs(10_000, DEFAULT_LOGIN_THROTTLE), 15 * 60_000);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { codeForStatus, ProviderError, retryAfterMsFrom } from './provider.ts';

describe('provider errors', () => {
  it('classify 429, 408, 409 and 5xx as retryable, other 4xx not', () => {
    const retryable = (status: number) => new ProviderError(codeForStatus(status), 'x').retryable;
    for (const status of [408, 409, 429, 500, 502, 503, 529])
      assert.equal(retryable(status), true, String(status));
    for (const status of [400, 401, 402, 403, 404, 413, 422])
      assert.equal(retryable(status), false, String(status));
    assert.equal(
      new ProviderError('RATE_LIMITED', 'x', { retryable: false }).retryable,
      false,
      'explicit wins',
    );
  });

  it('read retry-after-ms, retry-after seconds and HTTP dates', () => {
    const now = Date.parse('2025-06-30T12:00:00Z');
    assert.equal(retryAfterMsFrom(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now), 1_500);
    assert.equal(retryAfterMsFrom(new Headers({ 'retry-after': '0.5' }), now), 500);
    assert.equal(
      retryAfterMsFrom(new Headers({ 'retry-after': 'Mon, 30 Jun 2025 12:00:07 GMT' }), now),
      7_000,
    );
    assert.equal(retryAfterMsFrom(new Headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(retryAfterMsFrom(new Headers(), now), undefined);
    assert.equal(retryAfterMsFrom(undefined, now), undefined);
  });
});

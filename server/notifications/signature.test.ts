import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'vitest';
import { signBody, verifySignature } from './signature.ts';

describe('X-Spark-Signature', () => {
  const body = '{"event":"RUN_FAILED","summary":"Run 0193 failed: tool timed out"}';

  it('is sha256= and the hex HMAC-SHA256 of the raw body with the secret', () => {
    const expected = createHmac('sha256', 'the-secret').update(Buffer.from(body, 'utf8')).digest('hex');
    assert.equal(signBody(body, 'the-secret'), `sha256=${expected}`);
    assert.match(signBody(body, 'the-secret'), /^sha256=[0-9a-f]{64}$/);
  });

  it('verifies only the same bytes under the same secret', () => {
    const header = signBody(body, 'the-secret');
    assert.equal(verifySignature(body, 'the-secret', header), true);
    assert.equal(verifySignature(`${body} `, 'the-secret', header), false);
    assert.equal(verifySignature(body, 'another-secret', header), false);
    assert.equal(verifySignature(body, 'the-secret', null), false);
    assert.equal(verifySignature(body, 'the-secret', 'sha256=00'), false);
  });
});

// X-Forwarded-For names the client only when it comes from TRUSTED_PROXIES (issue 9 item 7).
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestPglite } from '../testkit/postgres.ts';
import { errorCode, startTestApi, type TestApi } from './api-testkit.ts';

const anonymous = (t: TestApi, forwardedFor: string) =>
  t.gql('{ me { id } }', {}, { headers: { 'x-forwarded-for': forwardedFor } });

describe('anonymous rate limit keys on the client address', () => {
  let drop: () => Promise<void>;
  let behindProxy: TestApi;
  beforeAll(async () => {
    const target = await createTestPglite();
    drop = target.drop;
    // The tests connect from 127.0.0.1: here that is the trusted proxy.
    behindProxy = await startTestApi({
      db: target.db,
      limits: { rate: { capacity: 2, refillPerSecond: 0.001 } },
      env: { TRUSTED_PROXIES: '127.0.0.1, ::1' },
    });
  });
  afterAll(async () => {
    await behindProxy.close();
    await drop();
  });

  it('behind a trusted proxy each forwarded client has its own bucket', async () => {
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(errorCode((await anonymous(behindProxy, '198.51.100.1')).body));
    // Anonymous `me` is UNAUTHENTICATED; the third call from the same client is over its bucket.
    assert.deepEqual(codes, ['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    assert.equal(errorCode((await anonymous(behindProxy, '198.51.100.2')).body), 'UNAUTHENTICATED');
    // A client that prepends an address of its own does not get a new bucket: the proxy's entry counts.
    assert.equal(errorCode((await anonymous(behindProxy, '203.0.113.9, 198.51.100.1')).body), 'RATE_LIMITED');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { clientAddress, NO_TRUSTED_PROXIES, parseTrustedProxies } from './client-address.ts';

describe('client address behind proxies', () => {
  const proxies = parseTrustedProxies('10.0.0.1, 172.16.0.0/12, fd00::/8');

  it('believes X-Forwarded-For only from a trusted proxy', () => {
    // A direct client picks any header value it likes: it is ignored.
    assert.equal(clientAddress('203.0.113.7', '1.2.3.4', proxies), '203.0.113.7');
    assert.equal(clientAddress('203.0.113.7', '1.2.3.4', NO_TRUSTED_PROXIES), '203.0.113.7');
    // Through the proxy: the address the proxy saw.
    assert.equal(clientAddress('10.0.0.1', '198.51.100.9', proxies), '198.51.100.9');
    assert.equal(clientAddress('::ffff:10.0.0.1', '198.51.100.9', proxies), '198.51.100.9');
  });

  it('walks from the right: entries a client prepended are not believed', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the real address.
    assert.equal(clientAddress('10.0.0.1', '1.1.1.1, 198.51.100.9', proxies), '198.51.100.9');
    // Two trusted hops.
    assert.equal(clientAddress('10.0.0.1', '1.1.1.1, 198.51.100.9, 172.20.1.1', proxies), '198.51.100.9');
    // Garbage in the header stops at the last trusted hop.
    assert.equal(clientAddress('10.0.0.1', 'not-an-ip', proxies), '10.0.0.1');
    assert.equal(clientAddress('fd00::5', ['198.51.100.1', '2001:db8::1'], proxies), '2001:db8::1');
  });

  it('refuses a setting that is not addresses and CIDRs, naming the entry', () => {
    assert.throws(() => parseTrustedProxies('10.0.0.1, proxy.local'), /"proxy.local"/);
    assert.throws(() => parseTrustedProxies('10.0.0.0/33'), /"10.0.0.0\/33"/);
    assert.equal(parseTrustedProxies('').trusts('10.0.0.1'), false);
  });
});

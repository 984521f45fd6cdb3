import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { sampleRequest } from './provider-testkit.ts';
import { canonicalJson, requestHash } from './request-hash.ts';

/** The same value with every object's keys inserted in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, inner]) => [key, reverseKeys(inner)]),
  );
}

describe('request hash', () => {
  it('canonical JSON does not depend on key order, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.equal(canonicalJson(reverseKeys(value)), canonicalJson(value));
        assert.deepEqual(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('keeps a "__proto__" key as data', () => {
    assert.equal(canonicalJson(JSON.parse('{"b":2,"__proto__":{"a":1}}')), '{"__proto__":{"a":1},"b":2}');
  });

  it('equal requests hash equal; any change in content or message order changes the hash', () => {
    const request = sampleRequest();
    const hash = requestHash(request);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(requestHash(reverseKeys(request) as typeof request), hash);
    assert.notEqual(requestHash(sampleRequest({ temperature: 0.1 })), hash);
    assert.notEqual(requestHash({ ...request, messages: [...request.messages].reverse() }), hash);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { backoffMs, graphqlWsUrl } from './ws-client.ts';

describe('ws-client', () => {
  it('backs off exponentially with jitter, capped at 15 s', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 10].map((retries) => backoffMs(retries, () => 0.5)),
      [500, 1000, 2000, 4000, 15000],
    );
    assert.equal(
      backoffMs(0, () => 0),
      375,
    );
    assert.equal(
      backoffMs(20, () => 1),
      18750,
    );
  });

  it('connects to /graphql on the page origin, secure when the page is', () => {
    assert.equal(
      graphqlWsUrl({ protocol: 'https:', host: 'ops.example.com' } as Location),
      'wss://ops.example.com/graphql',
    );
    assert.equal(
      graphqlWsUrl({ protocol: 'http:', host: 'localhost:8000' } as Location),
      'ws://localhost:8000/graphql',
    );
  });
});

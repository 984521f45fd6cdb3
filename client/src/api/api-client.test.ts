import assert from 'node:assert/strict';
import type { Client as WsClient } from 'graphql-ws';
import { gql } from 'urql';
import { afterEach, describe, it, vi } from 'vitest';
import { createApiClient, READ_YOUR_WRITES_MS } from './api-client.ts';

const noSockets = { subscribe: () => () => {} } as unknown as WsClient;

describe('createApiClient', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks every mutation to wait for the read models, so the refetch after it sees the write', async () => {
    const seen: Headers[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return new Response(JSON.stringify({ data: { createDataset: { __typename: 'Dataset', id: 'd1' } } }), {
        headers: { 'content-type': 'application/json' },
      });
    });
    const client = createApiClient({ token: 'secret', wsClient: noSockets, onUnauthenticated: () => {} });
    const result = await client
      .mutation(gql`mutation { createDataset(input: { name: "x" }) { id } }`, {})
      .toPromise();
    assert.equal(result.error, undefined);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]?.get('x-wait-for-projections'), String(READ_YOUR_WRITES_MS));
    assert.equal(seen[0]?.get('authorization'), 'Bearer secret');
  });
});
